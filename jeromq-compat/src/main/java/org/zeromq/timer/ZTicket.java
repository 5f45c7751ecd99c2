package org.zeromq.timer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One-shot timers ("tickets") run by the caller's thread: each fires once, {@code delay} ms after it was added or
 * last reset, unless cancelled first. Not thread-safe.
 *
 * <p>Difference from JeroMQ: {@link #timeout()} is -1 once every ticket has fired or been cancelled (JeroMQ may still
 * count down to a cancelled one), and handlers may add tickets while {@link #execute()} runs.
 */
public final class ZTicket {

    /** A handle on one ticket; tickets compare by when they are due, cancelled ones last. */
    public static final class Ticket implements Comparable<Ticket> {

        private final ZTicket parent;
        private final TimerHandler handler;
        private final Object[] args;
        private long start;
        private long delay;
        private boolean alive = true;

        private Ticket(ZTicket parent, long start, long delay, TimerHandler handler, Object[] args) {
            this.parent = parent;
            this.start = start;
            this.delay = delay;
            this.handler = handler;
            this.args = args;
        }

        /** Restarts the delay from now, unless the ticket fired or was cancelled. */
        public void reset() {
            if (alive) {
                start = parent.now();
            }
        }

        /** Cancels the ticket; false if it already fired or was cancelled. */
        public boolean cancel() {
            if (!alive) {
                return false;
            }
            alive = false;
            return true;
        }

        /** Changes the delay, still counted from when the ticket was added or reset. */
        public void setDelay(long delay) {
            if (alive) {
                this.delay = delay;
            }
        }

        private long deadline() {
            return start + delay;
        }

        @Override
        public int compareTo(Ticket other) {
            if (alive != other.alive) {
                return alive ? -1 : 1;
            }
            return alive ? Long.compare(deadline(), other.deadline()) : 0;
        }
    }

    private final List<Ticket> tickets = new ArrayList<>();

    private long now() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    /**
     * Adds a ticket calling {@code handler} with {@code args} once, after {@code delay} ms; null for a null handler.
     *
     * @throws IllegalArgumentException if {@code delay} is not positive
     */
    public Ticket add(long delay, TimerHandler handler, Object... args) {
        if (handler == null) {
            return null;
        }
        if (delay <= 0) {
            throw new IllegalArgumentException("Delay of a ticket has to be strictly greater than 0");
        }
        Ticket ticket = new Ticket(this, now(), delay, handler, args);
        tickets.add(ticket);
        return ticket;
    }

    /** Milliseconds until the next ticket is due: 0 when one is, -1 when none is pending. */
    public long timeout() {
        tickets.removeIf(t -> !t.alive);
        if (tickets.isEmpty()) {
            return -1;
        }
        long next = Long.MAX_VALUE;
        for (Ticket t : tickets) {
            next = Math.min(next, t.deadline());
        }
        return Math.max(0, next - now());
    }

    /** Calls the handlers of the due tickets, earliest first, and forgets them; returns how many fired. */
    public int execute() {
        long now = now();
        tickets.removeIf(t -> !t.alive);
        List<Ticket> due = new ArrayList<>();
        for (Ticket t : tickets) {
            if (now - t.start >= t.delay) {
                due.add(t);
            }
        }
        due.sort(null);
        int executed = 0;
        for (Ticket t : due) {
            if (t.alive) {   // an earlier handler may have cancelled it
                t.alive = false;
                t.handler.time(t.args);
                executed++;
            }
        }
        tickets.removeIf(t -> !t.alive);
        return executed;
    }
}
