package io.jzmtp.netty;

import io.jzmtp.mechanism.Mechanism;
import io.jzmtp.msg.Metadata;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Assembles the pipeline of one ZMTP connection, head to tail:
 * <ol>
 *   <li>{@code greeting}: {@link GreetingHandler}, removed after the greeting;</li>
 *   <li>{@code decoder}: {@link ZmtpDecoder}, bytes to whole messages (handed straight to the bridge) and commands;</li>
 *   <li>{@code frameEncoder}: {@link FrameEncoder}, commands (and any message written through the pipeline);</li>
 *   <li>{@code handshake}: {@link HandshakeHandler}, removed after the handshake;</li>
 *   <li>{@code commands}: {@link CommandHandler} (PING/PONG, subscriptions, ERROR);</li>
 *   <li>{@code heartbeat}: {@link HeartbeatHandler}, timers only, not on the read path;</li>
 *   <li>{@code bridge}: {@link PipeBridge}, the link to the socket's pipe, which also encodes what it drains, into
 *   the {@link FrameWriter} it shares with the encoder;</li>
 *   <li>{@code guard}: {@link ConnectionGuard}, where every failure ends.</li>
 * </ol>
 * Shareable: one initializer serves every connection of a bound or connected endpoint.
 */
public final class ZmtpChannelInitializer extends ChannelInitializer<Channel> {

    private final ConnectionConfig config;
    private final ConnectionHandler handler;
    private final ChannelGroup channels;
    private final Function<Channel, List<Metadata.Property>> transportProperties;

    /**
     * An initializer for connections of a socket configured by {@code config}, reporting to {@code handler}; every
     * channel joins {@code channels} so that its owner can close them all, handshaking or not.
     */
    public ZmtpChannelInitializer(ConnectionConfig config, ConnectionHandler handler, ChannelGroup channels) {
        this(config, handler, channels, ch -> List.of());
    }

    /**
     * As above, with {@code transportProperties} giving what the transport knows of each peer once its handshake is
     * done (ipc: the peer process's credentials), added to the peer's metadata.
     */
    public ZmtpChannelInitializer(ConnectionConfig config, ConnectionHandler handler, ChannelGroup channels,
                                  Function<Channel, List<Metadata.Property>> transportProperties) {
        this.config = Objects.requireNonNull(config, "config");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.transportProperties = Objects.requireNonNull(transportProperties, "transportProperties");
    }

    /**
     * A group for the channels of one endpoint, to pass to the constructor. Once the group has been closed, a channel
     * that joins it is closed at once: a connection accepted or connected while its endpoint was closing must not
     * outlive it (it would hold a file descriptor and a half-read greeting until the process ends).
     */
    public static ChannelGroup newEndpointGroup(String endpoint) {
        return new DefaultChannelGroup(endpoint, GlobalEventExecutor.INSTANCE, true);
    }

    @Override
    protected void initChannel(Channel ch) {
        channels.add(ch);
        ConnectionState state = new ConnectionState();
        Mechanism mechanism = config.mechanism().create(config.localMetadata());
        ChannelPipeline p = ch.pipeline();
        FrameWriter writer = new FrameWriter(state);   // one per connection: the encoder's and the bridge's
        PipeBridge bridge = new PipeBridge(handler, state, writer);
        ReadSizes readSizes = new ReadSizes();
        readSizes.install(ch.config());
        p.addLast("greeting", new GreetingHandler(mechanism.name(), mechanism.asServer(),
                config.routingId().length, state));
        p.addLast("decoder", new ZmtpDecoder(config.maxMessageSize(), state, bridge, mechanism.name(),
                mechanism.readsUndecodedCommands(), config.arrayBodies(), readSizes));
        p.addLast("frameEncoder", new FrameEncoder(writer));
        p.addLast("handshake", new HandshakeHandler(mechanism, config.compatiblePeerTypes(),
                config.handshakeMillis(), state, transportProperties));
        p.addLast("commands", new CommandHandler());
        p.addLast("heartbeat", new HeartbeatHandler(config.heartbeat(), state));
        p.addLast("bridge", bridge);
        p.addLast("guard", new ConnectionGuard(state));
    }
}
