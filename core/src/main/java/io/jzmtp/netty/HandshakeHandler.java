package io.jzmtp.netty;

import io.jzmtp.mechanism.Mechanism;
import io.jzmtp.msg.Metadata;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs the security handshake after the greetings: feeds the peer's commands to the {@link Mechanism}, sends its
 * answers, checks that the peer's socket type may talk to ours (ZMTP.md §6), and then fires {@link HandshakeCompleted}
 * and removes itself. Also enforces HANDSHAKE_IVL from the moment the connection is up, greeting included.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {

    private final Mechanism mechanism;
    private final Set<String> compatiblePeerTypes;
    private final long handshakeMillis;
    private final ConnectionState state;
    private ScheduledFuture<?> timeout;

    HandshakeHandler(Mechanism mechanism, Set<String> compatiblePeerTypes, long handshakeMillis,
                     ConnectionState state) {
        this.mechanism = mechanism;
        this.compatiblePeerTypes = compatiblePeerTypes;
        this.handshakeMillis = handshakeMillis;
        this.state = state;
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
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof GreetingHandler.GreetingCompleted) {
            send(ctx, mechanism.start());
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Command command)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Mechanism.Step step = mechanism.receive(command);
        send(ctx, step.toSend());
        if (step.isComplete()) {
            complete(ctx, step.peerMetadata());
        }
    }

    private void complete(ChannelHandlerContext ctx, Metadata peerMetadata) {
        String peerType = peerMetadata.socketType().orElse(null);
        // libzmq accepts a READY without Socket-Type (ZMTP.md §5.2), so we do too.
        if (peerType != null && !compatiblePeerTypes.contains(peerType)) {
            throw new ZmtpProtocolException(ZmtpError.INCOMPATIBLE_PEER, "peer socket type '" + peerType
                    + "' cannot talk to this socket (accepts " + String.join(", ", sorted(compatiblePeerTypes)) + ")");
        }
        SocketAddress remote = ctx.channel().remoteAddress();
        String address = Addresses.text(remote);
        Metadata local = withoutLocalNames(peerMetadata).with(
                new Metadata.Property(Metadata.PEER_ADDRESS, Addresses.host(remote).getBytes(StandardCharsets.UTF_8)),
                new Metadata.Property(Metadata.PROTOCOL, state.version().toString().getBytes(StandardCharsets.US_ASCII)));
        PeerInfo peer = new PeerInfo(local, state.version(), address);
        state.handshakeCompleted(peer);
        ctx.pipeline().remove(this);
        ctx.fireUserEventTriggered(new HandshakeCompleted(peer));
    }

    /** The peer's properties minus the names only this side may set. */
    private static Metadata withoutLocalNames(Metadata peer) {
        return Metadata.of(peer.properties().stream()
                .filter(p -> !p.name().equalsIgnoreCase(Metadata.PEER_ADDRESS)
                        && !p.name().equalsIgnoreCase(Metadata.PROTOCOL))
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
