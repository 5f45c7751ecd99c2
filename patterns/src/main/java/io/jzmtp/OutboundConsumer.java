package io.jzmtp;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The consumer of one inproc pipe's outbound queue. A network pipe's queue is consumed by its I/O thread; an inproc
 * pipe has none, so whichever thread needs the queue moved (the sender after an offer, the receiver once it has room
 * again) runs the consumer here, one thread at a time, without waiting: a thread that finds it busy leaves a mark, and
 * the busy one goes round once more before it lets go. It is also the pipe's executor, so the pipe's own cleanup
 * (discarding what is queued when it ends) runs under the same exclusion.
 */
final class OutboundConsumer implements Executor {

    private final AtomicBoolean busy = new AtomicBoolean();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean again;
    private volatile Runnable mover;

    /** What moves the queue while a connection is up ({@code null} when there is none). */
    void mover(Runnable mover) {
        this.mover = mover;
    }

    /** Runs {@code task} as the consumer, now on this thread or soon on the thread that is the consumer now. */
    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        run();
    }

    /** Moves the queue, now on this thread or soon on the thread that is moving it now. */
    void run() {
        while (true) {
            if (tryEnter()) {
                exit();   // runs the tasks and the mover
                return;
            }
            // Busy: ask the holder to go round once more. It reads the mark after letting go; if it let go before our
            // mark, we see it free and try again ourselves.
            again = true;
            if (busy.get()) {
                return;
            }
        }
    }

    /**
     * Becomes the consumer for a piece of work of the caller's own (a sender delivering one message directly), if
     * nobody is the consumer now; {@link #leaveAlone()} must follow. Requests to move the queue are left marked, so
     * {@link #leaveAlone()} serves them.
     */
    boolean tryEnterAlone() {
        return busy.compareAndSet(false, true);
    }

    /** Ends what {@link #tryEnterAlone()} began; runs a full round if someone asked for one meanwhile or before. */
    void leaveAlone() {
        busy.set(false);
        if (again) {
            run();
        }
    }

    /** Becomes the consumer if nobody is, without waiting; {@link #exit()} must follow. */
    boolean tryEnter() {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        if (again) {
            again = false;   // what asked is served by the round that exit() runs: it queued before it asked
        }
        return true;
    }

    /** Runs the queued tasks and the mover, lets go, and goes round again while others asked meanwhile. */
    void exit() {
        while (true) {
            try {
                Runnable t;
                while ((t = tasks.poll()) != null) {
                    t.run();
                }
                Runnable m = mover;
                if (m != null) {
                    m.run();
                }
            } finally {
                busy.set(false);
            }
            if (!again || !tryEnter()) {
                return;   // nobody asked while we held it, or someone else holds it now and will see the mark
            }
        }
    }
}
