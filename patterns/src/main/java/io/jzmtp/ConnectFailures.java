package io.jzmtp;

import io.netty.channel.ConnectTimeoutException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * Why a connect attempt failed, in a few plain words for monitor events and command-line messages ("connection
 * refused", "unknown host 'db1'") instead of the transport's exception text.
 */
final class ConnectFailures {

    private ConnectFailures() {
    }

    /** A short description of {@code cause}. */
    static String describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException u) {
                String host = u.getMessage() == null ? "" : u.getMessage();
                int colon = host.indexOf(':');
                return "unknown host '" + (colon > 0 ? host.substring(0, colon) : host) + "'";
            }
            if (t instanceof ConnectTimeoutException) {
                return "connect timed out";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof ConnectException c && c.getMessage() != null
                    && c.getMessage().toLowerCase(java.util.Locale.ROOT).contains("refused")) {
                return "connection refused";
            }
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
