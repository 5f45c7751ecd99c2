package io.jzmtp;

import io.jzmtp.msg.Metadata;
import io.jzmtp.wire.ZmtpError;

import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Something that happened to a socket's endpoints or connections, as delivered to a {@link SocketMonitor}. The kinds
 * are libzmq's (ZMQ_EVENT_*), typed: each carries the endpoint it concerns and, where they exist, the peer's address,
 * its routing id and the reason.
 */
public sealed interface SocketEvent {

    /** The endpoint this event concerns, as bound or connected (empty for {@link MonitorStopped}). */
    String endpoint();

    /** libzmq's event number (ZMQ_EVENT_*), used by the libzmq-format event messages. */
    int libzmqId();

    /** A bind succeeded; {@code endpoint} is the endpoint actually bound. */
    record Listening(String endpoint) implements SocketEvent {
        @Override
        public int libzmqId() {
            return 0x0008;
        }
    }

    /** A bind failed. */
    record BindFailed(String endpoint, String reason) implements SocketEvent {
        @Override
        public int libzmqId() {
            return 0x0010;
        }
    }

    /** A bound endpoint accepted a connection from {@code peerAddress}. */
    record Accepted(String endpoint, String peerAddress) implements SocketEvent {
        @Override
        public int libzmqId() {
            return 0x0020;
        }
    }

    /** A bound endpoint could not accept a connection. */
    record AcceptFailed(String endpoint, String reason) implements SocketEvent {
        @Override
        public int libzmqId() {
            return 0x0040;
        }
    }

    /** A TCP connection to {@code endpoint} is up (the ZMTP handshake follows). */
    record Connected(String endpoint, String peerAddress) implements SocketEvent {
        @Override
        public int libzmqId() {
            return 0x0001;
        }
    }

    /** A connection attempt did not succeed at once ({@code reason} says why, e.g. connection refused). */
    record ConnectDelayed(String endpoint, String reason) implements SocketEvent {
        @Override
        public int libzmqId() {
            return 0x0002;
        }
    }

    /** Another connection attempt will be made after {@code retryIn}. */
    record ConnectRetried(String endpoint, Duration retryIn) implements SocketEvent {
        @Override
        public int libzmqId() {
            return 0x0004;
        }
    }

    /** The ZMTP handshake with a peer completed; {@code peer} is what it announced (Socket-Type, Identity, …). */
    record HandshakeSucceeded(String endpoint, String peerAddress, Metadata peer) implements SocketEvent {
        /** The routing id the peer announced, or an empty array. */
        public byte[] routingId() {
            return peer.identity().orElse(new byte[0]);
        }

        @Override
        public int libzmqId() {
            return 0x1000;
        }
    }

    /** How a handshake failed, as libzmq distinguishes it. */
    enum HandshakeFailure {
        /** The peer broke the protocol (bad greeting, wrong socket type, malformed command, …). */
        PROTOCOL(0x2000),
        /** Authentication failed, or the peer refused us with an ERROR command. */
        AUTH(0x4000),
        /** The handshake did not complete (timeout, or the connection closed) without a protocol error. */
        NO_DETAIL(0x0800);

        private final int libzmqId;

        HandshakeFailure(int libzmqId) {
            this.libzmqId = libzmqId;
        }
    }

    /**
     * The handshake with a peer failed.
     *
     * @param reason the specific reason, or {@code null} when the connection just closed
     */
    record HandshakeFailed(String endpoint, String peerAddress, HandshakeFailure kind, ZmtpError reason,
                           String detail) implements SocketEvent {
        /** Checks that the kind is given. */
        public HandshakeFailed {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public int libzmqId() {
            return kind.libzmqId;
        }
    }

    /** Why a connection ended. */
    enum DisconnectCause {
        /** The peer (or the network) closed it. */
        PEER_CLOSED,
        /** No traffic after our PING within HEARTBEAT_TIMEOUT, or within the TTL the peer announced. */
        HEARTBEAT_TIMEOUT,
        /** The peer broke the protocol, or sent an ERROR. */
        PROTOCOL_ERROR,
        /** The handshake did not complete in time. */
        HANDSHAKE_TIMEOUT,
        /** This socket closed it (close, unbind, disconnect, or a refused peer). */
        CLOSED_BY_US
    }

    /**
     * A connection ended.
     *
     * @param routingId the routing id the peer announced, or an empty array
     * @param reason    the specific protocol reason, or {@code null}
     */
    record Disconnected(String endpoint, String peerAddress, byte[] routingId, DisconnectCause cause,
                        ZmtpError reason, String detail) implements SocketEvent {
        /** Copies the routing id, so the event cannot change afterwards. */
        public Disconnected {
            routingId = routingId.clone();
        }

        @Override
        public byte[] routingId() {
            return routingId.clone();
        }

        @Override
        public int libzmqId() {
            return 0x0200;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Disconnected d && Objects.equals(endpoint, d.endpoint)
                    && Objects.equals(peerAddress, d.peerAddress) && Arrays.equals(routingId, d.routingId)
                    && cause == d.cause && reason == d.reason && Objects.equals(detail, d.detail);
        }

        @Override
        public int hashCode() {
            return Objects.hash(endpoint, peerAddress, Arrays.hashCode(routingId), cause, reason, detail);
        }

        /** Like a record's, with the routing id in hex. */
        @Override
        public String toString() {
            return "Disconnected[endpoint=" + endpoint + ", peerAddress=" + peerAddress + ", routingId="
                    + HexFormat.of().formatHex(routingId) + ", cause=" + cause + ", reason=" + reason + ", detail="
                    + detail + "]";
        }
    }

    /** A listening endpoint or a connecting endpoint was closed by this socket. */
    record Closed(String endpoint) implements SocketEvent {
        @Override
        public int libzmqId() {
            return 0x0080;
        }
    }

    /** The monitor was stopped: the last event it delivers. */
    record MonitorStopped(String endpoint) implements SocketEvent {
        @Override
        public int libzmqId() {
            return 0x0400;
        }
    }
}
