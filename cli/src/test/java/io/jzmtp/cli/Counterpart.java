package io.jzmtp.cli;

import io.jzmtp.SocketType;
import io.jzmtp.interop.LibzmqPeer;
import io.jzmtp.interop.Peer;

/** The implementations on the other end of a {@code bin/jzmtp} process in the launcher tests. */
enum Counterpart {
    /** A jzmtp socket in the test's JVM. */
    JZMTP("jzmtp") {
        @Override
        Peer open(SocketType type) {
            return new JzmtpPeer(type);
        }
    },
    /**
     * libzmq 4.3 through Debian's python3-zmq, in a child process; when it is missing the test is skipped, or fails
     * with {@code CI=true}.
     */
    LIBZMQ("libzmq") {
        @Override
        Peer open(SocketType type) {
            return LibzmqPeer.open(type);
        }
    };

    private final String label;

    Counterpart(String label) {
        this.label = label;
    }

    /** A new socket of {@code type}; the caller closes it. */
    abstract Peer open(SocketType type);

    @Override
    public String toString() {
        return label;
    }
}
