package io.jzmtp;

import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.transport.Connector;
import io.jzmtp.transport.Dialer;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.Future;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A connected endpoint: one dialer (a network connector, or an inproc name), and one pipe that outlives connections
 * unless IMMEDIATE is set.
 */
final class ConnectingEndpoint extends EndpointConnections implements Connector.Listener {

    final String requested;
    final Pipe persistentPipe;
    final ChannelGroup channels;
    private final byte[] connectRoutingId;
    Dialer connector;
    private volatile Pipe current;

    ConnectingEndpoint(Socket socket, String requested, Pipe persistentPipe, ChannelGroup channels,
                       byte[] connectRoutingId) {
        super(socket);
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
    public void connected(String remoteAddress) {
        socket.telemetry().event(new SocketEvent.Connected(requested, remoteAddress));
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

    /** Stops connecting and closes the connection; the futures complete once it is closed. */
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
