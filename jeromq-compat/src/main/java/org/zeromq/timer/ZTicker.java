package org.zeromq.timer;

/** Repeating timers and one-shot tickets together, run by the caller's thread. Not thread-safe. */
public final class ZTicker {

    private final ZTimer timer = new ZTimer();
    private final ZTicket ticket = new ZTicket();

    /** Adds a one-shot ticket; see {@link ZTicket#add}. */
    public ZTicket.Ticket addTicket(long interval, TimerHandler handler, Object... args) {
        return ticket.add(interval, handler, args);
    }

    /** Adds a repeating timer; see {@link ZTimer#add}. */
    public ZTimer.Timer addTimer(long interval, TimerHandler handler, Object... args) {
        return timer.add(interval, handler, args);
    }

    /** Milliseconds until the next timer or ticket is due: 0 when one is, -1 when there is none. */
    public long timeout() {
        long timers = timer.timeout();
        long tickets = ticket.timeout();
        if (timers < 0 || tickets < 0) {
            return Math.max(timers, tickets);
        }
        return Math.min(timers, tickets);
    }

    /** Runs the due timers and tickets; returns how many fired. */
    public int execute() {
        return timer.execute() + ticket.execute();
    }
}
