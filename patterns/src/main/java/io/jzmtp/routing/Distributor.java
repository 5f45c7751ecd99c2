package io.jzmtp.routing;

import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;

import java.util.Collection;
import java.util.Iterator;

/**
 * Fan-out (RFC 29): one message to many pipes, each holding its own reference to the same frames (no copy). A pipe at
 * its high-water mark misses the message, so a slow subscriber never slows the others.
 */
public final class Distributor {

    private Distributor() {
    }

    /**
     * Sends {@code message} to every pipe in {@code targets}, dropping it for pipes that are full. Takes ownership.
     * Returns how many pipes missed it.
     */
    public static int sendToAll(Message message, Collection<Pipe> targets) {
        int left = targets.size();
        if (left == 0) {
            message.close();
            return 0;
        }
        int dropped = 0;
        Iterator<Pipe> it = targets.iterator();
        while (left-- > 1) {
            Message copy = message.retainedDuplicate();
            if (!it.next().offer(copy)) {
                copy.close();
                dropped++;
            }
        }
        if (!it.next().offer(message)) {
            message.close();
            dropped++;
        }
        return dropped;
    }

    /** Whether every pipe in {@code targets} would accept a message now. */
    public static boolean allWritable(Collection<Pipe> targets) {
        for (Pipe p : targets) {
            if (!p.isWritable()) {
                return false;
            }
        }
        return true;
    }
}
