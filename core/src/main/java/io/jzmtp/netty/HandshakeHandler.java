package io.jzmtp.netty;

import io.jzmtp.mechanism.Mechanism;
import io.jzmtp.msg.Metadata;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs the security handshake after the greetings: feeds the peer's commands to the {@link Mechanism}, sends its
 * answers, checks that the peer's socket type may talk to ours (ZMTP.md §6), and then fires {@link HandshakeCompleted}
 * and removes itself. A step that waits for an answer from elsewhere (ZAP) holds the peer's further commands without
 * blocking the event loop. Also enforces HANDSHAKE_IVL from the moment the connection is up, greeting included.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {

    private final Mechanism mechanism;
    private final Set<String> compatiblePeerTypes;
    private final long handshakeMillis;
    private final ConnectionState state;
    private ScheduledFuture<?> timeout;
    /** Commands that arrived while the mechanism waited for an answer from elsewhere. */
    private final ArrayDeque<Command> held = new ArrayDeque<>();
    private static final int MAX_HELD_COMMANDS = 16;
    private boolean waiting;
    private final Function<Channel, List<Metadata.Property>> transportProperties;

    HandshakeHandler(Mechanism mechanism, Set<String> compatiblePeerTypes, long handshakeMillis,
                     ConnectionState state) {
        this(mechanism, compatiblePeerTypes, handshakeMillis, state, ch -> List.of());
    }

    /** As above; {@code transportProperties} gives what the transport knows of the peer (ipc: its credentials). */
    HandshakeHandler(Mechanism mechanism, Set<String> compatiblePeerTypes, long handshakeMillis,
                     ConnectionState state, Function<Channel, List<Metadata.Property>> transportProperties) {
        this.mechanism = mechanism;
        this.compatiblePeerTypes = compatiblePeerTypes;
        this.handshakeMillis = handshakeMillis;
        this.state = state;
        this.transportProperties = transportProperties;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (handshakeMillis > 0) {
            timeout = ctx.executor().schedule(() -> ctx.fireExceptionCaught(new ZmtpProtocolException(
                    ZmtpError.HANDSHAKE_TIMEOUT, "handshake not complete after " + handshakeMillis + " ms"
                            + (state.canSendCommands() ? "" : " (greeting incomplete)"))),
                    handshakeMillis, TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
        mechanism.dispose();   // removed on completion and when the channel closes: either way the secrets can go
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof GreetingHandler.GreetingCompleted greeting) {
            mechanism.peerGreeting(greeting.peerAsServer(), Addresses.host(ctx.channel().remoteAddress()));
            step(ctx, mechanism.begin());
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Command command)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (waiting) {
            // The mechanism waits for an answer; it reads these once it has one. A well-behaved peer sends at most a
            // few (it waits for our reply), so a long queue is a flood, and memory stays bounded.
            if (held.size() == MAX_HELD_COMMANDS) {
                throw new ZmtpProtocolException(ZmtpError.UNEXPECTED_COMMAND, "the peer sent more than "
                        + MAX_HELD_COMMANDS + " commands while its " + mechanism.name()
                        + " handshake waited for an answer");
            }
            held.addLast(command);
            return;
        }
        step(ctx, mechanism.receive(command));
    }

    /** Carries out one step of the mechanism: sends what it says, completes, or waits for its answer. */
    private void step(ChannelHandlerContext ctx, Mechanism.Step step) {
        send(ctx, step.toSend());
        if (step.isComplete()) {
            complete(ctx, step.peerMetadata());
        } else if (step.isPending()) {
            waiting = true;
            step.pending().whenComplete((next, failure) -> ctx.executor().execute(() -> resume(ctx, next, failure)));
        }
    }

    /** The answer a step waited for arrived: go on, then with the commands that came meanwhile. On the event loop. */
    private void resume(ChannelHandlerContext ctx, Mechanism.Step next, Throwable failure) {
        if (ctx.isRemoved() || !ctx.channel().isActive()) {
            return;
        }
        waiting = false;
        try {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                throw cause instanceof ZmtpProtocolException z ? z : new ZmtpProtocolException(
                        ZmtpError.AUTHENTICATION_FAILED, "the " + mechanism.name() + " handshake could not go on: "
                        + cause, "500");
            }
            step(ctx, next);
            Command c;
            while (!waiting && !ctx.isRemoved() && (c = held.pollFirst()) != null) {
                step(ctx, mechanism.receive(c));
            }
        } catch (RuntimeException e) {
            ctx.fireExceptionCaught(e);
        }
    }

    private void complete(ChannelHandlerContext ctx, Metadata peerMetadata) {
        requireOnce(peerMetadata, Metadata.SOCKET_TYPE);
        requireOnce(peerMetadata, Metadata.IDENTITY);
        String peerType = peerMetadata.socketType().orElse(null);
        // libzmq accepts a READY without Socket-Type (ZMTP.md §5.2), so we do too.
        if (peerType != null && !compatiblePeerTypes.contains(peerType)) {
            throw new ZmtpProtocolException(ZmtpError.INCOMPATIBLE_PEER, "peer socket type '" + peerType
                    + "' cannot talk to this socket (accepts " + String.join(", ", sorted(compatiblePeerTypes)) + ")");
        }
        SocketAddress remote = ctx.channel().remoteAddress();
        String address = Addresses.text(remote);
        List<Metadata.Property> fromTransport = transportProperties.apply(ctx.channel());
        Metadata local = withoutLocalNames(peerMetadata, fromTransport).with(
                new Metadata.Property(Metadata.PEER_ADDRESS, Addresses.host(remote).getBytes(StandardCharsets.UTF_8)),
                new Metadata.Property(Metadata.PROTOCOL,
                        state.version().toString().getBytes(StandardCharsets.US_ASCII)))
                .with(fromTransport.toArray(new Metadata.Property[0]));
        PeerInfo peer = new PeerInfo(local, state.version(), address);
        state.handshakeCompleted(peer, mechanism.frameBox());
        ctx.pipeline().remove(this);
        ctx.fireUserEventTriggered(new HandshakeCompleted(peer));
        if (!held.isEmpty()) {
            Command c;
            while ((c = held.pollFirst()) != null) {
                ctx.fireChannelRead(c);   // commands after the handshake (SUBSCRIBE, PING) that came while it waited
            }
            ctx.fireChannelReadComplete();   // as after a read: replies owed to them go out now
        }
    }

    /**
     * A property that decides what the peer may do (its type, its identity) must not be given twice: otherwise which
     * one counts would depend on who reads it (a PUSH-then-PUB READY would pass a check that reads the first).
     */
    private static void requireOnce(Metadata metadata, String name) {
        long count = metadata.properties().stream().filter(p -> p.name().equalsIgnoreCase(name)).count();
        if (count > 1) {
            throw new ZmtpProtocolException(ZmtpError.BAD_METADATA, "peer's READY gives " + name + " " + count
                    + " times");
        }
    }

    /** The peer's properties minus the names only this side may set (a peer must not claim another uid). */
    private static Metadata withoutLocalNames(Metadata peer, List<Metadata.Property> fromTransport) {
        return Metadata.of(peer.properties().stream()
                .filter(p -> !p.name().equalsIgnoreCase(Metadata.PEER_ADDRESS)
                        && !p.name().equalsIgnoreCase(Metadata.PROTOCOL)
                        && fromTransport.stream().noneMatch(t -> t.name().equalsIgnoreCase(p.name())))
                .toList());
    }

    private static void send(ChannelHandlerContext ctx, List<Command> commands) {
        if (!commands.isEmpty()) {
            for (Command c : commands) {
                ctx.write(c, ctx.voidPromise());
            }
            ctx.flush();
        }
    }

    private static List<String> sorted(Set<String> types) {
        return types.stream().sorted().toList();
    }

    /** Fired once the handshake is complete and the peer accepted. */
    record HandshakeCompleted(PeerInfo peer) {
    }
}
