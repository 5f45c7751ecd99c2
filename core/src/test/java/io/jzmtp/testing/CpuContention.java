package io.jzmtp.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Busy threads, more of them than there are cores, so that the code under test is preempted at arbitrary points: the
 * I/O threads lose the CPU between a read and its processing, user threads between their steps. Races that a quiet
 * machine hides (a connection handed over while its handler is being removed, a close racing an accept) show up
 * under this load. Close it to stop the threads.
 */
public final class CpuContention implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    private CpuContention(int count) {
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(this::spin, "cpu-contention-" + i);
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY);
            threads.add(t);
            t.start();
        }
    }

    /** Starts {@code extra} more busy threads than the machine has cores. */
    public static CpuContention moreThreadsThanCores(int extra) {
        return new CpuContention(Runtime.getRuntime().availableProcessors() + extra);
    }

    /** How many busy threads run. */
    public int threads() {
        return threads.size();
    }

    private void spin() {
        long x = 0;
        while (running.get()) {
            x += System.nanoTime() & 1;   // real work the JIT cannot remove, no allocation
        }
        if (x == -1) {
            System.out.print("");
        }
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
