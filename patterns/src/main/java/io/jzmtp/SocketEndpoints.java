package io.jzmtp;

import io.jzmtp.mechanism.NullMechanism;
import io.jzmtp.msg.Metadata;
import io.jzmtp.netty.ConnectionConfig;
import io.jzmtp.netty.ConnectionHandler;
import io.jzmtp.netty.ZmtpChannelInitializer;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.transport.BindFailedException;
import io.jzmtp.transport.BoundEndpoint;
import io.jzmtp.transport.Connector;
import io.jzmtp.transport.Endpoint;
import io.jzmtp.transport.IoRuntime;
import io.jzmtp.transport.ReconnectPolicy;
import io.jzmtp.transport.Transport;
import io.jzmtp.transport.TransportOptions;
import io.jzmtp.transport.TransportRegistry;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;
import io.jzmtp.netty.Addresses;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.Future;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The bound and connected endpoints of one socket: turns options into connection settings, creates pipes for
 * connections (at connect time on the connecting side, unless IMMEDIATE; after the handshake on the accepting side),
 * and closes everything on unbind, disconnect or close.
 */
final class SocketEndpoints {

    /** How long close, unbind and disconnect wait for connections to finish closing. */
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private final Socket socket;
    private final IoRuntime io;
    private final Map<String, Listening> listening = new LinkedHashMap<>();
    private final Map<String, Connecting> connecting = new LinkedHashMap<>();
    private volatile String lastEndpoint = "";
    /** Set by {@link #closeAll()}; a bind or connect racing with it undoes itself instead of registering. */
    private boolean closed;

    SocketEndpoints(Socket socket, IoRuntime io) {
        this.socket = socket;
        this.io = io;
    }

    String lastEndpoint() {
        return lastEndpoint;
    }

    String bind(String endpoint) {
        Transport transport = TransportRegistry.transport(endpoint);
        Endpoint parsed = transport.parse(endpoint);
        ChannelGroup channels = ZmtpChannelInitializer.newEndpointGroup(endpoint);
        Listening l = new Listening(endpoint, channels);
        BoundEndpoint bound;
        try {
            bound = transport.bind(parsed, io, new ZmtpChannelInitializer(config(), l, channels), transportOptions(),
                    failure -> socket.telemetry().event(new SocketEvent.AcceptFailed(l.actual,
                            String.valueOf(failure.getMessage()))));
        } catch (BindFailedException e) {
            socket.telemetry().event(new SocketEvent.BindFailed(endpoint, e.getMessage()));
            throw e;
        }
        l.bound = bound;
        String actual = bound.endpoint().toString();
        l.actual = actual;
        synchronized (this) {
            if (closed) {
                // The socket closed while we were binding: nobody else will ever close this listener.
                awaitAll(List.of(bound.close(), channels.close()));
                throw new SocketClosedException("cannot bind '" + endpoint + "': " + socket.type()
                        + " socket was closed meanwhile");
            }
            listening.put(actual, l);
        }
        socket.telemetry().event(new SocketEvent.Listening(actual));
        lastEndpoint = actual;
        return actual;
    }

    void connect(String endpoint) {
        Transport transport = TransportRegistry.transport(endpoint);
        Endpoint parsed = transport.parse(endpoint);
        if (!parsed.isConnectable()) {
            throw new IllegalArgumentException("cannot connect to '" + endpoint
                    + "': a connect endpoint needs a concrete host and port (wildcards are for bind)");
        }
        EventLoop loop = io.next();
        boolean immediate = socket.get(SocketOption.IMMEDIATE);
        byte[] connectRoutingId = socket.takeConnectRoutingId();
        Pipe pipe = null;
        if (!immediate) {
            pipe = socket.newPipe(loop);
            pipe.connectRoutingId(connectRoutingId);
            if (!socket.admit(pipe)) {
                if (socket.isClosed()) {
                    throw new SocketClosedException("cannot connect to '" + endpoint + "': " + socket.type()
                            + " socket was closed meanwhile");
                }
                throw new IllegalStateException("cannot connect to '" + endpoint + "': " + socket.type()
                        + " socket already has its peer");
            }
        }
        ChannelGroup channels = ZmtpChannelInitializer.newEndpointGroup(endpoint);
        Connecting c = new Connecting(endpoint, pipe, channels, connectRoutingId);
        c.connector = new Connector(transport, parsed, loop, io, new ZmtpChannelInitializer(config(), c, channels),
                transportOptions(), reconnectPolicy(), c);
        synchronized (this) {
            if (closed) {
                // The socket closed while we were setting up: its close already ran and will not stop this one.
                if (pipe != null) {
                    socket.detach(pipe);
                }
                throw new SocketClosedException("cannot connect to '" + endpoint + "': " + socket.type()
                        + " socket was closed meanwhile");
            }
            connecting.put(endpoint, c);
        }
        lastEndpoint = endpoint;
        c.connector.start();
    }

