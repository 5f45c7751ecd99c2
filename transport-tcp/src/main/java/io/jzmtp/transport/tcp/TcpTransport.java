package io.jzmtp.transport.tcp;

import io.jzmtp.transport.AcceptFailureHandler;
import io.jzmtp.transport.BindFailedException;
import io.jzmtp.transport.BoundEndpoint;
import io.jzmtp.transport.Endpoint;
import io.jzmtp.transport.IoRuntime;
import io.jzmtp.transport.StreamSocketOptions;
import io.jzmtp.transport.Transport;
import io.jzmtp.transport.TransportOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.function.Consumer;

/**
 * The {@code tcp://} transport: Netty sockets (native epoll when available, else NIO) with TCP_NODELAY on, the TCP
 * keepalive options applied to accepted and connected channels alike, and host names resolved on every connect.
 */
public final class TcpTransport implements Transport {


    @Override
    public String scheme() {
        return "tcp";
    }

    @Override
    public Endpoint parse(String endpoint) {
        return TcpEndpoint.parse(endpoint);
    }

    @Override
    public BoundEndpoint bind(Endpoint endpoint, IoRuntime io, ChannelInitializer<Channel> initializer,
                              TransportOptions options, Consumer<Throwable> acceptFailed) {
        TcpEndpoint ep = (TcpEndpoint) endpoint;
        InetSocketAddress address;
        try {
            // '*' is IPv4's any-address, as in libzmq without the IPV6 option.
            address = new InetSocketAddress(InetAddress.getByName(ep.isAnyHost() ? "0.0.0.0" : ep.host()), ep.port());
        } catch (UnknownHostException e) {
            throw new BindFailedException(ep.toString(), e);
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(io.group())
                .channel(serverChannelType(io))
                .option(ChannelOption.SO_BACKLOG,
                        options.get(StreamSocketOptions.BACKLOG, StreamSocketOptions.DEFAULT_BACKLOG))
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new AcceptFailureHandler(acceptFailed))
                .childHandler(initializer);
        TcpOptions.apply(b, options, io.isEpoll());
        ChannelFuture f = b.bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new BindFailedException(ep.toString(), f.cause());
        }
        Channel server = f.channel();
        InetSocketAddress local = (InetSocketAddress) server.localAddress();
        TcpEndpoint bound = new TcpEndpoint(stripScope(NetUtil.toAddressString(local.getAddress())), local.getPort());
        return new TcpBoundEndpoint(bound, server);
    }

    @Override
    public ChannelFuture connect(Endpoint endpoint, EventLoop loop, IoRuntime io,
                                 ChannelInitializer<Channel> initializer, TransportOptions options) {
        TcpEndpoint ep = (TcpEndpoint) endpoint;
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(channelType(io))
                .handler(initializer);
        TcpOptions.apply(b, options, io.isEpoll());
        int connectTimeout = options.get(TcpOptions.CONNECT_TIMEOUT, 0);
        if (connectTimeout > 0) {
            b.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeout);
        }
        // Unresolved, so the bootstrap resolves the name afresh on every (re)connect.
        return b.connect(InetSocketAddress.createUnresolved(ep.host(), ep.port()));
    }

    /** The client channel class that registers on {@code io}'s event loops: epoll's on epoll, NIO's on NIO. */
    static Class<? extends SocketChannel> channelType(IoRuntime io) {
        return io.isEpoll() ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The server channel class that registers on {@code io}'s event loops. */
    static Class<? extends ServerChannel> serverChannelType(IoRuntime io) {
        return io.isEpoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** A listening tcp endpoint and its server channel. */
    record TcpBoundEndpoint(Endpoint endpoint, Channel server) implements BoundEndpoint {
        @Override
        public ChannelFuture close() {
            return server.close();
        }
    }


    private static String stripScope(String host) {
        int pct = host.indexOf('%');
        return pct < 0 ? host : host.substring(0, pct);
    }
}
