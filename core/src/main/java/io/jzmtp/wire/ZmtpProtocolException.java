package io.jzmtp.wire;

import java.util.Objects;

/** A peer broke the ZMTP protocol. Closes that connection only; never the socket. */
public final class ZmtpProtocolException extends RuntimeException {

    private final ZmtpError reason;

    /** Creates the exception with the reason enum and a detail that says exactly what was wrong. */
    public ZmtpProtocolException(ZmtpError reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
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
