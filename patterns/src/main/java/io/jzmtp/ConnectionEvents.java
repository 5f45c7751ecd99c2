package io.jzmtp;

import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;

/** Turns the end of a connection into monitor events and counts: what failed, and why it ended. */
final class ConnectionEvents {

    private ConnectionEvents() {
    }

    /** A failed handshake if it never completed (and we did not cause the close), then the disconnection. */
    static void connectionEnded(SocketTelemetry telemetry, String endpoint, String remote, PeerInfo peer,
                                ZmtpProtocolException failure, boolean closedByUs) {
        ZmtpError reason = failure == null ? null : failure.reason();
        String detail = failure == null ? "" : failure.detail();
        if (peer == null && !closedByUs) {
            if (failure == null) {
                detail = "the peer closed the connection before the handshake completed";
            }
            telemetry.event(new SocketEvent.HandshakeFailed(endpoint, remote, handshakeFailure(reason), reason,
                    detail));
        }
        if (reason == ZmtpError.HEARTBEAT_TIMEOUT || reason == ZmtpError.HEARTBEAT_TTL_EXPIRED) {
            telemetry.heartbeatTimedOut();
        }
        if (reason != null && reason != ZmtpError.PEER_ERROR) {
            telemetry.connectionDropped(reason);   // the peer's own ERROR is its close, not ours
        }
        byte[] id = peer == null ? new byte[0] : peer.metadata().identity().orElse(new byte[0]);
        telemetry.event(new SocketEvent.Disconnected(endpoint, remote, id, cause(reason, closedByUs), reason, detail));
    }

    private static SocketEvent.HandshakeFailure handshakeFailure(ZmtpError reason) {
        if (reason == null || reason == ZmtpError.HANDSHAKE_TIMEOUT) {
            return SocketEvent.HandshakeFailure.NO_DETAIL;
        }
        return reason == ZmtpError.AUTHENTICATION_FAILED || reason == ZmtpError.AUTHENTICATION_DEFERRED
                || reason == ZmtpError.PEER_ERROR
                ? SocketEvent.HandshakeFailure.AUTH : SocketEvent.HandshakeFailure.PROTOCOL;
    }

    private static SocketEvent.DisconnectCause cause(ZmtpError reason, boolean closedByUs) {
        if (reason == null) {
            return closedByUs ? SocketEvent.DisconnectCause.CLOSED_BY_US : SocketEvent.DisconnectCause.PEER_CLOSED;
        }
        switch (reason) {
            case HEARTBEAT_TIMEOUT:
            case HEARTBEAT_TTL_EXPIRED:
                return SocketEvent.DisconnectCause.HEARTBEAT_TIMEOUT;
            case HANDSHAKE_TIMEOUT:
                return SocketEvent.DisconnectCause.HANDSHAKE_TIMEOUT;
            case PEER_REFUSED:
                return SocketEvent.DisconnectCause.CLOSED_BY_US;
            default:
                return SocketEvent.DisconnectCause.PROTOCOL_ERROR;
        }
    }
}
