package io.jzmtp.transport;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;

/**
 * What every stream-socket transport (tcp, ipc) sets the same way on its channels: Netty's write-buffer water mark
 * and the socket buffer sizes, read from {@link TransportOptions} by their libzmq names.
 */
public final class StreamSocketOptions {

    /** libzmq's option names: the buffer sizes, read here, and the listen backlog, read by each transport's bind. */
    public static final String SNDBUF = "SNDBUF";
    public static final String RCVBUF = "RCVBUF";
    public static final String BACKLOG = "BACKLOG";

    /** Outbound bytes queued in Netty before a channel reports itself unwritable and its pipe stops draining. */
    public static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    /** libzmq's listen backlog. */
    public static final int DEFAULT_BACKLOG = 100;

    /** Sets an option on the channels a bootstrap makes. */
    @FunctionalInterface
    public interface Setter {
        <T> Object option(ChannelOption<T> option, T value);
    }

    private StreamSocketOptions() {
    }

    /**
     * Where options for the channels {@code bootstrap} makes go: a server bootstrap's accepted children, or a client
     * bootstrap's connected channel, so that both ends of a transport behave the same.
     */
    public static Setter channelsOf(AbstractBootstrap<?, ?> bootstrap) {
        return bootstrap instanceof ServerBootstrap server ? server::childOption : bootstrap::option;
    }

    /** Applies the water mark, and SNDBUF and RCVBUF when set, to the channels {@code bootstrap} makes. */
    public static void apply(AbstractBootstrap<?, ?> bootstrap, TransportOptions options) {
        Setter set = channelsOf(bootstrap);
        set.option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK);
        int sendBuffer = options.get(SNDBUF, -1);
        if (sendBuffer > 0) {
            set.option(ChannelOption.SO_SNDBUF, sendBuffer);
        }
        int receiveBuffer = options.get(RCVBUF, -1);
        if (receiveBuffer > 0) {
            set.option(ChannelOption.SO_RCVBUF, receiveBuffer);
        }
    }
}
