package io.jzmtp.routing;

import io.jzmtp.msg.Frame;
import io.jzmtp.pipe.Pipe;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The publisher's view of who subscribed to what (RFC 29): a byte trie whose nodes hold the pipes subscribed to that
 * exact prefix. Matching walks the topic's bytes once and collects every pipe met on the way, so its cost depends on
 * the topic's length, not on the number of subscriptions. A pipe subscribed twice to the same prefix is stored once,
 * as in libzmq (the subscriber counts duplicates itself). Not thread-safe: the socket calls it under its lock.
 */
public final class SubscriptionTrie {

    private static final byte[] NO_KEYS = new byte[0];
    private static final Node[] NO_NODES = new Node[0];

    private final Node root = new Node();
    private final Set<Pipe> seen = new HashSet<>();   // reused, only when several prefixes of a topic match

    /** Subscribes {@code pipe} to {@code prefix}; returns whether the prefix had no subscriber before. */
    public boolean add(byte[] prefix, Pipe pipe) {
        Node node = root;
        for (byte b : prefix) {
            node = node.childOrCreate(b);
        }
        boolean wasEmpty = node.pipes == null || node.pipes.isEmpty();
        if (node.pipes == null) {
            node.pipes = new ArrayList<>(2);
        }
        if (!node.pipes.contains(pipe)) {
            node.pipes.add(pipe);
        }
        return wasEmpty;
    }

    /**
     * Unsubscribes {@code pipe} from {@code prefix}; returns whether it was subscribed and the prefix now has no
     * subscriber.
     */
    public boolean remove(byte[] prefix, Pipe pipe) {
        return remove(root, prefix, 0, pipe) == Removal.LAST;
    }

    private enum Removal { NONE, SOME_LEFT, LAST }

    private Removal remove(Node node, byte[] prefix, int depth, Pipe pipe) {
        if (depth == prefix.length) {
            if (node.pipes == null || !node.pipes.remove(pipe)) {
                return Removal.NONE;
            }
            return node.pipes.isEmpty() ? Removal.LAST : Removal.SOME_LEFT;
        }
        int i = node.indexOf(prefix[depth]);
        if (i < 0) {
            return Removal.NONE;
        }
        Removal r = remove(node.children[i], prefix, depth + 1, pipe);
        if (node.children[i].isEmpty()) {
            node.removeChild(i);   // prune so churning topics do not grow the trie forever
        }
        return r;
    }

    /** Removes every subscription of {@code pipe}, telling {@code orphaned} each prefix left with no subscriber. */
    public void removeAll(Pipe pipe, Consumer<byte[]> orphaned) {
        removeAll(root, new ByteArrayOutputStream(), pipe, orphaned);
    }

    private void removeAll(Node node, ByteArrayOutputStream path, Pipe pipe, Consumer<byte[]> orphaned) {
        if (node.pipes != null && node.pipes.remove(pipe) && node.pipes.isEmpty()) {
            orphaned.accept(path.toByteArray());
        }
        for (int i = node.childCount - 1; i >= 0; i--) {
            byte[] before = path.toByteArray();
            path.write(node.keys[i]);
            removeAll(node.children[i], path, pipe, orphaned);
            path.reset();
            path.writeBytes(before);
            if (node.children[i].isEmpty()) {
                node.removeChild(i);
            }
        }
    }

    /**
     * The pipe subscribed to a prefix of {@code topic} when it is the only one, else {@code null} (none, or several:
     * then {@link #match} tells which). A publisher's common case, one subscriber, without filling a list.
     */
    public Pipe onlyMatch(Frame topic) {
        Pipe found = null;
        int depth = 0;
        for (Node node = root; node != null; node = next(node, topic, depth++)) {
            List<Pipe> here = node.pipes;
            if (here == null) {
                continue;
            }
            for (int k = 0, n = here.size(); k < n; k++) {
                Pipe p = here.get(k);
                if (found == null) {
                    found = p;
                } else if (found != p) {
                    return null;
                }
            }
        }
        return found;
    }

    /**
     * Adds to {@code out} every pipe subscribed to a prefix of {@code topic}, each once. Allocates nothing when one
     * prefix matches (the common case); de-duplicates only when several do.
     */
    public void match(Frame topic, List<Pipe> out) {
        int start = out.size();
        int contributors = 0;
        int depth = 0;
        for (Node node = root; node != null; node = next(node, topic, depth++)) {
            List<Pipe> here = node.pipes;
            if (here != null && !here.isEmpty()) {
                for (int k = 0, n = here.size(); k < n; k++) {   // by index: no iterator, no array per message
                    out.add(here.get(k));
                }
                contributors++;
            }
        }
        if (contributors > 1) {
            seen.clear();
            out.subList(start, out.size()).removeIf(p -> !seen.add(p));
            seen.clear();
        }
    }

    /** The node after {@code node} on {@code topic}'s path, {@code depth} bytes in; {@code null} where it ends. */
    private static Node next(Node node, Frame topic, int depth) {
        if (depth == topic.size() || node.childCount == 0) {
            return null;
        }
        int i = node.indexOf((byte) topic.byteAt(depth));
        return i < 0 ? null : node.children[i];
    }

    /** Whether nobody is subscribed to anything, all nodes pruned (for tests: memory follows subscriptions). */
    boolean isEmpty() {
        return root.isEmpty();
    }

    /** One trie node: children kept in small parallel arrays, since fan-out per byte is usually tiny. */
    private static final class Node {
        byte[] keys = NO_KEYS;
        Node[] children = NO_NODES;
        int childCount;
        /** The pipes subscribed to this exact prefix, each once; a list, so matching walks it without allocating. */
        List<Pipe> pipes;

        int indexOf(byte b) {
            for (int i = 0; i < childCount; i++) {
                if (keys[i] == b) {
                    return i;
                }
            }
            return -1;
        }

        Node childOrCreate(byte b) {
            int i = indexOf(b);
            if (i >= 0) {
                return children[i];
            }
            if (childCount == keys.length) {
                int size = Math.max(2, childCount * 2);
                keys = Arrays.copyOf(keys, size);
                children = Arrays.copyOf(children, size);
            }
            Node n = new Node();
            keys[childCount] = b;
            children[childCount++] = n;
            return n;
        }

        void removeChild(int i) {
            int tail = childCount - i - 1;
            System.arraycopy(keys, i + 1, keys, i, tail);
            System.arraycopy(children, i + 1, children, i, tail);
            children[--childCount] = null;
        }

        boolean isEmpty() {
            return (pipes == null || pipes.isEmpty()) && childCount == 0;
        }
    }
}
