package io.jzmtp.netty;

import io.jzmtp.wire.ZmtpError;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;

/**
 * The loggers jzmtp writes to, under stable names that do not follow the internal class layout, so users can route or
 * quiet them: {@code io.jzmtp.connection} for the end of a connection and its reason. Netty's logging facade picks
 * SLF4J when it is on the class path, then Log4j 2, then java.util.logging.
 */
final class Logs {

    /** Why a connection was closed: WARN for a peer that broke the protocol, INFO for network conditions. */
    static final InternalLogger CONNECTIONS = InternalLoggerFactory.getInstance("io.jzmtp.connection");

    private Logs() {
    }

    /**
     * Whether closing for {@code reason} says something about the network or our own policy rather than about a peer
     * that misbehaved: a timeout, or a peer this socket had no room for. Logged at INFO, the others at WARN.
     */
    static boolean isCondition(ZmtpError reason) {
        return switch (reason) {
            case HEARTBEAT_TIMEOUT, HEARTBEAT_TTL_EXPIRED, HANDSHAKE_TIMEOUT, PEER_REFUSED -> true;
            default -> false;
        };
    }
}
