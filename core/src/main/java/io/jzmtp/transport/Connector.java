package io.jzmtp.transport;

import io.jzmtp.netty.Addresses;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one outgoing connection alive: connects, and after a failed attempt or a closed connection tries again
 * according to the {@link ReconnectPolicy}, resolving the host name again each time. Stops for good after a permanent
 * protocol failure (as libzmq does, ZMTP.md §11) or when {@link #stop()} is called. All state lives on one event
 * loop, so the channels it creates share the I/O thread of the pipe they serve.
 */
public final class Connector implements Dialer {

    /** What the connector tells its owner. Called on the connector's event loop. */
    public interface Listener {

        /** A connection to {@code remoteAddress} is up (the ZMTP handshake follows). */
        void connected(String remoteAddress);

        /** An attempt failed; another follows after {@code retryMillis}, or none if negative. */
        void connectFailed(Throwable cause, long retryMillis);

        /** A closed connection will be retried after {@code retryMillis}. */
        void reconnectScheduled(long retryMillis);
    }

    private final Transport transport;
    private final Endpoint endpoint;
    private final EventLoop loop;
    private final IoRuntime io;
    private final ChannelInitializer<Channel> initializer;
    private final TransportOptions options;
    private final ReconnectPolicy policy;
    private final Listener listener;
    private int failures;
    private boolean stopped;
    private Channel channel;
    /** The channel of an attempt still under way (TCP connect not yet complete), which stop() must close too. */
    private Channel attempting;
    private ScheduledFuture<?> retry;

    /** A connector that has not started yet. */
    public Connector(Transport transport, Endpoint endpoint, EventLoop loop, IoRuntime io,
                     ChannelInitializer<Channel> initializer, TransportOptions options, ReconnectPolicy policy,
                     Listener listener) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.io = Objects.requireNonNull(io, "io");
        this.initializer = Objects.requireNonNull(initializer, "initializer");
        this.options = Objects.requireNonNull(options, "options");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.listener = Objects.requireNonNull(listener, "listener");
    }


    /** Makes the first attempt. */
    @Override
    public void start() {
        loop.execute(this::attempt);
    }

    /** The handshake on the current connection succeeded: the next failure starts the backoff afresh. */
    @Override
    public void handshakeSucceeded() {
        loop.execute(() -> failures = 0);
    }

    /**
     * The current connection ended. Schedules the next attempt unless {@code permanent} (a protocol failure that
     * retrying cannot fix), the policy forbids it, or the connector was stopped.
     */
    @Override
    public void connectionClosed(boolean permanent) {
        loop.execute(() -> {
            channel = null;
            if (stopped || permanent || !policy.reconnects()) {
                return;
            }
            long delay = policy.delayMillis(failures++);
            listener.reconnectScheduled(delay);
            schedule(delay);
        });
    }

    /** Stops reconnecting and closes the current connection; the future completes once it is closed. */
    @Override
    public Future<Void> stop() {
        Promise<Void> done = loop.newPromise();
        loop.execute(() -> {
            stopped = true;
            if (retry != null) {
                retry.cancel(false);
            }
            // An attempt under way is closed too: left alone it would outlive the socket (and, once the context
            // has stopped its I/O threads, hold its file descriptor for ever).
            Channel open = channel != null ? channel : attempting;
            if (open != null) {
                open.close().addListener(f -> done.setSuccess(null));
            } else {
                done.setSuccess(null);
            }
        });
        return done;
    }

    private void attempt() {
        retry = null;
        if (stopped) {
            return;
        }
        ChannelFuture f = transport.connect(endpoint, loop, io, initializer, options);
        attempting = f.channel();
        f.addListener(done -> {
            attempting = null;
            if (done.isSuccess()) {
                if (stopped) {
                    f.channel().close();
                } else {
                    channel = f.channel();
                    listener.connected(Addresses.text(channel.remoteAddress()));
                }
            } else if (!stopped) {   // a stopped connector closed this attempt itself: nothing to report
                long delay = policy.reconnects() ? policy.delayMillis(failures++) : -1;
                listener.connectFailed(done.cause(), delay);
                if (delay >= 0) {
                    schedule(delay);
                }
            }
        });
    }

    private void schedule(long delayMillis) {
        retry = loop.schedule(this::attempt, delayMillis, TimeUnit.MILLISECONDS);
    }
}
