package org.zeromq;

/**
 * The old timer API, kept for code compiled against it: the same as {@link org.zeromq.timer.ZTimer}.
 *
 * @deprecated use {@link org.zeromq.timer.ZTimer}
 */
@Deprecated
public final class ZTimer {

    /** An opaque handle on one timer; see the methods of {@link ZTimer}. */
    @Deprecated
    public static final class Timer {

        private final org.zeromq.timer.ZTimer.Timer delegate;

        Timer(org.zeromq.timer.ZTimer.Timer delegate) {
            this.delegate = delegate;
        }
    }

    /** What a timer calls when it fires. */
    @Deprecated
    public interface Handler extends org.zeromq.timer.TimerHandler {
    }

    private final org.zeromq.timer.ZTimer timer = new org.zeromq.timer.ZTimer();

    /** Adds a timer calling {@code handler} with {@code args} every {@code interval} ms; null for a null handler. */
    public Timer add(long interval, Handler handler, Object... args) {
        if (handler == null) {
            return null;
        }
        return new Timer(timer.add(interval, handler, args));
    }

    /** Changes {@code timer}'s interval (ms) and restarts it from now; false once cancelled. */
    @Deprecated
    public boolean setInterval(Timer timer, long interval) {
        return timer.delegate.setInterval(interval);
    }

    /** Restarts {@code timer} from now; false once cancelled. */
    @Deprecated
    public boolean reset(Timer timer) {
        return timer.delegate.reset();
    }

    /** Stops {@code timer} for good; false if it was already cancelled. */
    @Deprecated
    public boolean cancel(Timer timer) {
        return timer.delegate.cancel();
    }

    /** Milliseconds until the next timer fires: 0 when one is due, -1 when there is none. */
    public long timeout() {
        return timer.timeout();
    }

    /** Calls the due timers' handlers; returns how many fired. */
    public int execute() {
        return timer.execute();
    }

    /** Sleeps until a timer is due, then executes. */
    public int sleepAndExecute() {
        return timer.sleepAndExecute();
    }
}
