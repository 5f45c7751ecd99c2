package io.jzmtp.interop;

import io.jzmtp.SocketType;

/** The implementations our sockets are tested against. */
enum PeerKind {
    /** libzmq 4.3 through Debian's python3-zmq, in a child process (see {@link LibzmqPeer}); greets as ZMTP 3.1. */
    LIBZMQ("libzmq", "3.1") {
        @Override
        Peer open(SocketType type) {
            return LibzmqPeer.open(type);
        }
    },
    /** JeroMQ 0.6, in this JVM; greets as ZMTP 3.0 (ZMTP.md §18). */
    JEROMQ("JeroMQ", "3.0") {
        @Override
        Peer open(SocketType type) {
            return new JeromqPeer(type);
        }
    };

    private final String label;
    private final String zmtpVersion;

    PeerKind(String label, String zmtpVersion) {
        this.label = label;
        this.zmtpVersion = zmtpVersion;
    }

    /** The ZMTP version a connection with this peer runs at: its greeting's version, capped at our 3.1. */
    String zmtpVersion() {
        return zmtpVersion;
    }

    /** A new socket of {@code type} in this implementation; the caller closes it. */
    abstract Peer open(SocketType type);

    @Override
    public String toString() {
        return label;
    }
}
