package io.jzmtp.netty;

import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.wire.ZmtpProtocolException;

import java.util.concurrent.Executor;

/**
 * The socket's side of a connection's life cycle. Called on the connection's I/O thread; implementations must not
 * block.
 */
public interface ConnectionHandler {

    /**
     * The handshake with {@code peer} completed. Returns the pipe the connection should serve, or {@code null} to
     * refuse the peer (the connection is then closed with {@link io.jzmtp.wire.ZmtpError#PEER_REFUSED}).
     *
     * @param ioThread the connection's I/O thread, which must consume the pipe's outbound side
     */
    Pipe handshakeCompleted(PeerInfo peer, Executor ioThread);

    /** {@code pipe}, returned by {@link #handshakeCompleted}, is now attached to the connection. */
    default void pipeConnected(Pipe pipe) {
    }

    /** A connection to or from {@code remoteAddress} is open (before any ZMTP byte was exchanged). */
    default void connectionOpened(String remoteAddress) {
    }

    /**
     * The connection with {@code remoteAddress} closed; the default forwards to
     * {@link #connectionClosed(PeerInfo, Pipe, ZmtpProtocolException)}.
     */
    default void connectionClosed(String remoteAddress, PeerInfo peer, Pipe pipe, ZmtpProtocolException failure) {
        connectionClosed(peer, pipe, failure);
    }

    /**
     * The connection closed.
     *
     * @param peer    the peer if the handshake completed, else {@code null}
     * @param pipe    the pipe the connection served, or {@code null}
     * @param failure why the engine closed it, or {@code null} for an ordinary close by either side
     */
    void connectionClosed(PeerInfo peer, Pipe pipe, ZmtpProtocolException failure);
}
