package io.jzmtp;

import io.jzmtp.pipe.Pipe;
import io.netty.util.internal.PlatformDependent;

import java.util.Queue;

/**
 * What happened to a socket's pipes on the I/O threads, queued for the socket's user side to apply to its pattern
 * under its own lock: libzmq's socket mailbox. I/O threads only add (lock-free, in order per pipe); the user side
 * drains it at the start of every call, so pattern state is touched by user threads alone.
 *
 * <p>A pipe that became readable is queued as itself, with no event object, so the steady flow of messages
 * allocates nothing here; the rarer changes (a pipe attached, connected, disconnected, detached) are {@link Change}s.
 * One queue keeps them in order: a pipe is always attached before it is first read.
 */
final class PipeEvents {

    /** A change in a pipe's life, other than "readable". */
    record Change(Kind kind, Pipe pipe) {
    }

    /** The kinds of {@link Change}, in the order they happen to a pipe. */
    enum Kind {
        /** The pipe joins the pattern (its handshake completed, and the socket admitted the peer). */
        ATTACH,
        /** Its connection completed a handshake (again, after a reconnect, for a connecting pipe). */
        CONNECTED,
        /** Its connection closed; a connecting pipe may connect again. */
        DISCONNECTED,
        /** The pipe leaves the pattern for good. */
        DETACH
    }

    /** What the user side does with each event, under the socket's lock. */
    interface Handler {
        void readable(Pipe pipe);

        void changed(Kind kind, Pipe pipe);
    }

    // Netty's chunked MPSC queue: no node per element.
    private final Queue<Object> queue = PlatformDependent.newMpscQueue();

    /** Queues "{@code pipe} has messages". Any thread. */
    void readable(Pipe pipe) {
        queue.offer(pipe);
    }

    /** Queues a change of {@code pipe}. Any thread. */
    void changed(Kind kind, Pipe pipe) {
        queue.offer(new Change(kind, pipe));
    }

    /** Whether anything is queued. */
    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Applies every queued event in order. Only the holder of the socket's lock calls this. */
    void drainTo(Handler handler) {
        Object e;
        while ((e = queue.poll()) != null) {
            if (e instanceof Pipe p) {
                handler.readable(p);
            } else {
                Change c = (Change) e;
                handler.changed(c.kind(), c.pipe());
            }
        }
    }
}
