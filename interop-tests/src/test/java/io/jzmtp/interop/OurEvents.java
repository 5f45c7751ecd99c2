package io.jzmtp.interop;

import io.jzmtp.Socket;
import io.jzmtp.SocketEvent;
import io.jzmtp.SocketMonitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Our socket's monitor events, for tests: {@link #next} waits (with a deadline) for the next event of a kind,
 * remembering everything skipped, and {@link #all()} is every event delivered so far. Close it (or the socket).
 */
final class OurEvents implements AutoCloseable {

    private final BlockingQueue<SocketEvent> pending = new LinkedBlockingQueue<>();
    private final List<SocketEvent> all = new ArrayList<>();
    private final SocketMonitor monitor;

    OurEvents(Socket socket) {
        this.monitor = socket.monitor(e -> {
            synchronized (all) {
                all.add(e);
            }
            pending.add(e);
        });
    }

    /** The next event of {@code type} within {@code timeout}, skipping others; fails the test if none arrives. */
    <T extends SocketEvent> T next(Class<T> type, Duration timeout) {
        return next(type, e -> true, timeout);
    }

    /** The next event of {@code type} that matches {@code filter} within {@code timeout}, skipping others. */
    <T extends SocketEvent> T next(Class<T> type, Predicate<T> filter, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<SocketEvent> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            SocketEvent e;
            try {
                e = left <= 0 ? null : pending.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return fail("interrupted while waiting for " + type.getSimpleName());
            }
            if (e == null) {
                return fail("our monitor reported no " + type.getSimpleName() + " within " + timeout
                        + "; skipped: " + skipped);
            }
            if (type.isInstance(e) && filter.test(type.cast(e))) {
                return type.cast(e);
            }
            skipped.add(e);
        }
    }

    /** Every event delivered so far, in order. */
    List<SocketEvent> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /** Events of {@code type} delivered so far. */
    <T extends SocketEvent> List<T> allOf(Class<T> type) {
        return all().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        monitor.close();
    }
}
