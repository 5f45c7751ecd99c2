package io.jzmtp.routing;

import io.jzmtp.pipe.Pipe;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ROUTER's routing ids (RFC 28, ZMTP.md §9): which pipe a routing id reaches, and which id a pipe's messages carry.
 *
 * <p>The two directions are kept apart on purpose. A pipe that left the socket stops being <em>routable</em> at once
 * ({@link #unroute}), so replies to it are unroutable, yet the messages it delivered before leaving still carry its id
 * until the socket {@link #forget}s it. Ids are copied on the way in and out, so callers cannot change them.
 * Not thread-safe: the socket calls it under its lock.
 */
public final class RoutingTable {

    /** Length of a generated id: {@code 00} and a 32-bit big-endian counter (ZMTP.md §9). */
    public static final int GENERATED_ID_LENGTH = 5;

    private final Map<Key, Pipe> routes = new HashMap<>();
    private final Map<Pipe, byte[]> ids = new HashMap<>();
    private int nextGenerated = ThreadLocalRandom.current().nextInt();

    /** The id {@code pipe}'s messages carry (a copy), or {@code null} when it has none. */
    public byte[] idOf(Pipe pipe) {
        byte[] id = ids.get(pipe);
        return id == null ? null : id.clone();
    }

    /** Whether {@code pipe} has an id. */
    public boolean hasId(Pipe pipe) {
        return ids.containsKey(pipe);
    }

    /** The pipe that {@code id} reaches, or {@code null}. */
    public Pipe route(byte[] id) {
        return routes.get(new Key(id));
    }

    /**
     * Gives {@code pipe} the id {@code id}, replacing any id it had. The caller must have checked that no other pipe
     * holds {@code id}.
     *
     * @throws IllegalStateException when another pipe holds {@code id}
     */
    public void assign(Pipe pipe, byte[] id) {
        Key key = new Key(id.clone());
        Pipe holder = routes.get(key);
        if (holder != null && holder != pipe) {
            throw new IllegalStateException("routing id " + hex(id) + " is already in use");
        }
        unroute(pipe);
        routes.put(key, pipe);
        ids.put(pipe, key.bytes);
    }

    /** {@code pipe} can no longer be reached; the id of messages it already delivered is kept. */
    public void unroute(Pipe pipe) {
        byte[] id = ids.get(pipe);
        if (id != null) {
            routes.remove(new Key(id), pipe);
        }
    }

    /** Forgets {@code pipe} entirely. */
    public void forget(Pipe pipe) {
        unroute(pipe);
        ids.remove(pipe);
    }

    /** Every pipe an id reaches. */
    public Collection<Pipe> routablePipes() {
        return routes.values();
    }

    /**
     * A fresh id for a peer that announced none: {@code 00} followed by a counter that starts at a random value and
     * increases per id (libzmq's scheme, so ids never collide with the non-empty identities peers announce, which
     * RFC 28 says must not start with a zero byte). Skips ids in use.
     */
    public byte[] generate() {
        byte[] id;
        do {
            int n = nextGenerated++;
            id = new byte[] {0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        } while (routes.containsKey(new Key(id)));
        return id;
    }

    /** {@code id} as lower-case hex, for messages. */
    public static String hex(byte[] id) {
        return HexFormat.of().formatHex(id);
    }

    /** An id as a map key: byte arrays compare by identity. */
    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return hex(bytes);
        }
    }
}
