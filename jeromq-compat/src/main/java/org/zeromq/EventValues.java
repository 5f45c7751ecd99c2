package org.zeromq;

import io.jzmtp.SocketEvent;
import io.jzmtp.wire.ZmtpError;

import java.time.Duration;

/**
 * The value a JeroMQ monitor event carries, derived from jzmtp's typed {@link SocketEvent}: first as JeroMQ's raw
 * integer argument (what {@link ZMonitor.ZEvent#value} prints), then resolved to the object {@link ZEvent#getValue()}
 * returns. JeroMQ passes the connection's channel with connection events; jzmtp has none to give, so those are null.
 */
final class EventValues {

    /** The ZAP status code of a refused authentication (RFC 27), the value JeroMQ gives HANDSHAKE_FAILED_AUTH. */
    private static final int ZAP_DENIED = 400;
    private static final int ZAP_TEMPORARY = 300;

    private EventValues() {
    }

    /** Whether the event numbered {@code event} reports a failure, as JeroMQ says (a refused auth is a warning). */
    static boolean isError(int event) {
        return switch (event) {
            case ZMQ.EVENT_BIND_FAILED, ZMQ.EVENT_ACCEPT_FAILED, ZMQ.EVENT_CLOSE_FAILED,
                    ZMQ.HANDSHAKE_FAILED_NO_DETAIL, ZMQ.HANDSHAKE_FAILED_PROTOCOL -> true;
            default -> false;
        };
    }

    /** Whether the event numbered {@code event} is a warning: a refused authentication. */
    static boolean isWarn(int event) {
        return event == ZMQ.HANDSHAKE_FAILED_AUTH;
    }

    /** JeroMQ's integer argument of {@code event}: an error number, a protocol code, milliseconds, or null. */
    static Integer raw(SocketEvent event) {
        if (event instanceof SocketEvent.ConnectRetried r) {
            return (int) Math.min(Integer.MAX_VALUE, r.retryIn().toMillis());
        }
        if (event instanceof SocketEvent.BindFailed || event instanceof SocketEvent.AcceptFailed) {
            return ZMQ.Error.EADDRINUSE.getCode();
        }
        if (event instanceof SocketEvent.HandshakeSucceeded) {
            return ZMQ.Error.NOERROR.getCode();
        }
        if (event instanceof SocketEvent.HandshakeFailed f) {
            return switch (f.kind()) {
                case PROTOCOL -> protocolCode(f.reason()).code;
                case AUTH -> f.reason() == ZmtpError.AUTHENTICATION_DEFERRED ? ZAP_TEMPORARY : ZAP_DENIED;
                case NO_DETAIL -> f.reason() == ZmtpError.HANDSHAKE_TIMEOUT ? ZMQ.Error.ETIMEDOUT.getCode()
                        : ZMQ.Error.EPROTO.getCode();
            };
        }
        return null;
    }

    /** The nearest libzmq protocol error code (ZMQ_PROTOCOL_ERROR_*) for a jzmtp wire error. */
    static ZMonitor.ProtocolCode protocolCode(ZmtpError reason) {
        if (reason == null) {
            return ZMonitor.ProtocolCode.ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED;
        }
        return switch (reason) {
            case MECHANISM_MISMATCH -> ZMonitor.ProtocolCode.ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH;
            case MALFORMED_COMMAND -> ZMonitor.ProtocolCode.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED;
            case UNEXPECTED_COMMAND -> ZMonitor.ProtocolCode.ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND;
            case INCOMPATIBLE_PEER, BAD_METADATA -> ZMonitor.ProtocolCode.ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_METADATA;
            case AUTHENTICATION_FAILED -> ZMonitor.ProtocolCode.ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC;
            default -> ZMonitor.ProtocolCode.ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED;
        };
    }

    /**
     * The raw argument as JeroMQ's {@link ZEvent} resolves it: a {@link ZMQ.Error}, a {@link ZMonitor.ProtocolCode},
     * a {@link Duration}, an Integer, or null (also for a number that names nothing, where JeroMQ would throw).
     */
    static Object resolve(ZMonitor.Event type, Integer raw) {
        if (raw == null) {
            return null;
        }
        return switch (type) {
            case HANDSHAKE_FAILED_PROTOCOL -> ZMonitor.ProtocolCode.find(raw);
            case CLOSE_FAILED, ACCEPT_FAILED, BIND_FAILED, HANDSHAKE_FAILED_NO_DETAIL, CONNECT_DELAYED,
                    HANDSHAKE_SUCCEEDED -> error(raw);
            case HANDSHAKE_FAILED_AUTH, HANDSHAKE_PROTOCOL -> raw;
            case CONNECT_RETRIED -> Duration.ofMillis(raw);
            default -> null;
        };
    }

    private static ZMQ.Error error(int code) {
        try {
            return ZMQ.Error.findByCode(code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
