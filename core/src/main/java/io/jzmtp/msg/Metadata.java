package io.jzmtp.msg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The properties of a ZMTP connection (RFC 37 "metadata"): what the peer announced in its READY or INITIATE command,
 * such as {@code Socket-Type} and {@code Identity}, plus locally known facts such as {@code Peer-Address}.
 *
 * <p>Names are matched case-insensitively, as RFC 37 says; the spelling the peer used is kept. Immutable and
 * thread-safe.
 */
public final class Metadata {

    /** Property announcing the sender's socket type (RFC 37). */
    public static final String SOCKET_TYPE = "Socket-Type";
    /** Property announcing the sender's routing id (RFC 37). */
    public static final String IDENTITY = "Identity";
    /** Local property: the peer's network address, like libzmq's {@code Peer-Address}. */
    public static final String PEER_ADDRESS = "Peer-Address";
    /** Local property: the ZMTP version both sides speak, {@code 3.0} or {@code 3.1}. */
    public static final String PROTOCOL = "X-Jzmtp-Protocol";

    /** Metadata with no properties. */
    public static final Metadata EMPTY = new Metadata(List.of());

    /** One name/value pair. The value is copied on the way in and out. */
    public record Property(String name, byte[] value) {
        /** Checks the name and copies the value. */
        public Property {
            Objects.requireNonNull(name, "name");
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** The value decoded as UTF-8. */
        public String valueAsString() {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Property p && p.name.equals(name) && Arrays.equals(p.value, value);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return name + "=" + valueAsString();
        }
    }

    private final List<Property> properties;

    private Metadata(List<Property> properties) {
        this.properties = properties;
    }

    /** Metadata holding {@code properties} in order. */
    public static Metadata of(List<Property> properties) {
        return properties.isEmpty() ? EMPTY : new Metadata(List.copyOf(properties));
    }

    /** All properties, in the order they were announced. */
    public List<Property> properties() {
        return properties;
    }

    /** The raw value of the first property called {@code name} (any case). */
    public Optional<byte[]> bytes(String name) {
        for (Property p : properties) {
            if (p.name().equalsIgnoreCase(name)) {
                return Optional.of(p.value());
            }
        }
        return Optional.empty();
    }

    /** The value of the first property called {@code name} (any case), decoded as UTF-8. */
    public Optional<String> get(String name) {
        return bytes(name).map(v -> new String(v, StandardCharsets.UTF_8));
    }

    /** The peer's announced socket type, if any. */
    public Optional<String> socketType() {
        return get(SOCKET_TYPE);
    }

    /** The peer's announced identity (routing id); empty when it announced none or an empty one. */
    public Optional<byte[]> identity() {
        return bytes(IDENTITY).filter(v -> v.length > 0);
    }

    /** The peer's address, as seen by this side. */
    public Optional<String> peerAddress() {
        return get(PEER_ADDRESS);
    }

    /** A copy of this metadata with {@code extra} appended. */
    public Metadata with(Property... extra) {
        List<Property> all = new ArrayList<>(properties);
        Collections.addAll(all, extra);
        return of(all);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metadata m && m.properties.equals(properties);
    }

    @Override
    public int hashCode() {
        return properties.hashCode();
    }

    @Override
    public String toString() {
        return "Metadata" + properties;
    }
}
