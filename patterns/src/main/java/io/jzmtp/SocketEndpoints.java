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
 * The bound and connected endpoints of one socket, by name: binds and connects them (the persistent pipe of a
 * connecting endpoint is made at connect time, unless IMMEDIATE), and closes them on unbind, disconnect or close.
 * Each endpoint's connections are handled by a {@link ListeningEndpoint} or {@link ConnectingEndpoint}; the settings
 * they are made with come from {@link EndpointSettings}.
 */
final class SocketEndpoints {

    /** How long close, unbind and disconnect wait for connections to finish closing. */
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private final Socket socket;
    private final IoRuntime io;
    private final TransportRegistry transports;
    private final InprocNames inproc;
    private final Map<String, ListeningEndpoint> listening = new LinkedHashMap<>();
    private final Map<String, ConnectingEndpoint> connecting = new LinkedHashMap<>();
    private volatile String lastEndpoint = "";
    /** Set by {@link #closeAll()}; a bind or connect racing with it undoes itself instead of registering. */
    private boolean closed;

    SocketEndpoints(Socket socket, IoRuntime io, TransportRegistry transports, InprocNames inproc) {
        this.socket = socket;
        this.io = io;
        this.transports = transports;
        this.inproc = inproc;
    }

    String lastEndpoint() {
        return lastEndpoint;
    }

    String bind(String endpoint) {
        if (endpoint != null && endpoint.startsWith(InprocNames.SCHEME)) {
            return bindInproc(endpoint);
        }
        Transport transport = transports.transport(endpoint);
        Endpoint parsed = transport.parse(endpoint);
        ChannelGroup channels = ZmtpChannelInitializer.newEndpointGroup(endpoint);
        ListeningEndpoint l = new ListeningEndpoint(socket, endpoint, channels);
        BoundEndpoint bound;
        try {
            ZmtpChannelInitializer initializer = new ZmtpChannelInitializer(
                    EndpointSettings.connectionConfig(socket), l, channels, transport::peerProperties);
            bound = transport.bind(parsed, io, initializer, EndpointSettings.transportOptions(socket),
                    failure -> socket.telemetry().event(new SocketEvent.AcceptFailed(l.actual,
                            String.valueOf(failure.getMessage()))));
        } catch (BindFailedException e) {
            socket.telemetry().event(new SocketEvent.BindFailed(endpoint, e.getMessage()));
            throw e;
        }
        l.bound = bound;
        return listening(endpoint, l, bound.endpoint().toString());
    }

    /** Registers a bound endpoint under its actual name, unless the socket closed meanwhile. */
    private String listening(String requested, ListeningEndpoint l, String actual) {
        l.actual = actual;
        synchronized (this) {
            if (closed) {
                // The socket closed while we were binding: nobody else will ever close this listener.
                awaitAll(List.of(l.bound.close(), l.channels.close()));
                throw new SocketClosedException("cannot bind '" + requested + "': " + socket.type()
                        + " socket was closed meanwhile");
            }
            listening.put(actual, l);
        }
        socket.telemetry().event(new SocketEvent.Listening(actual));
        lastEndpoint = actual;
        return actual;
    }

    /** Binds an {@code inproc://} name of this socket's Context; waiting connects to it are joined at once. */
    private String bindInproc(String endpoint) {
        String name = InprocNames.name(endpoint);
        ListeningEndpoint l = new ListeningEndpoint(socket, endpoint, ZmtpChannelInitializer.newEndpointGroup(endpoint));
        l.actual = endpoint;
        InprocBinding binding = new InprocBinding(inproc, name, socket, l);
        l.bound = binding;
        List<InprocDialer> waiting;
        try {
            waiting = inproc.bind(binding);
        } catch (BindFailedException e) {
            socket.telemetry().event(new SocketEvent.BindFailed(endpoint, e.getMessage()));
            throw e;
        }
        String actual;
        try {
            actual = listening(endpoint, l, endpoint);
        } catch (SocketClosedException e) {
            waiting.forEach(inproc::dial);   // they wait on for the next socket to bind the name
            throw e;
        }
        for (InprocDialer d : waiting) {
            binding.accept(d);   // connects made before this bind
        }
        return actual;
    }

    void connect(String endpoint) {
        boolean isInproc = endpoint != null && endpoint.startsWith(InprocNames.SCHEME);
        Transport transport = isInproc ? null : transports.transport(endpoint);
        Endpoint parsed = isInproc ? new InprocEndpoint(InprocNames.name(endpoint)) : transport.parse(endpoint);
        if (!parsed.isConnectable()) {
            throw new IllegalArgumentException("cannot connect to '" + endpoint
                    + "': a connect endpoint needs a concrete host and port (wildcards are for bind)");
        }
        EventLoop loop = io.next();
        boolean immediate = socket.get(SocketOption.IMMEDIATE);
        byte[] connectRoutingId = socket.takeConnectRoutingId();
        // An inproc pipe has no I/O thread: its outbound queue is consumed by whichever thread moves it.
        OutboundConsumer inprocConsumer = isInproc && !immediate ? new OutboundConsumer() : null;
        Pipe pipe = null;
        if (!immediate) {
            pipe = socket.newPipe(isInproc ? inprocConsumer : loop);
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
        ConnectingEndpoint c = new ConnectingEndpoint(socket, endpoint, pipe, channels, connectRoutingId);
        if (isInproc) {
            c.connector = new InprocDialer(inproc, ((InprocEndpoint) parsed).name(), c, inprocConsumer);
        } else {
            ZmtpChannelInitializer initializer = new ZmtpChannelInitializer(EndpointSettings.connectionConfig(socket),
                    c, channels, transport::peerProperties);
            c.connector = new Connector(transport, parsed, loop, io, initializer,
                    EndpointSettings.transportOptions(socket), EndpointSettings.reconnectPolicy(socket), c);
        }
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
        ListeningEndpoint l;
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
        ConnectingEndpoint c;
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
            for (ListeningEndpoint l : listening.values()) {
                closing.addAll(l.close());
            }
            for (ConnectingEndpoint c : connecting.values()) {
                closing.addAll(c.close());
            }
            listening.clear();
            connecting.clear();
        }
        awaitAll(closing);
    }

    private ListeningEndpoint removeByRequest(String requested) {
        for (Map.Entry<String, ListeningEndpoint> e : listening.entrySet()) {
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

    @Override
    public synchronized String toString() {
        return "bound=" + listening.keySet() + ", connected=" + connecting.keySet();
    }
}
