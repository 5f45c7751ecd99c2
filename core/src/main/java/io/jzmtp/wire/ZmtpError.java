package io.jzmtp.wire;

/**
 * Why a ZMTP connection was refused or dropped. Each reason maps to one specific failure so that logs, monitor events
 * and tests can tell them apart.
 */
public enum ZmtpError {
    /** The first ten bytes are not a ZMTP 3.x signature (not ZMTP at all, or unversioned ZMTP 1.0). */
    BAD_GREETING(false),
    /** The peer speaks ZMTP 1.0 or 2.0; jzmtp speaks 3.0 and 3.1 only. */
    UNSUPPORTED_VERSION(false),
    /**
     * The peer's security mechanism differs from ours. Answered with ERROR naming both (libzmq just closes; the ERROR
     * tells a misconfigured client why, and a libzmq client stops reconnecting on it instead of retrying forever).
     */
    MECHANISM_MISMATCH(true),
    /** A frame larger than MAXMSGSIZE, or a length that cannot be represented. */
    FRAME_TOO_LARGE(true),
    /** A frame whose flags are not allowed where it appeared. */
    MALFORMED_FRAME(true),
    /** A command whose body does not follow its grammar. */
    MALFORMED_COMMAND(true),
    /** A command or message that is not allowed at this point of the handshake. */
    UNEXPECTED_COMMAND(true),
    /** The peer's socket type cannot talk to ours (ZMTP §6), or it announced none we know. */
    INCOMPATIBLE_PEER(true),
    /** The peer's metadata is malformed. */
    BAD_METADATA(true),
    /** The handshake did not complete within HANDSHAKE_IVL. */
    HANDSHAKE_TIMEOUT(false),
    /** No traffic arrived within HEARTBEAT_TIMEOUT after our PING (ZMTP 3.1 heartbeats). */
    HEARTBEAT_TIMEOUT(false),
    /** No traffic arrived within the TTL the peer announced in its PING. */
    HEARTBEAT_TTL_EXPIRED(false),
    /** The peer sent an ERROR command. */
    PEER_ERROR(false),
    /** The peer refused our credentials, or we refused its credentials. */
    AUTHENTICATION_FAILED(true),
    /** The ZAP handler answered 300 (try again later): the connection closes without an ERROR (RFC 27). */
    AUTHENTICATION_DEFERRED(false),
    /** The socket refused the peer, e.g. a PAIR socket that already has one. */
    PEER_REFUSED(false);

    private final boolean sendsErrorCommand;

    ZmtpError(boolean sendsErrorCommand) {
        this.sendsErrorCommand = sendsErrorCommand;
    }

    /**
     * Whether we tell the peer with an ERROR command before closing. Only done during the handshake: ERROR is a
     * handshake command, so it needs both greetings exchanged and is not sent once the handshake is complete.
     */
    public boolean sendsErrorCommand() {
        return sendsErrorCommand;
    }

    /**
     * Whether the connecting side should stop reconnecting after this error: libzmq treats protocol errors and a
     * received ERROR as permanent (ZMTP.md §11); a plain close, a timeout (handshake or heartbeat) or a busy peer is
     * temporary, so the connection is made again.
     */
    public boolean isPermanent() {
        return this != HANDSHAKE_TIMEOUT && this != PEER_REFUSED && this != HEARTBEAT_TIMEOUT
                && this != HEARTBEAT_TTL_EXPIRED && this != AUTHENTICATION_DEFERRED;
    }
}