    void unbind(String endpoint) {
        Listening l;
        synchronized (this) {
            l = listening.remove(endpoint);
            if (l == null) {
                l = removeByRequest(endpoint);
            }
        }
        if (l == null) {
            throw new IllegalArgumentException("cannot unbind '" + endpoint + "': not bound by this socket");
        }
        awaitAll(l.close());
    }

    void disconnect(String endpoint) {
        Connecting c;
        synchronized (this) {
            c = connecting.remove(endpoint);
        }
        if (c == null) {
            throw new IllegalArgumentException("cannot disconnect '" + endpoint + "': not connected by this socket");
        }
        awaitAll(c.close());
    }

    void closeAll() {
        List<Future<?>> closing = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Listening l : listening.values()) {
                closing.addAll(l.close());
            }
            for (Connecting c : connecting.values()) {
                closing.addAll(c.close());
            }
            listening.clear();
            connecting.clear();
        }
        awaitAll(closing);
    }

    private Listening removeByRequest(String requested) {
        for (Map.Entry<String, Listening> e : listening.entrySet()) {
            if (e.getValue().requested.equals(requested)) {
                return listening.remove(e.getKey());
            }
        }
        return null;
    }

    private static void awaitAll(List<Future<?>> futures) {
        long deadline = System.currentTimeMillis() + CLOSE_WAIT_MILLIS;
        for (Future<?> f : futures) {
            f.awaitUninterruptibly(Math.max(1, deadline - System.currentTimeMillis()));
        }
    }

    private ConnectionConfig config() {
        List<Metadata.Property> app = new ArrayList<>();
        for (Map.Entry<String, String> e : socket.get(SocketOption.METADATA).entrySet()) {
            app.add(new Metadata.Property(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        long handshake = socket.options().millis(SocketOption.HANDSHAKE_IVL);
        SocketType type = socket.type();
        return new ConnectionConfig(type.wireName(), type.compatiblePeers(), socket.get(SocketOption.ROUTING_ID),
                type.announcesIdentity(), Metadata.of(app), socket.get(SocketOption.MAXMSGSIZE),
                Math.max(handshake, 0), NullMechanism.FACTORY, heartbeat());
    }

    private ConnectionConfig.Heartbeat heartbeat() {
        return new ConnectionConfig.Heartbeat(socket.get(SocketOption.HEARTBEAT_IVL).toMillis(),
                socket.get(SocketOption.HEARTBEAT_TIMEOUT).toMillis(), socket.get(SocketOption.HEARTBEAT_TTL).toMillis());
    }

    private TransportOptions transportOptions() {
        return new TransportOptions(socket.get(SocketOption.TCP_KEEPALIVE), socket.get(SocketOption.TCP_KEEPALIVE_IDLE),
                socket.get(SocketOption.TCP_KEEPALIVE_INTVL), socket.get(SocketOption.TCP_KEEPALIVE_CNT),
                socket.get(SocketOption.BACKLOG), socket.get(SocketOption.SNDBUF), socket.get(SocketOption.RCVBUF), 0);
    }

    private ReconnectPolicy reconnectPolicy() {
        return new ReconnectPolicy(socket.options().millis(SocketOption.RECONNECT_IVL),
                Math.max(0, socket.options().millis(SocketOption.RECONNECT_IVL_MAX)));
    }

    @Override
    public synchronized String toString() {
        return "bound=" + listening.keySet() + ", connected=" + connecting.keySet();
    }

    /** What both kinds of endpoint report the same way: a connected pipe, and a connection's end. */
    private abstract class EndpointHandler implements ConnectionHandler {
        volatile boolean closing;

        /** The endpoint's name in events. */
        abstract String name();

        @Override
        public void pipeConnected(Pipe pipe) {
            socket.connected(pipe);
            PeerInfo peer = pipe.peer();
            socket.telemetry().event(new SocketEvent.HandshakeSucceeded(name(), peer.remoteAddress(),
                    peer.metadata()));
        }

        @Override
        public void connectionClosed(String remote, PeerInfo peer, Pipe pipe, ZmtpProtocolException failure) {
            ConnectionEvents.connectionEnded(socket.telemetry(), name(), remote, peer, failure, closing);
            connectionClosed(peer, pipe, failure);
        }
    }

    /** A bound endpoint: every accepted connection gets its own pipe once its handshake completes. */
    private final class Listening extends EndpointHandler {
        final String requested;
        final ChannelGroup channels;
        final Set<Pipe> pipes = ConcurrentHashMap.newKeySet();
        BoundEndpoint bound;
        volatile String actual;

        Listening(String requested, ChannelGroup channels) {
            this.requested = requested;
            this.channels = channels;
        }

        @Override
        String name() {
            return actual;
        }

        @Override
        public void connectionOpened(String remoteAddress) {
            socket.telemetry().event(new SocketEvent.Accepted(actual, remoteAddress));
        }

        @Override
        public Pipe handshakeCompleted(PeerInfo peer, Executor ioThread) {
            Pipe pipe = socket.newPipe(ioThread);
            if (!socket.admit(pipe)) {
                return null;
            }
            pipes.add(pipe);
            return pipe;
        }

        @Override
        public void connectionClosed(PeerInfo peer, Pipe pipe, ZmtpProtocolException failure) {
            if (pipe != null && pipes.remove(pipe)) {
                socket.disconnected(pipe);
                socket.detach(pipe);
            }
        }

        List<Future<?>> close() {
            closing = true;
            socket.telemetry().event(new SocketEvent.Closed(actual));
            List<Future<?>> f = new ArrayList<>();
            f.add(bound.close());
            f.add(channels.close());
            for (Pipe p : pipes) {
                socket.detach(p);
            }
            pipes.clear();
            return f;
        }
    }

    /** A connected endpoint: one connector, and one pipe that outlives connections unless IMMEDIATE is set. */
    private final class Connecting extends EndpointHandler implements Connector.Listener {
        final String requested;
        final Pipe persistentPipe;
        final ChannelGroup channels;
        final byte[] connectRoutingId;
        Connector connector;
        volatile Pipe current;

        Connecting(String requested, Pipe persistentPipe, ChannelGroup channels, byte[] connectRoutingId) {
            this.requested = requested;
            this.persistentPipe = persistentPipe;
            this.channels = channels;
            this.connectRoutingId = connectRoutingId;
        }

        @Override
        String name() {
            return requested;
        }

        @Override
        public Pipe handshakeCompleted(PeerInfo peer, Executor ioThread) {
            Pipe pipe = persistentPipe;
            if (pipe == null) {
                pipe = socket.newPipe(ioThread);
                pipe.connectRoutingId(connectRoutingId);
                if (!socket.admit(pipe)) {
                    return null;
                }
            } else if (pipe.isTerminated()) {
                return null;
            }
            current = pipe;
            connector.handshakeSucceeded();
            return pipe;
        }

        @Override
        public void connectionClosed(PeerInfo peer, Pipe pipe, ZmtpProtocolException failure) {
            if (pipe != null) {
                socket.disconnected(pipe);
            }
            boolean permanent = failure != null && failure.reason().isPermanent();
            if (pipe != null && persistentPipe == null) {
                socket.detach(pipe);
            }
            if (permanent && persistentPipe != null) {
                // No reconnect will follow (libzmq ends the session too): stop routing messages into this pipe.
                socket.detach(persistentPipe);
            }
            current = null;
            connector.connectionClosed(permanent);
        }

        @Override
        public void connected(Channel channel) {
            socket.telemetry().event(new SocketEvent.Connected(requested, Addresses.text(channel.remoteAddress())));
        }

        @Override
        public void connectFailed(Throwable cause, long retryMillis) {
            socket.telemetry().event(new SocketEvent.ConnectDelayed(requested, ConnectFailures.describe(cause)));
            if (retryMillis >= 0) {
                reconnectScheduled(retryMillis);
            }
        }

        @Override
        public void reconnectScheduled(long retryMillis) {
            socket.telemetry().reconnectScheduled();
            socket.telemetry().event(new SocketEvent.ConnectRetried(requested, Duration.ofMillis(retryMillis)));
        }

        List<Future<?>> close() {
            closing = true;
            socket.telemetry().event(new SocketEvent.Closed(requested));
            List<Future<?>> f = new ArrayList<>();
            f.add(connector.stop());
            f.add(channels.close());
            Pipe p = persistentPipe != null ? persistentPipe : current;
            if (p != null) {
                socket.detach(p);
            }
            return f;
        }
    }
}
