package io.jzmtp;

import io.jzmtp.netty.ConnectionHandler;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.wire.ZmtpProtocolException;

/**
 * What both kinds of endpoint, bound and connected, report the same way: a connection that completed its handshake,
 * and the end of a connection, as socket events and as pipe changes for the socket. Called on I/O threads.
 */
abstract class EndpointConnections implements ConnectionHandler {

    final Socket socket;
    /** Set when this side closes the endpoint, so that the connections' ends are reported as closed by us. */
    volatile boolean closing;

    EndpointConnections(Socket socket) {
        this.socket = socket;
    }

    /** The endpoint's name in events. */
    abstract String name();

    @Override
    public void pipeConnected(Pipe pipe) {
        socket.connected(pipe);
        PeerInfo peer = pipe.peer();
        socket.telemetry().event(new SocketEvent.HandshakeSucceeded(name(), peer.remoteAddress(), peer.metadata()));
    }

    @Override
    public void connectionClosed(String remote, PeerInfo peer, Pipe pipe, ZmtpProtocolException failure) {
        ConnectionEvents.connectionEnded(socket.telemetry(), name(), remote, peer, failure, closing);
        connectionClosed(peer, pipe, failure);
    }
}
