package io.jzmtp.jeromq.differential;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Assertions;

/**
 * A task on its own (non-daemon) thread whose result or failure the test collects with a deadline, so that a peer
 * thread's assertion error fails the test instead of vanishing, and no test leaves a thread behind.
 */
final class Background<T> implements AutoCloseable {
    /** A task body that may throw anything. */
    interface Body {
        void run() throws Exception;
    }

    private final FutureTask<T> task;
    private final Thread thread;

    private Background(String name, Callable<T> callable) {
        this.task = new FutureTask<>(callable);
        this.thread = new Thread(task, name);
    }

    /** Starts {@code callable} on a new thread named {@code name}. */
    static <T> Background<T> call(String name, Callable<T> callable) {
        Background<T> background = new Background<>(name, callable);
        background.thread.start();
        return background;
    }

    /** Starts {@code body} on a new thread named {@code name}. */
    static Background<Void> run(String name, Body body) {
        return call(name, () -> {
            body.run();
            return null;
        });
    }

    /** The task's result; rethrows its failure; fails the test if it has not finished within {@code timeout}. */
    T get(Duration timeout) {
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Assertions.fail("thread " + thread.getName() + " did not finish within " + timeout.toMillis()
                    + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError("thread " + thread.getName() + " failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** {@link #get(Duration)} with the default deadline. */
    T get() {
        return get(Await.DEFAULT);
    }

    /** The failure the task ended with, or null if it returned normally; waits up to the default deadline. */
    Throwable failure() {
        try {
            task.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return Assertions.fail("thread " + thread.getName() + " did not finish in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Waits until the thread is parked inside a blocking {@code org.zeromq} call: its innermost frame is a native
     * wait (selector, park) with an {@code org.zeromq} frame further out, seen on several samples in a row. JeroMQ only
     * reports ETERM to a thread that is really blocked when termination starts, so tests that close "under" a blocked
     * call wait for this first.
     */
    void awaitBlocked() {
        int[] stableSamples = {0};
        Await.until(thread.getName() + " to block in a ZeroMQ call", () -> {
            stableSamples[0] = isBlockedInZeromq() ? stableSamples[0] + 1 : 0;
            if (stableSamples[0] >= 5) {
                return true;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        });
    }

    private boolean isBlockedInZeromq() {
        StackTraceElement[] stack = thread.getStackTrace();
        if (stack.length == 0 || task.isDone()) {
            return false;
        }
        boolean parked = stack[0].isNativeMethod() && !stack[0].getMethodName().equals("nanoTime")
                && !stack[0].getMethodName().equals("currentTimeMillis");
        boolean inZeromq = false;
        for (StackTraceElement frame : stack) {
            inZeromq |= frame.getClassName().startsWith("org.zeromq.");
        }
        return parked && inZeromq;
    }

    boolean isDone() {
        return task.isDone();
    }

    /** Waits until the thread has gone (tests call this through try-with-resources). */
    @Override
    public void close() {
        Await.join(thread);
    }
}
