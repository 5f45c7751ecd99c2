package io.jzmtp.wire;

import java.util.Objects;

/** A peer broke the ZMTP protocol. Closes that connection only; never the socket. */
public final class ZmtpProtocolException extends RuntimeException {

    private final ZmtpError reason;
    private final String errorReason;

    /** Creates the exception with the reason enum and a detail that says exactly what was wrong. */
    public ZmtpProtocolException(ZmtpError reason, String detail) {
        this(reason, detail, null);
    }

    /**
     * As above, with the reason an ERROR command gives the peer when it differs from {@code detail}: a ZAP refusal
     * tells the client only its status code ({@code "400"}), as libzmq does, while the log keeps the handler's words.
     */
    public ZmtpProtocolException(ZmtpError reason, String detail, String errorReason) {
        super(reason + ": " + detail, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.errorReason = errorReason;
    }

    /** What an ERROR command tells the peer: the detail, unless a shorter reason was given. */
    public String errorReason() {
        return errorReason != null ? errorReason : detail();
    }

    /** The category of the failure. */
    public ZmtpError reason() {
        return reason;
    }

    /** The detail message without the reason prefix. */
    public String detail() {
        String m = getMessage();
        return m.substring(m.indexOf(": ") + 2);
    }
}
