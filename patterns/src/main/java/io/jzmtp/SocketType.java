package io.jzmtp;

import java.util.Set;

/**
 * The ZeroMQ socket types (RFC 28–31) and which peer types each may talk to (ZMTP 3.1, RFC 37). The
 * {@link #wireName()} is what READY announces in {@code Socket-Type}.
 */
public enum SocketType {
    /** Exclusive pair (RFC 31): one peer, both directions. */
    PAIR("PAIR"),
    /** Publisher (RFC 29): fan-out to matching subscribers. */
    PUB("SUB", "XSUB"),
    /** Subscriber (RFC 29): receives what it subscribed to. */
    SUB("PUB", "XPUB"),
    /** Requester (RFC 28): strict send/receive alternation. */
    REQ("REP", "ROUTER"),
    /** Replier (RFC 28): receive a request, send its reply. */
    REP("REQ", "DEALER"),
    /** Asynchronous requester (RFC 28): round-robin out, fair-queued in. */
    DEALER("REP", "DEALER", "ROUTER"),
    /** Asynchronous replier (RFC 28): routes by peer routing id. */
    ROUTER("REQ", "DEALER", "ROUTER"),
    /** Pipeline sink (RFC 30): fair-queued in. */
    PULL("PUSH"),
    /** Pipeline source (RFC 30): round-robin out, blocks at HWM. */
    PUSH("PULL"),
    /** Extended publisher: also hands subscriptions to the application. */
    XPUB("SUB", "XSUB"),
    /** Extended subscriber: subscriptions are messages the application sends. */
    XSUB("PUB", "XPUB");

    private final Set<String> compatiblePeers;

    SocketType(String... compatiblePeers) {
        this.compatiblePeers = Set.of(compatiblePeers);
    }

    /** The name announced in READY's {@code Socket-Type} property. */
    public String wireName() {
        return name();
    }

    /** The {@code Socket-Type} values of peers this type may talk to. */
    public Set<String> compatiblePeers() {
        return compatiblePeers;
    }

    /** Whether a socket of this type may talk to one of {@code peer}'s. */
    public boolean isCompatibleWith(SocketType peer) {
        return compatiblePeers.contains(peer.wireName());
    }

    /** Whether READY carries our {@code Identity} (libzmq sends it from REQ, DEALER and ROUTER). */
    public boolean announcesIdentity() {
        return this == REQ || this == DEALER || this == ROUTER;
    }
}
