package io.jzmtp.transport;

import io.jzmtp.msg.Metadata;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;

import java.util.List;
import java.util.function.Consumer;

/**
 * A way to carry ZMTP: {@code tcp}, {@code ipc}, … Implementations are found with {@link java.util.ServiceLoader} by
 * {@link TransportRegistry}, so the core depends on none of them; each Context has instances of its own, so a
 * transport may keep per-Context state (the names of inproc). A transport only moves bytes: the ZMTP pipeline is
 * the initializer it is given, and reconnecting is done by the caller.
 */
public interface Transport {

    /** The scheme this transport serves, e.g. {@code tcp}. */
    String scheme();

    /**
     * Parses {@code endpoint} (including the {@code scheme://} prefix).
     *
     * @throws IllegalArgumentException quoting the endpoint and saying what is wrong with it
     */
    Endpoint parse(String endpoint);

    /**
     * Binds {@code endpoint} and waits until it listens. Accepted connections are set up by {@code initializer};
     * a connection that could not be accepted (e.g. out of file descriptors) is reported to {@code acceptFailed}, on
     * an I/O thread, and the endpoint keeps listening.
     *
     * @throws BindFailedException when the endpoint cannot be bound (port in use, no such interface, …)
     */
    BoundEndpoint bind(Endpoint endpoint, IoRuntime io, ChannelInitializer<Channel> initializer,
                       TransportOptions options, Consumer<Throwable> acceptFailed);

    /**
     * Starts one connection attempt to {@code endpoint} on {@code loop} (names are resolved again on every attempt),
     * without waiting for it.
     */
    ChannelFuture connect(Endpoint endpoint, EventLoop loop, IoRuntime io, ChannelInitializer<Channel> initializer,
                          TransportOptions options);

    /**
     * What this transport knows of the peer of {@code channel} once its handshake is done, added to the peer's
     * metadata under names that the peer cannot set itself (ipc: the peer process's credentials). None by default.
     */
    default List<Metadata.Property> peerProperties(Channel channel) {
        return List.of();
    }
}
