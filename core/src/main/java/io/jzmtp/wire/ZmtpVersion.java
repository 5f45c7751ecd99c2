package io.jzmtp.wire;

/**
 * The ZMTP revision spoken on a connection. We announce 3.1 and speak 3.0 to peers that announce 3.0 (JeroMQ,
 * NetMQ); the only behavioural difference is how subscriptions travel (ZMTP.md §8.1).
 */
public enum ZmtpVersion {
    /** ZMTP 3.0 (RFC 23): subscriptions as {@code \x01topic} / {@code \x00topic} messages. */
    V3_0,
    /** ZMTP 3.1: SUBSCRIBE/CANCEL and PING/PONG commands. */
    V3_1;

    /**
     * The version both sides speak, decided the way libzmq 4.3 decides it (ZMTP.md §2.3): revision byte 3 with minor
     * 0 is 3.0; 3 with minor 1 or more, 2, or anything above 3 is 3.1.
     */
    public static ZmtpVersion negotiate(int peerMajor, int peerMinor) {
        if (peerMajor == 3 && peerMinor == 0) {
            return V3_0;
        }
        return V3_1;
    }

    /** Whether subscriptions and heartbeats travel as commands. */
    public boolean hasSubscriptionCommands() {
        return this == V3_1;
    }

    @Override
    public String toString() {
        return this == V3_0 ? "3.0" : "3.1";
    }
}
