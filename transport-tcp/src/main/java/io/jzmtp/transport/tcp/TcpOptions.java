package io.jzmtp.transport.tcp;

import io.jzmtp.transport.StreamSocketOptions;
import io.jzmtp.transport.TransportOptions;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import jdk.net.ExtendedSocketOptions;

/**
 * Applies {@link TransportOptions} to a bootstrap: for a server bootstrap to its accepted child channels, for a client
 * bootstrap to the connected channel, so both ends of the product behave the same. TCP keepalive tuning uses epoll's
 * options natively and the JDK's extended socket options under NIO.
 */
final class TcpOptions {

    /** The libzmq option names this transport reads from {@link TransportOptions}. */
    static final String CONNECT_TIMEOUT = "CONNECT_TIMEOUT";
    static final String TCP_KEEPALIVE = "TCP_KEEPALIVE";
    static final String TCP_KEEPALIVE_IDLE = "TCP_KEEPALIVE_IDLE";
    static final String TCP_KEEPALIVE_INTVL = "TCP_KEEPALIVE_INTVL";
    static final String TCP_KEEPALIVE_CNT = "TCP_KEEPALIVE_CNT";

    private TcpOptions() {
    }

    static void apply(AbstractBootstrap<?, ?> bootstrap, TransportOptions o, boolean epoll) {
        StreamSocketOptions.apply(bootstrap, o);
        StreamSocketOptions.Setter set = StreamSocketOptions.channelsOf(bootstrap);
        set.option(ChannelOption.TCP_NODELAY, true);
        int keepalive = o.get(TCP_KEEPALIVE, -1);
        if (keepalive >= 0) {
            set.option(ChannelOption.SO_KEEPALIVE, keepalive == 1);
        }
        if (keepalive == 1) {
            keepaliveTuning(set, o, epoll);
        }
    }

    private static void keepaliveTuning(StreamSocketOptions.Setter set, TransportOptions o, boolean epoll) {
        int idle = o.get(TCP_KEEPALIVE_IDLE, -1);
        if (idle > 0) {
            set.option(epoll ? EpollChannelOption.TCP_KEEPIDLE
                    : NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), idle);
        }
        int interval = o.get(TCP_KEEPALIVE_INTVL, -1);
        if (interval > 0) {
            set.option(epoll ? EpollChannelOption.TCP_KEEPINTVL
                    : NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), interval);
        }
        int count = o.get(TCP_KEEPALIVE_CNT, -1);
        if (count > 0) {
            set.option(epoll ? EpollChannelOption.TCP_KEEPCNT
                    : NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), count);
        }
    }
}
