package io.jzmtp.cli;

import io.jzmtp.SocketEvent;
import io.jzmtp.wire.ZmtpError;

/**
 * Why a PLAIN or CURVE server would not let this client in, in the words its user needs. A server that refuses says
 * so with an ERROR command, whose reason the monitor's detail quotes ({@code the PLAIN peer refused us: '400'}). A
 * libzmq CURVE server that cannot open our HELLO (we were given the wrong server key) closes the connection without
 * a word, so for a CURVE client a silent close during the handshake is reported as that likely cause.
 */
final class Refusal {

    private Refusal() {
    }

    /**
     * The refusal {@code failed} stands for when our socket is a client of {@code mechanism} ({@code PLAIN} or
     * {@code CURVE}), or {@code null} when it is none (a timeout, a protocol error), which is reported as it is.
     */
    static String of(SocketEvent.HandshakeFailed failed, String mechanism) {
        ZmtpError reason = failed.reason();
        if (reason == ZmtpError.PEER_ERROR) {
            return "the server refused our " + mechanism + " handshake (" + quoted(failed.detail()) + ")";
        }
        if (reason == ZmtpError.AUTHENTICATION_FAILED) {
            return "our " + mechanism + " handshake failed: " + failed.detail();
        }
        if (reason == null && mechanism.equals("CURVE")) {
            return "the CURVE server closed the connection during the handshake, without a reason (a wrong "
                    + "--curve-serverkey?)";
        }
        return null;
    }

    /** The quoted reason in {@code detail}, quotes included ({@code '400'}), or the whole detail. */
    private static String quoted(String detail) {
        int first = detail.indexOf('\'');
        int last = detail.lastIndexOf('\'');
        return first >= 0 && last > first ? detail.substring(first, last + 1) : detail;
    }
}
