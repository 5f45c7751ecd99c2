package io.jzmtp.netty;

import io.jzmtp.mechanism.FrameBox;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.wire.ZmtpProtocolException;
import io.jzmtp.wire.ZmtpVersion;

/**
 * What the handlers of one connection learn as it progresses, shared explicitly between them (never through channel
 * attributes). Touched only on the connection's I/O thread.
 */
final class ConnectionState {

    private ZmtpVersion version;
    private PeerInfo peer;
    private FrameBox box;
    private ZmtpProtocolException failure;
    private boolean closing;
    private long framesReceived;

    /** The negotiated version, or {@code null} while greetings are still being exchanged. */
    ZmtpVersion version() {
        return version;
    }

    void greetingCompleted(ZmtpVersion version) {
        this.version = version;
    }

    /** Whether both greetings are complete, so ZMTP 3 commands (like ERROR) can be sent. */
    boolean canSendCommands() {
        return version != null;
    }

    PeerInfo peer() {
        return peer;
    }

    /** The handshake is complete; {@code box} seals frames from now on, or {@code null} for frames as they are. */
    void handshakeCompleted(PeerInfo peer, FrameBox box) {
        this.peer = peer;
        this.box = box;
    }

    /** The box every frame travels in since the handshake (CURVE), or {@code null}. */
    FrameBox box() {
        return box;
    }

    ZmtpProtocolException failure() {
        return failure;
    }

    /** Counts one frame from the peer: any frame is proof of life for heartbeats. */
    void frameReceived() {
        framesReceived++;
    }

    /** Frames received since the handshake. */
    long framesReceived() {
        return framesReceived;
    }

    /** Whether the connection is being closed: input still arriving must not be processed. */
    boolean isClosing() {
        return closing;
    }

    void closing() {
        closing = true;
    }

    /** Records the first failure only: later ones are consequences of it. */
    void failed(ZmtpProtocolException e) {
        if (failure == null) {
            failure = e;
        }
    }
}
