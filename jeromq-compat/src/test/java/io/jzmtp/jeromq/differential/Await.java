package io.jzmtp.jeromq.differential;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.Assertions;

/**
 * Deadline-bounded waiting shared by the differential tests: every wait either sees its condition or fails the test
 * after a generous deadline (JeroMQ's TCP handshakes can stall for about a second now and then).
 */
final class Await {
    /** The default deadline for anything that should happen "soon" on loopback. */
    static final Duration DEFAULT = Duration.ofSeconds(10);

    private Await() {
    }

    /** Polls {@code condition} every few milliseconds until it holds; fails the test after {@code timeout}. */
    static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                Assertions.fail("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            pause();
        }
    }

    /** {@link #until(String, Duration, BooleanSupplier)} with the default deadline. */
    static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    /**
     * Calls {@code attempt} until it returns non-null (each attempt is expected to block for a bounded time itself,
     * e.g. a receive with a timeout); fails the test after {@code timeout}.
     */
    static <T> T result(String what, Duration timeout, Supplier<T> attempt) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = attempt.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() - deadline > 0) {
                return Assertions.fail("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
        }
    }

    /** {@link #result(String, Duration, Supplier)} with the default deadline. */
    static <T> T result(String what, Supplier<T> attempt) {
        return result(what, DEFAULT, attempt);
    }

    /** Joins {@code thread}, failing the test if it is still alive after the default deadline. */
    static void join(Thread thread) {
        try {
            thread.join(DEFAULT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Assertions.fail("interrupted while joining " + thread.getName());
        }
        Assertions.assertFalse(thread.isAlive(), "thread " + thread.getName() + " did not finish in time");
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
