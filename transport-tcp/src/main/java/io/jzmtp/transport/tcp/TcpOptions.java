package io.jzmtp.transport.tcp;

import io.jzmtp.transport.TransportOptions;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import jdk.net.ExtendedSocketOptions;

/**
 * Applies {@link TransportOptions} to a bootstrap: for a server bootstrap to its accepted child channels, for a client
 * bootstrap to the connected channel, so both ends of the product behave the same. TCP keepalive tuning uses epoll's
 * options natively and the JDK's extended socket options under NIO.
 */
final class TcpOptions {

    private TcpOptions() {
    }

    static void apply(AbstractBootstrap<?, ?> bootstrap, TransportOptions o, boolean epoll,
                      WriteBufferWaterMark waterMark) {
        Setter set = bootstrap instanceof ServerBootstrap sb ? sb::childOption : bootstrap::option;
        set.option(ChannelOption.TCP_NODELAY, true);
        set.option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark);
        if (o.sendBuffer() > 0) {
            set.option(ChannelOption.SO_SNDBUF, o.sendBuffer());
        }
        if (o.receiveBuffer() > 0) {
            set.option(ChannelOption.SO_RCVBUF, o.receiveBuffer());
        }
        if (o.tcpKeepalive() >= 0) {
            set.option(ChannelOption.SO_KEEPALIVE, o.tcpKeepalive() == 1);
        }
        if (o.tcpKeepalive() == 1) {
            keepaliveTuning(set, o, epoll);
        }
    }

    private static void keepaliveTuning(Setter set, TransportOptions o, boolean epoll) {
        if (o.tcpKeepaliveIdle() > 0) {
            set.option(epoll ? EpollChannelOption.TCP_KEEPIDLE
                    : NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), o.tcpKeepaliveIdle());
        }
        if (o.tcpKeepaliveIntvl() > 0) {
            set.option(epoll ? EpollChannelOption.TCP_KEEPINTVL
                    : NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), o.tcpKeepaliveIntvl());
        }
        if (o.tcpKeepaliveCnt() > 0) {
            set.option(epoll ? EpollChannelOption.TCP_KEEPCNT
                    : NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), o.tcpKeepaliveCnt());
        }
    }

    /** Sets an option on either the channel or the accepted children. */
    @FunctionalInterface
    private interface Setter {
        <T> Object option(ChannelOption<T> option, T value);
    }
}
