package org.zeromq.util;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.zeromq.ZConfig;

/**
 * Named string properties, as a ZAP reply, a certificate or a ZMTP handshake carries them. Thread-safe: the
 * properties live in a concurrent map, as in JeroMQ (so iteration order is the map's, not insertion order).
 *
 * <p>Differs from JeroMQ: the constructor and {@code set} overload taking JeroMQ's internal {@code zmq.io.Metadata}
 * do not exist, since jzmtp has no such type.
 */
public class ZMetadata {

    private final Map<String, String> properties = new ConcurrentHashMap<>();

    /** Empty metadata. */
    public ZMetadata() {
    }

    /** The property names, a live view. */
    public Set<String> keySet() {
        return properties.keySet();
    }

    /** The value of {@code key}, or null. */
    public String get(String key) {
        return properties.get(key);
    }

    /** Sets {@code key}; a null value is stored as the empty string, as in JeroMQ. */
    public void set(String key, String value) {
        properties.put(key, value == null ? "" : value);
    }

    /** Removes {@code key} and its value, if present. */
    public void remove(String key) {
        properties.remove(key);
    }

    /** The properties in ZMTP's property encoding (RFC 23): name length byte, name, 4-byte value length, value. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode metadata", e);   // a byte array stream does not fail
        }
        return out.toByteArray();
    }

    /** {@code Metadata={name=value, ...}}, as JeroMQ prints it. */
    @Override
    public String toString() {
        return "Metadata=" + properties;
    }

    @Override
    public int hashCode() {
        return properties.hashCode();
    }

    /** Equal to a ZMetadata with the same properties. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        return Objects.equals(properties, ((ZMetadata) o).properties);
    }

    /** The properties as a live view. */
    public Set<Map.Entry<String, String>> entrySet() {
        return properties.entrySet();
    }

    /** The values as a live view. */
    public Collection<String> values() {
        return properties.values();
    }

    /** Whether there are no properties. */
    public boolean isEmpty() {
        return properties.isEmpty();
    }

    /** Whether {@code property} is set. */
    public boolean containsKey(String property) {
        return properties.containsKey(property);
    }

    /** Removes every property. */
    public void clear() {
        properties.clear();
    }

    /** The number of properties. */
    public int size() {
        return properties.size();
    }

    /**
     * Writes the properties to {@code stream} in ZMTP's property encoding (see {@link #bytes()}).
     *
     * @throws IllegalStateException if a name is longer than 255 bytes
     */
    public void write(OutputStream stream) throws IOException {
        for (Map.Entry<String, String> e : properties.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            if (name.length > 255) {
                throw new IllegalStateException("a metadata name is at most 255 bytes: " + e.getKey());
            }
            byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
            stream.write(name.length);
            stream.write(name);
            stream.write(ByteBuffer.allocate(4).putInt(value.length).array());
            stream.write(value);
        }
    }

    /**
     * Parses {@code meta}, the UTF-8 text of ZMTP-encoded properties (what a ZAP reply's metadata frame holds);
     * null for null or empty text. Parsing stops quietly at a truncated property, as in JeroMQ.
     */
    public static ZMetadata read(String meta) {
        if (meta == null || meta.isEmpty()) {
            return null;
        }
        ByteBuffer data = ByteBuffer.wrap(meta.getBytes(StandardCharsets.UTF_8));
        ZMetadata parsed = new ZMetadata();
        while (data.remaining() > 1) {
            int nameLength = Byte.toUnsignedInt(data.get());
            if (nameLength == 0 || data.remaining() < nameLength) {
                break;
            }
            byte[] name = new byte[nameLength];
            data.get(name);
            if (data.remaining() < 4) {
                break;
            }
            int valueLength = data.getInt();
            if (valueLength < 0 || data.remaining() < valueLength) {
                break;
            }
            byte[] value = new byte[valueLength];
            data.get(value);
            parsed.set(new String(name, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8));
        }
        return parsed;
    }

    /** The {@code metadata} section of {@code conf} (a certificate), or null if it has none. */
    public static ZMetadata read(ZConfig conf) {
        ZConfig section = conf.getChild("metadata");
        if (section == null) {
            return null;
        }
        ZMetadata metadata = new ZMetadata();
        section.getValues().forEach(metadata::set);
        return metadata;
    }
}
