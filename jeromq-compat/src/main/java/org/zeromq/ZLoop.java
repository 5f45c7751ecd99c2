package org.zeromq;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * JeroMQ's reactor (CZMQ's zloop): poll items and timers with handlers, run by {@link #start()} on the calling thread
 * until a handler returns -1, the thread is interrupted or the context is terminated. Handlers may add and remove
 * pollers and timers while the loop runs; changes take effect on the next turn. Used by one thread.
 *
 * <p>Differences from JeroMQ: {@link #addPoller} refuses a raw-channel item at once (this drop-in polls sockets
 * only); {@link #addTimer} and {@link #removeTimer} apply in the order they were called, at the end of the current
 * turn or before the first one (JeroMQ remembers a removed argument forever, so a timer re-added with it later is
 * cancelled too, and a timer removed before {@code start()} still fires once); a terminated context ends
 * {@link #start()} with 0 instead of a {@code ClosedSelectorException} (or a race inside JeroMQ); a loop with timers
 * but no poller runs (JeroMQ's fails with a NullPointerException); timers use a monotonic clock.
 */
public class ZLoop {

    /** A handler of a ready poll item or an expired timer ({@code item} is null for a timer). */
    public interface IZLoopHandler {
        /** Handles the event; -1 stops the loop. */
        int handle(ZLoop loop, ZMQ.PollItem item, Object arg);
    }

    private static final class Poller {
        final ZMQ.PollItem item;
        final IZLoopHandler handler;
        final Object arg;

        Poller(ZMQ.PollItem item, IZLoopHandler handler, Object arg) {
            this.item = item;
            this.handler = handler;
            this.arg = arg;
        }
    }

    private record Cancel(Object arg) {
    }

    private static final class Timer {
        final int delay;
        final IZLoopHandler handler;
        final Object arg;
        int times;
        long when = -1;

        Timer(int delay, int times, IZLoopHandler handler, Object arg) {
            this.delay = delay;
            this.times = times;
            this.handler = handler;
            this.arg = arg;
        }
    }

    private final ZMQ.Context context;
    private final List<Poller> pollers = new ArrayList<>();
    private final List<Timer> timers = new ArrayList<>();
    // New timers and cancellations (a Cancel) wait here in call order: the loop may be iterating over the timers.
    private final List<Object> pending = new ArrayList<>();
    private ZMQ.Poller pollset;
    private Poller[] polled = new Poller[0];
    private boolean dirty = true;
    private boolean verbose;

    /** A loop polling sockets of {@code context}. */
    public ZLoop(ZMQ.Context context) {
        this.context = Objects.requireNonNull(context, "Context has to be supplied for ZLoop");
    }

    /** A loop polling sockets of {@code ctx}. */
    public ZLoop(ZContext ctx) {
        this(ctx.getContext());
    }

    /** Does nothing, as in JeroMQ. */
    @Deprecated
    public void destroy() {
    }

    /**
     * Calls {@code handler} with {@code arg} whenever {@code item} is ready for one of its events. Registering the
     * same item twice calls both handlers. Returns 0, or -1 for an item with neither socket nor channel.
     *
     * @throws UnsupportedOperationException for an item on a raw channel: this drop-in polls sockets only
     */
    public int addPoller(ZMQ.PollItem item, IZLoopHandler handler, Object arg) {
        if (item.getSocket() == null && item.getRawSocket() == null) {
            return -1;
        }
        if (item.getSocket() == null) {
            throw new UnsupportedOperationException("jzmtp-jeromq polls ZeroMQ sockets only, not a"
                    + " SelectableChannel (" + item.getRawSocket() + ")");
        }
        pollers.add(new Poller(item, handler, arg));
        dirty = true;
        trace("register %s poller (%s)", item.getSocket().getSocketType(), item.getSocket());
        return 0;
    }

    /** Removes every poller of the item's socket. */
    public void removePoller(ZMQ.PollItem item) {
        if (pollers.removeIf(p -> item.equals(p.item))) {
            dirty = true;
        }
        trace("cancel %s poller (%s)", item.getSocket() == null ? "RAW" : item.getSocket().getSocketType(),
                item.getSocket());
    }

    /**
     * Calls {@code handler} with {@code arg} after {@code delay} ms, {@code times} times ({@code 0} forever), each
     * {@code delay} ms after the previous call returned. Returns 0.
     */
    public int addTimer(int delay, int times, IZLoopHandler handler, Object arg) {
        pending.add(new Timer(delay, times, handler, arg));
        trace("register timer delay=%d times=%d", delay, times);
        return 0;
    }

    /** Cancels every timer added with {@code arg} (compared by identity). Returns 0. */
    public int removeTimer(Object arg) {
        pending.add(new Cancel(Objects.requireNonNull(arg, "Argument has to be supplied")));
        trace("cancel timer");
        return 0;
    }

    /** Prints what the loop does on standard output when true. */
    public void verbose(boolean verbose) {
        this.verbose = verbose;
    }

    /**
     * Runs the loop on this thread. Returns -1 when a handler returned -1, and 0 when the thread was interrupted or
     * the context terminated. Exceptions of handlers (such as ETERM from a receive) propagate.
     */
    public int start() {
        admitNewTimers();
        long now = now();
        for (Timer t : timers) {
            t.when = now + t.delay;
        }
        int rc = 0;
        while (!Thread.currentThread().isInterrupted() && !context.isTerminated()) {
            if (dirty) {
                rebuild();
            }
            if (pollset.poll(ticklessWait()) == -1) {
                trace("interrupted");
                return 0;   // the context was terminated or the thread interrupted while waiting
            }
            rc = runTimers();
            if (rc != -1) {
                rc = runPollers();
            }
            admitNewTimers();
            if (rc == -1) {
                break;
            }
        }
        return rc;
    }

    private void rebuild() {
        if (pollset != null) {
            pollset.close();
        }
        pollset = context.poller(pollers.size());
        polled = pollers.toArray(new Poller[0]);
        for (Poller p : polled) {
            pollset.register(p.item);
        }
        dirty = false;
    }

    /** Milliseconds until the next timer (at most an hour). */
    private long ticklessWait() {
        long now = now();
        long next = now + TimeUnit.HOURS.toMillis(1);
        for (Timer t : timers) {
            if (t.when == -1) {
                t.when = now + t.delay;
            }
            next = Math.min(next, t.when);
        }
        long wait = Math.max(0, next - now);
        trace("polling for %d msec", wait);
        return wait;
    }

    private int runTimers() {
        for (Iterator<Timer> it = timers.iterator(); it.hasNext(); ) {
            Timer t = it.next();
            if (t.when == -1 || now() < t.when) {
                continue;
            }
            trace("call timer handler");
            if (t.handler.handle(this, null, t.arg) == -1) {
                return -1;
            }
            if (t.times != 0 && --t.times == 0) {
                it.remove();
            } else {
                t.when = now() + t.delay;
            }
        }
        return 0;
    }

    private int runPollers() {
        int rc = 0;
        for (Poller p : polled) {
            if (p.item.readyOps() > 0) {
                trace("call %s socket handler (%s)", p.item.getSocket().getSocketType(), p.item.getSocket());
                rc = p.handler.handle(this, p.item, p.arg);
                if (rc == -1) {
                    return -1;
                }
            }
        }
        return rc;
    }

    /** Applies the additions and cancellations made meanwhile, in the order they were made. */
    private void admitNewTimers() {
        for (Object change : pending) {
            if (change instanceof Cancel c) {
                timers.removeIf(t -> t.arg == c.arg());
            } else {
                timers.add((Timer) change);
            }
        }
        pending.clear();
    }

    private static long now() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    private void trace(String format, Object... args) {
        if (verbose) {
            System.out.printf("I: zloop: " + format + "%n", args);
        }
    }
}
