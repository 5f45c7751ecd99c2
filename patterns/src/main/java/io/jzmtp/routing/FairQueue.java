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
        if (ready.size() == 1) {
            // One peer sending (the common case): take from it without turning the queue over.
            Pipe only = ready.peekFirst();
            Message m = only.poll();
            if (m != null) {
                if (!only.hasInbound() && !only.clearReadable()) {
                    ready.pollFirst();
                }
                lastSource = only;
                return m;
            }
        }
        Pipe pipe;
        while ((pipe = ready.pollFirst()) != null) {
            Message m = pipe.poll();
            if (m != null) {
                if (pipe.hasInbound() || pipe.clearReadable()) {
                    ready.addLast(pipe);
                }
                lastSource = pipe;
                return m;
            }
            if (pipe.clearReadable()) {
                ready.addLast(pipe);
            }
        }
        return null;
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
