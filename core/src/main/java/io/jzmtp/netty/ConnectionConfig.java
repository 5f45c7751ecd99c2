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
 */
public record ConnectionConfig(String socketType, Set<String> compatiblePeerTypes, byte[] routingId,
                               boolean announceIdentity, Metadata applicationMetadata, long maxMessageSize,
                               long handshakeMillis, MechanismFactory mechanism) {

    public ConnectionConfig {
        Objects.requireNonNull(socketType, "socketType");
        compatiblePeerTypes = Set.copyOf(compatiblePeerTypes);
        routingId = routingId.clone();
        Objects.requireNonNull(applicationMetadata, "applicationMetadata");
        Objects.requireNonNull(mechanism, "mechanism");
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
