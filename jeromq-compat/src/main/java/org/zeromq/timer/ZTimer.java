package org.zeromq.timer;

import zmq.util.Timers;

/**
 * Repeating timers run by the caller's thread: wait for {@link #timeout()} (in a poll, say), then {@link #execute()}
 * the due ones. Not thread-safe.
 */
public final class ZTimer {

    /** A handle on one timer. */
    public static final class Timer {

        private final Timers.Timer delegate;

        Timer(Timers.Timer delegate) {
            this.delegate = delegate;
        }

        /** Changes the interval and restarts the timer from now; false once cancelled. */
        public boolean setInterval(long interval) {
            return delegate.setInterval(interval);
        }

        /** Restarts the timer from now; false once cancelled. */
        public boolean reset() {
            return delegate.reset();
        }

        /** Stops the timer for good; false if it was already cancelled. */
        public boolean cancel() {
            return delegate.cancel();
        }
    }

    private final Timers timers = new Timers();

    /**
     * Adds a timer calling {@code handler} with {@code args} every {@code interval} ms; null for a null handler.
     *
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public Timer add(long interval, TimerHandler handler, Object... args) {
        if (handler == null) {
            return null;
        }
        return new Timer(timers.add(interval, handler, args));
    }

    /** Milliseconds until the next timer fires: 0 when one is due, -1 when there is none. */
    public long timeout() {
        return timers.timeout();
    }

    /** Calls the due timers' handlers; returns how many fired. */
    public int execute() {
        return timers.execute();
    }

    /** Sleeps until a timer is due, then {@link #execute()}s. */
    public int sleepAndExecute() {
        return timers.sleepAndExecute();
    }
}
