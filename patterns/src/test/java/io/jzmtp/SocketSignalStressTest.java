package io.jzmtp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SocketSignal} between real threads, jcstress style: a signaller publishes changes (a counter, then a signal)
 * to more waiters than the signal has slots (so the overflow list is used too), each change caught by the waiters at
 * some point of "read the generation, look, park". A waiter that parks through a change is a lost wake-up and fails
 * the test. Like any stress test it finds a race with some probability per run, not for certain.
 */
class SocketSignalStressTest {

    private static final int CHANGES = 30_000;
    private static final int WAITERS = 10;
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /**
     * Lockstep: each change waits until every waiter has seen it, so the next change finds them parked, or on the way
     * to it. A waiter that sleeps through a change holds the signaller up until its wait times out, and fails.
     */
    @Test
    void noWaiterSleepsThroughAChange() throws Exception {
        SocketSignal signal = new SocketSignal();
        AtomicLong value = new AtomicLong();
        AtomicLongArray seen = new AtomicLongArray(WAITERS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> waiters = new ArrayList<>();
        for (int w = 0; w < WAITERS; w++) {
            int id = w;
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        long generation = signal.generation();   // first the generation, then the state
                        long now = value.get();
                        if (now != seen.get(id)) {
                            seen.set(id, now);   // "consumed" the change
                        }
                        if (now >= CHANGES) {
                            return;
                        }
                        if (!signal.await(generation, false, System.nanoTime() + WAIT_NANOS)) {
                            assertTrue(value.get() == seen.get(id), "slept through change " + value.get());
                        }
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "waiter-" + w);
            waiters.add(t);
            t.start();
        }
        for (int i = 1; i <= CHANGES && failure.get() == null; i++) {
            value.set(i);
            signal.signal();
            long deadline = System.nanoTime() + WAIT_NANOS;
            for (int w = 0; w < WAITERS; w++) {
                while (seen.get(w) != i) {
                    assertTrue(System.nanoTime() - deadline < 0, "waiter-" + w + " slept through change " + i);
                    Thread.onSpinWait();
                }
            }
        }
        for (Thread t : waiters) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertTrue(!t.isAlive(), t.getName() + " never saw the last change");
        }
        assertNull(failure.get());
        assertEquals(CHANGES, value.get());
    }

    @Test
    void anInterruptEndsTheWaitWithoutLosingTheThread() throws Exception {
        SocketSignal signal = new SocketSignal();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                signal.await(signal.generation(), true, 0);
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        t.start();
        TestSupport.awaitParked(t);
        t.interrupt();
        t.join(10_000);
        assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
    }
}
