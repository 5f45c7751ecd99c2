package io.jzmtp.transport;

import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;

import java.util.concurrent.TimeUnit;

/**
 * The I/O threads of one context: a Netty event loop group using native epoll when its library is on the class path
 * (Linux x86_64) and NIO otherwise. Each transport picks the channel classes that register on it ({@link #isEpoll()}
 * says which kind of loop it is). Set the system property {@code jzmtp.epoll=false} to force NIO.
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
