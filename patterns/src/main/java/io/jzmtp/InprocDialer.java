package io.jzmtp;

import io.jzmtp.transport.Dialer;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;

/**
 * Keeps a connect to {@code inproc://name} connected: it is joined to the socket bound at the name as soon as there
 * is one, and when that socket unbinds or closes it waits for the next (libzmq does not reconnect inproc; waiting is
 * what a connect made before the bind does anyway). A peer that refused it, or that ended the connection while still
 * bound, is not asked again.
 */
final class InprocDialer implements Dialer {

    private final InprocNames names;
    private final String name;
    private final ConnectingEndpoint endpoint;
    /** The consumer of the endpoint's persistent pipe, or {@code null} with IMMEDIATE (a pipe per connection). */
    private final OutboundConsumer persistentConsumer;
    private volatile boolean stopped;
    private volatile InprocConnection current;
    private volatile InprocBinding lastBinding;

    InprocDialer(InprocNames names, String name, ConnectingEndpoint endpoint, OutboundConsumer persistentConsumer) {
        this.names = names;
        this.name = name;
        this.endpoint = endpoint;
        this.persistentConsumer = persistentConsumer;
    }

    String name() {
        return name;
    }

    ConnectingEndpoint endpoint() {
        return endpoint;
    }

    /** The consumer for the pipe of the next connection: the persistent pipe's, or a new one. */
    OutboundConsumer consumerForNextPipe() {
        return persistentConsumer != null ? persistentConsumer : new OutboundConsumer();
    }

    /** {@code binding} joined us in {@code connection}. */
    void connected(InprocConnection connection, InprocBinding binding) {
        lastBinding = binding;
        current = connection;
        if (stopped) {
            connection.close();   // stopped while the binding was making it
        }
    }

    /** The connection ended (either side closed it); the endpoint hears it as a closed connection. */
    void ended(InprocConnection connection) {
        if (current == connection) {
            current = null;
        }
        endpoint.connectionClosed(connection.connectingPeer().remoteAddress(), connection.connectingPeer(),
                connection.connectingPipe(), null);
    }

    /** {@code binding} refused us; the endpoint hears it as a failed handshake. */
    void refused(InprocBinding binding, ZmtpProtocolException failure) {
        lastBinding = binding;
        endpoint.connectionClosed(binding.endpoint().toString(), null, null, failure);
    }

    @Override
    public void start() {
        names.dial(this);
    }

    @Override
    public void handshakeSucceeded() {
        // nothing to reset: inproc has no back-off
    }

    @Override
    public void connectionClosed(boolean permanent) {
        InprocBinding b = lastBinding;
        if (!stopped && !permanent && b != null && b.isClosed()) {
            lastBinding = null;
            names.dial(this);   // the name was unbound: wait for (or join) whoever binds it next
        }
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        names.forget(this);
        InprocConnection c = current;
        if (c != null) {
            c.close();
        }
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
    }
}
