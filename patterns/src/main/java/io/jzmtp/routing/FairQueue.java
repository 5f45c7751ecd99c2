package io.jzmtp.routing;

import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;

import java.util.ArrayDeque;

/**
 * Fair-queued receiving (RFC 28–30): takes one message at a time from each pipe that has one, in turn, so no peer
 * can starve the others. Only pipes that announced themselves readable are visited, so a receive costs the same with
 * ten peers or ten thousand. Not thread-safe: the socket calls it under its lock.
 */
public final class FairQueue {

    private final ArrayDeque<Pipe> ready = new ArrayDeque<>();
    private Pipe lastSource;

    /** {@code pipe} has messages (it announced itself readable). */
    public void readable(Pipe pipe) {
        ready.addLast(pipe);
    }

    /**
     * The next message in turn, owned by the caller, or {@code null} when no pipe has one. {@link #lastSource()} then
     * names the pipe it came from.
     */
    public Message receive() {
        lastSource = null;
        Pipe pipe;
        while ((pipe = ready.peekFirst()) != null) {
            Message m = pipe.poll();
            boolean staysReady = (m != null && pipe.hasInbound()) || pipe.clearReadable();
            if (!staysReady) {
                ready.pollFirst();
            } else if (ready.size() > 1) {
                ready.addLast(ready.pollFirst());   // its turn is over; alone, it keeps its place (no queue churn)
            }
            if (m != null) {
                lastSource = pipe;
                return m;
            }
        }
        return null;
    }

    /**
     * CONFLATE's receive: takes every message now queued and returns only the newest, releasing the older ones;
     * {@code null} when none is queued.
     */
    public Message receiveNewest() {
        Message newest = null;
        Message m;
        while ((m = receive()) != null) {
            if (newest != null) {
                newest.close();
            }
            newest = m;
        }
        return newest;
    }

    /** The pipe the message last returned by {@link #receive()} came from; {@code null} if it returned none. */
    public Pipe lastSource() {
        return lastSource;
    }

    /** Whether some pipe may have a message. */
    public boolean hasReadable() {
        return !ready.isEmpty();
    }

}
