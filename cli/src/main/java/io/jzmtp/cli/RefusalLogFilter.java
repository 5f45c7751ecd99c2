package io.jzmtp.cli;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the library's warning about a refused handshake ({@code closing connection: PEER_ERROR: the CURVE peer
 * refused us: '400'}) off a PLAIN or CURVE client's stderr: {@link ConnectionWatch} reports that refusal itself, once,
 * with what to check, and a second line saying the same would only blur it. Every other warning still shows.
 */
final class RefusalLogFilter implements Filter {

    /**
     * The library's stable logger for closed connections. Held here because java.util.logging keeps loggers weakly,
     * and one collected before the library first logs would come back without the filter.
     */
    private static final Logger CONNECTIONS = Logger.getLogger("io.jzmtp.connection");

    private RefusalLogFilter() {
    }

    /** Filters the connection logger of this process from now on. */
    static void install() {
        CONNECTIONS.setFilter(new RefusalLogFilter());
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        // The library's messages are "REASON: detail", its reasons the ZmtpError names.
        return message == null || !message.contains(": PEER_ERROR: ") && !message.contains(": AUTHENTICATION_FAILED: ");
    }
}
