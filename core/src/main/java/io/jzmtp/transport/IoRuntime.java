package io.jzmtp.transport;

import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;

import java.util.concurrent.TimeUnit;

/**
 * The I/O threads of one context: a Netty event loop group using native epoll when its library is on the class path
 * (Linux x86_64) and NIO otherwise, plus the channel classes that go with it. Set the system property
 * {@code jzmtp.epoll=false} to force NIO.
 */
public final class IoRuntime implements AutoCloseable {

    private final MultiThreadIoEventLoopGroup group;
    private final boolean epoll;

    private IoRuntime(int threads, boolean epoll) {
        this.epoll = epoll;
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("jzmtp-io", true), factory);
    }

    /** Starts {@code threads} I/O threads. */
    public static IoRuntime create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("I/O threads must be >= 1: " + threads);
        }
        boolean useEpoll = !"false".equals(System.getProperty("jzmtp.epoll")) && Epoll.isAvailable();
        return new IoRuntime(threads, useEpoll);
    }

    /** The event loop group. */
    public MultiThreadIoEventLoopGroup group() {
        return group;
    }

    /** The next event loop, round-robin: where a new connection or pipe lives. */
    public EventLoop next() {
        return group.next();
    }

    /** Whether native epoll is in use. */
    public boolean isEpoll() {
        return epoll;
    }

    /** The TCP client channel class matching the group. */
    public Class<? extends SocketChannel> tcpChannelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The TCP server channel class matching the group. */
    public Class<? extends ServerChannel> tcpServerChannelType() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Stops the I/O threads, waiting at most {@code timeoutMillis}. */
    public boolean shutdown(long timeoutMillis) {
        Future<?> f = group.shutdownGracefully(0, timeoutMillis, TimeUnit.MILLISECONDS);
        return f.awaitUninterruptibly(timeoutMillis + 1000);
    }

    @Override
    public void close() {
        shutdown(2000);
    }
}
