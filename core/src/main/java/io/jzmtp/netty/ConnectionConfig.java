package io.jzmtp.netty;

import io.jzmtp.mechanism.MechanismFactory;
import io.jzmtp.msg.Metadata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the engine needs to run one connection for a socket: who we are, whom we accept, and the limits.
 *
 * @param socketType          our socket type as announced in READY, e.g. {@code PUSH}
 * @param compatiblePeerTypes peer socket types we accept (ZMTP.md §6)
 * @param routingId           our routing id (0..255 bytes)
 * @param announceIdentity    whether READY carries {@code Identity}; libzmq sends it from REQ, DEALER and ROUTER
 * @param applicationMetadata extra {@code X-} properties announced in READY
 * @param maxMessageSize      largest frame accepted, in bytes; -1 for no limit (libzmq's MAXMSGSIZE, per frame)
 * @param handshakeMillis     time allowed from connect to a completed handshake; 0 for no limit
 * @param mechanism           creates the security mechanism of each connection
 * @param heartbeat           ZMTP 3.1 heartbeat settings
 * @param arrayBodies         whether every received body is delivered in a {@code byte[]} of its own, for readers
 *                            that take each frame as an array (see {@code Frame.sharedBytes}); else bodies of 256
 *                            bytes and more are zero-copy slices of the read buffers
 */
public record ConnectionConfig(String socketType, Set<String> compatiblePeerTypes, byte[] routingId,
                               boolean announceIdentity, Metadata applicationMetadata, long maxMessageSize,
                               long handshakeMillis, MechanismFactory mechanism, Heartbeat heartbeat,
                               boolean arrayBodies) {

    /**
     * Heartbeat settings (ZMTP.md §10, libzmq's HEARTBEAT_IVL, HEARTBEAT_TIMEOUT, HEARTBEAT_TTL).
     *
     * @param intervalMillis time between our PINGs; 0 = we send none (we still answer the peer's)
     * @param timeoutMillis  time allowed after a PING for any traffic before the connection is closed
     * @param ttlMillis      the TTL announced in our PINGs: the peer may close if it hears nothing from us for that
     *                       long; 0 = none; at most 6553500 (sent in deciseconds)
     */
    public record Heartbeat(long intervalMillis, long timeoutMillis, long ttlMillis) {

        /** No heartbeats of our own. */
        public static final Heartbeat OFF = new Heartbeat(0, 0, 0);

        public Heartbeat {
            if (intervalMillis < 0 || timeoutMillis < 0 || ttlMillis < 0 || ttlMillis > 6_553_500) {
                throw new IllegalArgumentException("invalid heartbeat settings: " + intervalMillis + ", "
                        + timeoutMillis + ", " + ttlMillis);
            }
        }

        /** The TTL field of our PINGs, in deciseconds (truncating, as libzmq does). */
        public int ttlDeciseconds() {
            return (int) (ttlMillis / 100);
        }
    }

    /** A configuration whose large bodies are zero-copy slices of the read buffers. */
    public ConnectionConfig(String socketType, Set<String> compatiblePeerTypes, byte[] routingId,
                            boolean announceIdentity, Metadata applicationMetadata, long maxMessageSize,
                            long handshakeMillis, MechanismFactory mechanism, Heartbeat heartbeat) {
        this(socketType, compatiblePeerTypes, routingId, announceIdentity, applicationMetadata, maxMessageSize,
                handshakeMillis, mechanism, heartbeat, false);
    }

    /** A configuration without heartbeats of our own. */
    public ConnectionConfig(String socketType, Set<String> compatiblePeerTypes, byte[] routingId,
                            boolean announceIdentity, Metadata applicationMetadata, long maxMessageSize,
                            long handshakeMillis, MechanismFactory mechanism) {
        this(socketType, compatiblePeerTypes, routingId, announceIdentity, applicationMetadata, maxMessageSize,
                handshakeMillis, mechanism, Heartbeat.OFF);
    }

    public ConnectionConfig {
        Objects.requireNonNull(socketType, "socketType");
        compatiblePeerTypes = Set.copyOf(compatiblePeerTypes);
        routingId = routingId.clone();
        Objects.requireNonNull(applicationMetadata, "applicationMetadata");
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (routingId.length > 255) {
            throw new IllegalArgumentException("routing id longer than 255 bytes");
        }
    }

    @Override
    public byte[] routingId() {
        return routingId.clone();
    }

    /** The metadata announced in READY: {@code Socket-Type}, {@code Identity} if announced, then application ones. */
    public Metadata localMetadata() {
        List<Metadata.Property> props = new ArrayList<>();
        props.add(new Metadata.Property(Metadata.SOCKET_TYPE, socketType.getBytes(StandardCharsets.US_ASCII)));
        if (announceIdentity) {
            props.add(new Metadata.Property(Metadata.IDENTITY, routingId));
        }
        props.addAll(applicationMetadata.properties());
        return Metadata.of(props);
    }
}
