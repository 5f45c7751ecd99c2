package io.jzmtp.cli;

import io.jzmtp.SocketType;
import io.jzmtp.interop.LibzmqPeer;
import io.jzmtp.interop.Peer;

/** The implementations on the other end of a {@code bin/jzmtp} process in the launcher tests. */
enum Counterpart {
    /** A jzmtp socket in the test's JVM. */
    JZMTP("jzmtp", "tcp://127.0.0.1:*") {
        @Override
        Peer open(SocketType type) {
            return new JzmtpPeer(type);
        }
    },
    /**
     * libzmq 4.3 through Debian's python3-zmq, in a child process; when it is missing the test is skipped, or fails
     * with {@code CI=true}.
     */
    LIBZMQ("libzmq", "tcp://127.0.0.1:*") {
        @Override
        Peer open(SocketType type) {
            return LibzmqPeer.open(type);
        }
    },
    /** libzmq as above, over {@code ipc://} (a fresh socket file in the temporary directory for each bind). */
    LIBZMQ_IPC("libzmq over ipc", "ipc://*") {
        @Override
        Peer open(SocketType type) {
            return LibzmqPeer.open(type);
        }
    };

    private final String label;
    private final String anyEndpoint;

    Counterpart(String label, String anyEndpoint) {
        this.label = label;
        this.anyEndpoint = anyEndpoint;
    }

    /** What either end binds: the bound endpoint is then reported and the other end connects to it. */
    String anyEndpoint() {
        return anyEndpoint;
    }

    /** A new socket of {@code type}; the caller closes it. */
    abstract Peer open(SocketType type);

    @Override
    public String toString() {
        return label;
    }
}
