package io.jzmtp;

import io.jzmtp.msg.Message;
import io.jzmtp.socket.Pattern;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The {@code receiveAsync}/{@code sendAsync} calls of one socket that could not be satisfied at once, in the order
 * they were made. They are served under the socket's lock by whichever user-side thread comes by next (a blocking
 * call, or the context's async executor when the I/O side signals that something changed), and their futures are
 * completed afterwards, outside the lock, so a caller's continuation never runs under the socket's lock, and never
 * on an I/O thread.
 *
 * <p>Ownership: a message given to {@code sendAsync} belongs to the socket from the call on (sent, or released if the
 * future is cancelled or the socket closes first). A message delivered to a {@code receiveAsync} future belongs to
 * the caller; one that finds its future cancelled meanwhile goes back to the socket, to be received next.
 */
final class AsyncOperations {

    /** A send that waits for room. */
    private record PendingSend(Message message, long bytes, CompletableFuture<Boolean> future) {
    }

    private final ArrayDeque<CompletableFuture<Message>> receives = new ArrayDeque<>();
    private final ArrayDeque<PendingSend> sends = new ArrayDeque<>();

    /** Whether any operation waits. */
    boolean isEmpty() {
        return receives.isEmpty() && sends.isEmpty();
    }

    /** Whether a receive future waits; futures the caller cancelled (or timed out) meanwhile are dropped first. */
    boolean hasReceives() {
        CompletableFuture<Message> f;
        while ((f = receives.peekFirst()) != null && f.isDone()) {
            receives.pollFirst();
        }
        return f != null;
    }

    /** Whether a send waits; sends whose future was cancelled meanwhile are dropped first, their messages released. */
    boolean hasSends() {
        PendingSend s;
        while ((s = sends.peekFirst()) != null && s.future().isDone()) {
            sends.pollFirst();
            s.message().close();
        }
        return s != null;
    }

    void addReceive(CompletableFuture<Message> future) {
        receives.addLast(future);
    }

    void addSend(Message message, long bytes, CompletableFuture<Boolean> future) {
        sends.addLast(new PendingSend(message, bytes, future));
    }

    /** How many operations wait. */
    int size() {
        return receives.size() + sends.size();
    }

    /**
     * Serves what can be served now, in order: receives with the messages {@code next} yields, sends through
     * {@code pattern}. Called under the socket's lock; returns the completions to run once it is released.
     */
    Completions serve(Supplier<Message> next, Pattern pattern, SocketTelemetry telemetry) {
        Completions done = new Completions();
        while (!receives.isEmpty()) {
            CompletableFuture<Message> f = receives.peekFirst();
            if (f.isDone()) {
                receives.pollFirst();   // cancelled or timed out by the caller
                continue;
            }
            Message m;
            try {
                m = next.get();
            } catch (RuntimeException e) {
                receives.pollFirst();
                done.failures.add(new Failure<>(f, e));
                continue;
            }
            if (m == null) {
                break;
            }
            receives.pollFirst();
            done.received.add(new Delivery(f, telemetry.received(m)));
        }
        while (!sends.isEmpty()) {
            PendingSend s = sends.peekFirst();
            if (s.future().isDone()) {
                sends.pollFirst();
                s.message().close();   // the socket owned it; nobody will send it now
                continue;
            }
            try {
                if (!pattern.send(s.message())) {
                    break;
                }
                sends.pollFirst();
                telemetry.sent(s.bytes());
                done.sent.add(s.future());
            } catch (RuntimeException e) {
                sends.pollFirst();
                s.message().close();
                done.failures.add(new Failure<>(s.future(), e));
            }
        }
        return done;
    }

    /** Fails every waiting operation with {@code cause} (the socket closed); sends release their messages. */
    Completions failAll(RuntimeException cause) {
        Completions done = new Completions();
        CompletableFuture<Message> r;
        while ((r = receives.pollFirst()) != null) {
            done.failures.add(new Failure<>(r, cause));
        }
        PendingSend s;
        while ((s = sends.pollFirst()) != null) {
            s.message().close();
            done.failures.add(new Failure<>(s.future(), cause));
        }
        return done;
    }

    /** A message for a receive future. */
    record Delivery(CompletableFuture<Message> future, Message message) {
    }

    /** A future to complete exceptionally. */
    record Failure<T>(CompletableFuture<T> future, RuntimeException cause) {
    }

    /** What one serving decided, to be carried out outside the socket's lock. */
    static final class Completions {
        final List<Delivery> received = new ArrayList<>(2);
        final List<CompletableFuture<Boolean>> sent = new ArrayList<>(2);
        final List<Failure<?>> failures = new ArrayList<>(0);

        /**
         * Completes the futures (running their callers' continuations on this thread). Returns the messages whose
         * future was cancelled meanwhile, in order, for the socket to take back.
         */
        List<Message> complete() {
            List<Message> unclaimed = null;
            for (Delivery d : received) {
                if (!d.future().complete(d.message())) {
                    if (unclaimed == null) {
                        unclaimed = new ArrayList<>(2);
                    }
                    unclaimed.add(d.message());
                }
            }
            for (CompletableFuture<Boolean> f : sent) {
                f.complete(Boolean.TRUE);
            }
            for (Failure<?> x : failures) {
                x.future().completeExceptionally(x.cause());
            }
            return unclaimed == null ? List.of() : unclaimed;
        }
    }
}
