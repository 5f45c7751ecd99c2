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

    boolean isDone() {
        return task.isDone();
    }

    /** Waits until the thread has gone; a test that already collected the result calls this through try-with-resources. */
    @Override
    public void close() {
        Await.join(thread);
    }
}
