package zmq.util;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import zmq.util.function.Supplier;

/**
 * Repeating timers run by the caller: {@link #timeout()} says how long to wait (for a poll, say), {@link #execute()}
 * calls the handlers that are due, each timer firing every {@code interval} ms until cancelled. Not thread-safe: one
 * thread adds, executes and cancels. JeroMQ's {@code org.zeromq.timer.TimerHandler} extends {@link Handler}, which is
 * why this class of JeroMQ's internal package exists in the drop-in.
 */
public final class Timers {

    /** A handle on one timer. */
    public static final class Timer {

        private final Timers parent;
        private final Handler handler;
        private final Object[] args;
        private long interval;
        private long expiration;
        private long sequence;
        private boolean alive = true;

        private Timer(Timers parent, long interval, Handler handler, Object[] args) {
            this.parent = parent;
            this.interval = interval;
            this.handler = handler;
            this.args = args;
        }

        /** Changes the interval and restarts the timer from now; false once cancelled. */
        public boolean setInterval(long interval) {
            if (!alive) {
                return false;
            }
            this.interval = interval;
            parent.schedule(this);
            return true;
        }

        /** Restarts the timer from now; false once cancelled. */
        public boolean reset() {
            if (!alive) {
                return false;
            }
            parent.schedule(this);
            return true;
        }

        /** Stops the timer for good; false if it was already cancelled. */
        public boolean cancel() {
            if (!alive) {
                return false;
            }
            alive = false;
            parent.queue.remove(this);
            return true;
        }
    }

    /** What a timer calls when it fires, with the arguments given to {@link #add}. */
    public interface Handler {
        /** Called on the thread running {@link Timers#execute()}, with the timer's arguments. */
        void time(Object... args);
    }

    // Ordered by expiration, then by when the timer was (re)scheduled; a timer's key changes only while it is out.
    private final NavigableSet<Timer> queue = new TreeSet<>(
            Comparator.<Timer>comparingLong(t -> t.expiration).thenComparingLong(t -> t.sequence));
    private final Supplier<Long> clock;
    private long sequence;

    /** Timers on a monotonic clock in milliseconds. */
    public Timers() {
        this(() -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
    }

    /** Timers on {@code clock}, which gives the time in milliseconds. */
    public Timers(Supplier<Long> clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Adds a timer calling {@code handler} with {@code args} every {@code interval} ms; null for a null handler.
     *
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public Timer add(long interval, Handler handler, Object... args) {
        if (handler == null) {
            return null;
        }
        if (interval <= 0) {
            throw new IllegalArgumentException("Delay of a timer has to be strictly greater than 0");
        }
        Timer timer = new Timer(this, interval, handler, args);
        schedule(timer);
        return timer;
    }

    private void schedule(Timer timer) {
        queue.remove(timer);
        timer.expiration = clock.get() + timer.interval;
        timer.sequence = sequence++;
        queue.add(timer);
    }

    /** The same as {@code timer.setInterval(interval)}. */
    @Deprecated
    public boolean setInterval(Timer timer, long interval) {
        return timer.setInterval(interval);
    }

    /** The same as {@code timer.reset()}. */
    @Deprecated
    public boolean reset(Timer timer) {
        return timer.reset();
    }

    /** The same as {@code timer.cancel()}. */
    @Deprecated
    public boolean cancel(Timer timer) {
        return timer.cancel();
    }

    /** Milliseconds until the next timer fires: 0 when one is due, -1 when there is none. */
    public long timeout() {
        if (queue.isEmpty()) {
            return -1;
        }
        return Math.max(0, queue.first().expiration - clock.get());
    }

    /**
     * Calls the handler of every due timer, earliest first, and schedules each one again; returns how many fired.
     * A timer cancelled by an earlier handler of the same call does not fire.
     */
    public int execute() {
        long now = clock.get();
        List<Timer> due = new ArrayList<>();
        for (Timer t : queue) {
            if (t.expiration > now) {
                break;
            }
            due.add(t);
        }
        int executed = 0;
        for (Timer t : due) {
            if (t.alive) {
                schedule(t);
                t.handler.time(t.args);
                executed++;
            }
        }
        return executed;
    }

    /** Sleeps until a timer is due (not at all when none is), then {@link #execute()}s; an interrupt ends the sleep. */
    public int sleepAndExecute() {
        long timeout = timeout();
        while (timeout > 0 && !Thread.currentThread().isInterrupted()) {
            zmq.ZMQ.msleep(timeout);
            timeout = timeout();
        }
        return execute();
    }
}
