package io.jzmtp.routing;

import io.jzmtp.msg.Frame;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A subscriber's own subscriptions, counted (subscribing to a prefix twice needs two unsubscribes, RFC 29), used to
 * filter what arrives (a publisher that does not filter is still handled correctly) and to re-send subscriptions after
 * a reconnect. Not thread-safe: the socket calls it under its lock.
 */
public final class TopicFilter {

    private static final byte[][] NONE = new byte[0][];

    private final Map<ByteBuffer, Integer> counts = new LinkedHashMap<>();
    /** The distinct prefixes as a plain array, rebuilt on change: matching runs per message and allocates nothing. */
    private byte[][] prefixes = NONE;
    private boolean matchesEverything;

    /** Adds one subscription; returns whether the prefix was not subscribed before. */
    public boolean add(byte[] prefix) {
        boolean added = counts.merge(ByteBuffer.wrap(prefix.clone()), 1, Integer::sum) == 1;
        if (added) {
            rebuild();
        }
        return added;
    }

    private void rebuild() {
        prefixes = counts.keySet().stream().map(ByteBuffer::array).toArray(byte[][]::new);
        matchesEverything = counts.containsKey(ByteBuffer.wrap(new byte[0]));
    }

    /** Removes one subscription; returns whether the prefix is no longer subscribed (and was before). */
    public boolean remove(byte[] prefix) {
        ByteBuffer key = ByteBuffer.wrap(prefix);
        Integer n = counts.get(key);
        if (n == null) {
            return false;
        }
        if (n == 1) {
            counts.remove(key);
            rebuild();
            return true;
        }
        counts.put(key, n - 1);
        return false;
    }

    /** Whether {@code topic} starts with some subscribed prefix. */
    public boolean matches(Frame topic) {
        if (matchesEverything) {
            return true;
        }
        for (byte[] prefix : prefixes) {
            if (topic.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Calls {@code action} once per distinct subscribed prefix, in subscription order. */
    public void forEach(Consumer<byte[]> action) {
        for (ByteBuffer prefix : counts.keySet()) {
            action.accept(prefix.array().clone());
        }
    }

    /** Whether nothing is subscribed. */
    public boolean isEmpty() {
        return counts.isEmpty();
    }
}
