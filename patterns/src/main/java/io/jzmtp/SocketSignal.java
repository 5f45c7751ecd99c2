package io.jzmtp;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * How the I/O threads tell a socket's user threads that something changed (a message arrived, a pipe has room again,
 * a peer came or went) without taking any lock: a generation counter that every change increments, and the threads
 * parked waiting for it to move, which {@link #signal()} unparks.
 *
 * <p>A waiter reads the {@link #generation()} before it checks the socket, and {@link #await}s only if the generation
 * is still the one it read: a change that lands between its check and its park moves the generation, so the park
 * returns at once, and no wake-up is ever lost.
 *
 * <p>Waiting allocates nothing for the first {@value #SLOTS} threads waiting at once (a fixed array of slots); more
 * waiters than that queue up in an overflow list.
 */
final class SocketSignal {

    private static final int SLOTS = 8;

    private final AtomicLong generation = new AtomicLong();
    private final AtomicReferenceArray<Thread> waiters = new AtomicReferenceArray<>(SLOTS);
    private final ConcurrentLinkedQueue<Thread> overflow = new ConcurrentLinkedQueue<>();

    /** The current generation; read it before checking what to wait for. */
    long generation() {
        return generation.get();
    }

    /** Moves the generation on and wakes every waiting thread. Lock-free; safe from any thread. */
    void signal() {
        generation.incrementAndGet();
        for (int i = 0; i < SLOTS; i++) {
            Thread t = waiters.get(i);
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
        if (!overflow.isEmpty()) {
            for (Thread t : overflow) {
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * Parks the calling thread until the generation differs from {@code seen}, or until {@code deadline} (a
     * {@link System#nanoTime()} value; ignored when {@code forever}). Returns {@code false} when the deadline passed
     * first.
     *
     * @throws InterruptedException if the thread is interrupted while waiting (its interrupt status is cleared)
     */
    boolean await(long seen, boolean forever, long deadline) throws InterruptedException {
        Thread self = Thread.currentThread();
        int slot = register(self);
        try {
            while (generation.get() == seen) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (forever) {
                    LockSupport.park(this);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    LockSupport.parkNanos(this, left);
                }
            }
            return true;
        } finally {
            unregister(self, slot);
        }
    }

    private int register(Thread self) {
        for (int i = 0; i < SLOTS; i++) {
            if (waiters.get(i) == null && waiters.compareAndSet(i, null, self)) {
                return i;
            }
        }
        overflow.add(self);
        return -1;
    }

    private void unregister(Thread self, int slot) {
        if (slot >= 0) {
            waiters.set(slot, null);
        } else {
            overflow.remove(self);
        }
    }
}
