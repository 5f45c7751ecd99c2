package org.zeromq;

import io.jzmtp.SocketClosedException;
import io.jzmtp.SocketInterruptedException;
import io.jzmtp.UnroutableMessageException;
import io.jzmtp.transport.BindFailedException;

/**
 * Turns what jzmtp throws into JeroMQ's {@link ZMQException} error numbers, so that programs testing
 * {@code getErrorCode()} see what they saw on JeroMQ. The message keeps jzmtp's, which names the problem.
 */
final class Errors {

    private Errors() {
    }

    /**
     * The error number for {@code failure}, thrown by a call on a socket; {@code terminated} says whether the socket
     * was closed by its context (ETERM) rather than by its own {@code close()} (ENOTSOCK).
     */
    private static int code(RuntimeException failure, boolean terminated) {
        if (failure instanceof ZMQException z) {
            return z.getErrorCode();
        }
        if (failure instanceof SocketClosedException) {
            return terminated ? ZMQ.Error.ETERM.getCode() : ZMQ.Error.ENOTSOCK.getCode();
        }
        if (failure instanceof SocketInterruptedException) {
            return ZMQ.Error.EINTR.getCode();
        }
        if (failure instanceof UnroutableMessageException) {
            return ZMQ.Error.EHOSTUNREACH.getCode();
        }
        if (failure instanceof BindFailedException) {
            return ZMQ.Error.EADDRINUSE.getCode();
        }
        if (failure instanceof UnsupportedOperationException) {
            return ZMQ.Error.ENOTSUP.getCode();
        }
        if (failure instanceof IllegalStateException) {
            return ZMQ.Error.EFSM.getCode();   // REQ/REP out of turn, XPUB_MANUAL without a subscription
        }
        return ZMQ.Error.EINVAL.getCode();
    }

    /** {@code failure} as the ZMQException a JeroMQ program expects. */
    static ZMQException translate(RuntimeException failure, boolean terminated) {
        if (failure instanceof ZMQException z) {
            return z;
        }
        int code = code(failure, terminated);
        String message = failure.getMessage() == null ? ZMQ.Error.findByCode(code).getMessage() : failure.getMessage();
        return new ZMQException(message, code, failure);
    }

    /** Whether an endpoint was refused because its transport is unknown (JeroMQ's EPROTONOSUPPORT). */
    static boolean isUnknownTransport(IllegalArgumentException e) {
        return e.getMessage() != null && e.getMessage().contains("unsupported transport");
    }
}
