package io.jzmtp;

import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.pipe.PipeListener;
import io.jzmtp.socket.Pattern;

import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The machinery behind one {@link Socket}: its pattern, its pipes, and the one rule about threads.
 *
 * <p><b>Who touches what.</b> The pattern state (routing tables, fair queues, subscriptions, the REQ state machine)
 * belongs to the socket's user side: it is touched only under {@link #lock}, and only user threads take that lock
 * (callers of the socket's methods, and the context's async executor when it serves asynchronous calls or applies
 * connection changes while no caller is in the socket). The I/O threads never take it and never run pattern code:
 * they move messages through the lock-free {@link Pipe}s, queue what happened to pipes in {@link PipeEvents}, and
 * wake the user side through {@link SocketSignal} (an atomic generation and unparks) and the pollers' listeners.
 * Every user-side step first applies the queued events ({@link #catchUp()}), so the pattern sees a pipe attach before
 * its first message.
 *
 * <p><b>One implementation, two views.</b> Every operation is a non-blocking attempt under the lock. A blocking call
 * repeats the attempt after each signal until it succeeds or its deadline passes; an asynchronous call makes the
 * attempt once and otherwise leaves a future that the next user-side pass (often the async executor, scheduled by the
 * I/O side's signal) completes. Hand-offs are per signal, not per message.
 */
final class SocketCore {

    private final SocketType type;
    private final SocketOptions options;
    private final Pattern pattern;
    private final SocketTelemetry telemetry;
    private final Executor asyncExecutor;
    private final ReentrantLock lock = new ReentrantLock();
    private final SocketSignal signal = new SocketSignal();
    private final PipeEvents events = new PipeEvents();
    private final PipeEvents.Handler eventHandler = new EventHandler();
    private final PipeListener pipeListener = new Listener();
    private final AsyncOperations async = new AsyncOperations();
    /** Pipes taking part in the pattern (user side). */
    private final List<Pipe> pipes = new ArrayList<>();
    /** Every pipe made for this socket that may still hold or receive messages: what close must release. */
    private final Set<Pipe> live = ConcurrentHashMap.newKeySet();
    /** Messages given back by receive futures cancelled while being completed; received before anything else. */
    private final ArrayDeque<Message> returned = new ArrayDeque<>();
    /** User-side calls in progress: while there is one, queued changes will be seen without the async executor. */
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger pendingChanges = new AtomicInteger();
    private final AtomicInteger pendingAsync = new AtomicInteger();
    private final AtomicInteger sendWaiters = new AtomicInteger();
    private final AtomicBoolean serviceScheduled = new AtomicBoolean();
    private final Runnable serviceTask = this::service;
    /** Pollers to wake; an array replaced on change, so that waking allocates nothing. */
    private volatile Runnable[] readinessListeners = new Runnable[0];
    private volatile boolean closed;
    /** Counted down when the close that {@link #beginClose()} started has finished. */
    private final CountDownLatch closeDone = new CountDownLatch(1);

    SocketCore(SocketType type, SocketOptions options, Pattern pattern, SocketTelemetry telemetry,
               Executor asyncExecutor) {
        this.type = type;
        this.options = options;
        this.pattern = pattern;
        this.telemetry = telemetry;
        this.asyncExecutor = asyncExecutor;
    }

    boolean isClosed() {
        return closed;
    }

    // ---- sending and receiving: the attempt, then the blocking and the asynchronous view ---------------------------

    /** One attempt to send; the socket owns {@code message} if it returns {@code true}. */
    private boolean attemptSend(Message message, long bytes, String operation) {
        lock.lock();
        try {
            checkOpen(operation);
            catchUp();
            boolean queuedFirst = async.hasSends();   // queued async sends go first
            countPending();
            if (!queuedFirst && pattern.send(message)) {
                telemetry.sent(bytes);
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** One attempt to receive: a message the caller owns, or {@code null}. */
    private Message attemptReceive(String operation) {
        lock.lock();
        try {
            checkOpen(operation);
            catchUp();
            boolean queuedFirst = async.hasReceives();   // queued async receives go first
            countPending();
            return queuedFirst ? null : telemetry.received(next());
        } finally {
            lock.unlock();
        }
    }

    /** Brings the lock-free count of waiting asynchronous calls up to date after some left the queue. Locked. */
    private void countPending() {
        int pending = async.size();
        if (pendingAsync.get() != pending) {   // a volatile write (a fence) only when the count moved
            pendingAsync.set(pending);
        }
    }

    /** Sends, waiting up to {@code timeoutNanos} (-1 forever, 0 not at all). */
    boolean send(Message message, long timeoutNanos) {
        long bytes = message.byteSize();
        active.incrementAndGet();
        try {
            if (attemptSend(message, bytes, "send")) {
                return true;   // the common case: no waiting, so no waiter to count
            }
            return timeoutNanos != 0 && sendWaiting(message, bytes, timeoutNanos);
        } finally {
            leave();
        }
    }

    /**
     * A send whose first attempt found no room: counted as a waiting sender before the next attempt, so that a drain
     * between a failed attempt and the wait sees the count and wakes us; a drain before the count is seen by the
     * attempt that follows it. Either way no wake-up is lost.
     */
    private boolean sendWaiting(Message message, long bytes, long timeoutNanos) {
        long deadline = System.nanoTime() + Math.max(timeoutNanos, 0);
        sendWaiters.incrementAndGet();
        try {
            while (true) {
                long seen = signal.generation();   // before the attempt: a change after it moves the generation
                if (attemptSend(message, bytes, "send")) {
                    return true;
                }
                if (!await(seen, timeoutNanos < 0, deadline, "send")) {
                    return false;
                }
            }
        } finally {
            sendWaiters.decrementAndGet();
        }
    }

    /** Receives, waiting up to {@code timeoutNanos} (-1 forever, 0 not at all); {@code null} on timeout. */
    Message receive(long timeoutNanos) {
        active.incrementAndGet();
        try {
            long seen = signal.generation();
            Message m = attemptReceive("receive");
            if (m != null || timeoutNanos == 0) {
                return m;   // the common case: no waiting, so no clock to read
            }
            return receiveWaiting(seen, timeoutNanos);
        } finally {
            leave();
        }
    }

    /**
     * A receive whose first attempt found nothing. The deadline is taken here and not before that attempt: reading the
     * clock costs as much as the rest of a receive that finds a message waiting.
     */
    private Message receiveWaiting(long seen, long timeoutNanos) {
        long deadline = System.nanoTime() + Math.max(timeoutNanos, 0);
        while (await(seen, timeoutNanos < 0, deadline, "receive")) {
            seen = signal.generation();
            Message m = attemptReceive("receive");
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /** The asynchronous send: the socket owns {@code message} from now on. */
    CompletableFuture<Boolean> sendAsync(Message message) {
        long bytes = message.byteSize();
        CompletableFuture<Boolean> f;
        AsyncOperations.Completions done;
        lock.lock();
        try {
            checkOpen("sendAsync");
            catchUp();
            boolean queuedFirst = async.hasSends();
            countPending();
            if (!queuedFirst && pattern.send(message)) {
                telemetry.sent(bytes);
                return CompletableFuture.completedFuture(Boolean.TRUE);
            }
            f = new CompletableFuture<>();
            async.addSend(message, bytes, f);
            countPending();
            // Counted as waiting now; a drain since the attempt above either sees that and schedules a service, or
            // has already made the room this second look finds.
            done = async.serve(this::next, pattern, telemetry);
            countPending();
        } catch (RuntimeException e) {
            message.close();   // the socket owned it, and cannot send it
            return CompletableFuture.failedFuture(e);
        } finally {
            lock.unlock();
        }
        takeBack(done.complete());
        serveIfChangedMeanwhile();
        return f;
    }

    /** The asynchronous receive. */
    CompletableFuture<Message> receiveAsync() {
        lock.lock();
        try {
            checkOpen("receiveAsync");
            catchUp();
            boolean queuedFirst = async.hasReceives();
            countPending();
            if (!queuedFirst) {
                Message m = next();
                if (m != null) {
                    return CompletableFuture.completedFuture(telemetry.received(m));
                }
            }
            CompletableFuture<Message> f = new CompletableFuture<>();
            async.addReceive(f);
            countPending();
            return f;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            lock.unlock();
            serveIfChangedMeanwhile();
        }
    }

    /**
     * After queueing an asynchronous call: an event that arrived between our last look and the registration may have
     * seen no pending call and scheduled nothing, so check once more.
     */
    private void serveIfChangedMeanwhile() {
        if (pendingAsync.get() > 0 && !events.isEmpty()) {
            scheduleService();
        }
    }

    /** The next message: one given back by a cancelled future first, then the pattern's. Under the lock. */
    private Message next() {
        Message m = returned.pollFirst();
        return m != null ? m : pattern.receive();
    }

    /** Runs {@code change} on the pattern under the lock, after catching up (subscribe, unsubscribe). */
    void withPattern(String operation, java.util.function.Consumer<Pattern> change) {
        active.incrementAndGet();
        try {
            lock.lock();
            try {
                checkOpen(operation);
                catchUp();
                change.accept(pattern);
            } finally {
                lock.unlock();
            }
        } finally {
            leave();
        }
    }

    // ---- waiting ---------------------------------------------------------------------------------------------------

    private boolean await(long seen, boolean forever, long deadline, String operation) {
        try {
            return signal.await(seen, forever, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketInterruptedException(operation, e);
        }
    }

    /** A user-side call ends: if changes wait and nobody else will see them, the async executor applies them. */
    private void leave() {
        if (active.decrementAndGet() == 0 && (pendingChanges.get() > 0 || pendingAsync.get() > 0)) {
            scheduleService();
        }
    }

    private void scheduleService() {
        if (!closed && serviceScheduled.compareAndSet(false, true)) {
            try {
                asyncExecutor.execute(serviceTask);
            } catch (RejectedExecutionException e) {
                serviceScheduled.set(false);   // the executor is shutting down with the JVM: nothing left to serve
            }
        }
    }

    /** The async executor's pass: apply queued changes, serve waiting asynchronous calls, complete them unlocked. */
    private void service() {
        serviceScheduled.set(false);
        AsyncOperations.Completions done;
        boolean served;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            catchUp();
            int before = async.size();
            done = async.serve(this::next, pattern, telemetry);
            served = async.size() < before;
            countPending();
        } finally {
            lock.unlock();
        }
        takeBack(done.complete());
        if (served) {
            signal.signal();   // blocking callers held back by the queued calls may go now
        }
    }

    /** Messages whose receive future was cancelled while they were handed over: they are received next. */
    private void takeBack(List<Message> unclaimed) {
        if (unclaimed.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            for (int i = unclaimed.size() - 1; i >= 0; i--) {
                Message m = unclaimed.get(i);
                if (closed) {
                    m.close();
                } else {
                    returned.addFirst(m);
                }
            }
        } finally {
            lock.unlock();
        }
        signal.signal();
    }

    // ---- the user side applies what the I/O side queued -------------------------------------------------------------

    /** Applies every queued pipe event to the pattern. Under the lock. */
    private void catchUp() {
        if (!events.isEmpty()) {
            events.drainTo(eventHandler);
        }
    }

    private final class EventHandler implements PipeEvents.Handler {
        @Override
        public void readable(Pipe pipe) {
            if (!closed) {
                pattern.readable(pipe);
            }
        }

        @Override
        public void changed(PipeEvents.Kind kind, Pipe pipe) {
            pendingChanges.decrementAndGet();
            if (closed) {
                return;
            }
            switch (kind) {
                case ATTACH -> {
                    pipes.add(pipe);
                    pattern.attach(pipe);
                }
                case CONNECTED -> {
                    if (pipes.contains(pipe)) {
                        pattern.connected(pipe);
                    }
                }
                case DISCONNECTED -> {
                    if (pipes.contains(pipe)) {
                        pattern.disconnected(pipe);
                    }
                }
                case DETACH -> {
                    if (pipes.remove(pipe)) {
                        pattern.detach(pipe);
                    }
                }
            }
        }
    }

    // ---- the I/O side (and the endpoints) report; lock-free -------------------------------------------------------

    /** A new pipe using the socket's current HWMs, served by {@code ioThread}. */
    Pipe newPipe(Executor ioThread) {
        Pipe pipe = new Pipe(options.get(SocketOption.SNDHWM), options.get(SocketOption.RCVHWM), ioThread,
                pipeListener);
        live.removeIf(p -> p.isSettled() && !p.hasInbound());
        live.add(pipe);
        return pipe;
    }

    /**
     * Offers {@code pipe} to the socket: admitted unless the socket is closed or its pattern takes no more peers
     * (PAIR), in which case the pipe is terminated. Any thread; never waits.
     */
    boolean admit(Pipe pipe) {
        if (closed || !pattern.gate().tryAdmit(pipe)) {
            live.remove(pipe);
            pipe.terminate();
            return false;
        }
        queueChange(PipeEvents.Kind.ATTACH, pipe);
        return true;
    }

    /** A connection completed its handshake on {@code pipe}. */
    void pipeConnected(Pipe pipe) {
        queueChange(PipeEvents.Kind.CONNECTED, pipe);
    }

    /** The connection of {@code pipe} closed. */
    void pipeDisconnected(Pipe pipe) {
        queueChange(PipeEvents.Kind.DISCONNECTED, pipe);
    }

    /** {@code pipe} leaves for good: terminated now, removed from the pattern by the user side. */
    void detach(Pipe pipe) {
        pattern.gate().release(pipe);
        pipe.terminate();
        queueChange(PipeEvents.Kind.DETACH, pipe);
    }

    private void queueChange(PipeEvents.Kind kind, Pipe pipe) {
        events.changed(kind, pipe);
        pendingChanges.incrementAndGet();
        wakeUp();
        if (active.get() == 0) {
            scheduleService();   // nobody is in the socket: apply it now (a SUB's subscriptions must go out)
        }
    }

    /** Wakes waiting callers and pollers; schedules the async executor if asynchronous calls wait. */
    private void wakeUp() {
        signal.signal();
        for (Runnable r : readinessListeners) {
            r.run();
        }
        if (pendingAsync.get() > 0) {
            scheduleService();
        }
    }

    private final class Listener implements PipeListener {
        @Override
        public void readable(Pipe pipe) {
            events.readable(pipe);
            wakeUp();
        }

        @Override
        public void writable(Pipe pipe) {
            // Once per drained batch: only worth a wake-up when some sender may be waiting for room. The fence orders
            // the drain (a release store of the pipe's count) before this read, against the sender's "count me, then
            // look at the pipe": one of the two always sees the other.
            VarHandle.fullFence();
            if (sendWaiters.get() > 0 || pendingAsync.get() > 0 || readinessListeners.length > 0) {
                wakeUp();
            }
        }
    }

    // ---- readiness, for pollers and statistics ---------------------------------------------------------------------

    /** Whether a receive would return a message now. */
    boolean canReceive() {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            catchUp();
            return !returned.isEmpty() || pattern.canReceive();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a send could succeed now. */
    boolean canSend() {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            catchUp();
            return pattern.canSend();
        } finally {
            lock.unlock();
        }
    }

    /** Registers {@code listener} to run (on an I/O thread, or the closing thread) when readiness may change. */
    synchronized void addReadinessListener(Runnable listener) {
        Runnable[] now = readinessListeners;
        Runnable[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = Objects.requireNonNull(listener, "listener");
        readinessListeners = next;
    }

    synchronized void removeReadinessListener(Runnable listener) {
        Runnable[] now = readinessListeners;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == listener) {
                Runnable[] next = new Runnable[now.length - 1];
                System.arraycopy(now, 0, next, 0, i);
                System.arraycopy(now, i + 1, next, i, now.length - i - 1);
                readinessListeners = next;
                return;
            }
        }
    }

    /** The counters, the pattern's drops, the connected peers and what is still queued. */
    SocketStatistics statistics() {
        lock.lock();
        try {
            if (!closed) {
                catchUp();
            }
            int peers = 0;
            for (Pipe p : pipes) {
                if (p.isConnected()) {
                    peers++;
                }
            }
            long queued = 0;
            for (Pipe p : live) {
                queued += p.outboundSize();
            }
            return telemetry.snapshot(pattern.drops(), peers, queued);
        } finally {
            lock.unlock();
        }
    }

    // ---- closing ---------------------------------------------------------------------------------------------------

    /**
     * First step of closing: no new operation starts; waiting callers wake and fail with {@link SocketClosedException};
     * waiting asynchronous calls fail with it too. Returns {@code false} if the socket was closed already.
     */
    boolean beginClose() {
        AsyncOperations.Completions failed;
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            failed = async.failAll(new SocketClosedException(type + " socket was closed"));
            pendingAsync.set(0);
        } finally {
            lock.unlock();
        }
        failed.complete();
        wakeUp();
        return true;
    }

    /** The closer has finished: {@link #awaitClosed()} returns. */
    void closeFinished() {
        closeDone.countDown();
    }

    /**
     * Waits until the thread that began closing has finished, as long as that close takes (its LINGER at most, plus
     * closing the connections): {@code Context.close()} must not stop the I/O threads while an owner's close still
     * needs them. Only for a socket whose close has begun (else it would wait for a close nobody started); an
     * interrupt ends the wait and stays set.
     */
    void awaitClosed() {
        try {
            closeDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@code lingerMillis} (-1 forever) until every queued message has been written. */
    void linger(long lingerMillis) {
        if (lingerMillis == 0) {
            return;
        }
        boolean forever = lingerMillis < 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(lingerMillis, 0));
        while (!allFlushed() && (forever || System.nanoTime() - deadline < 0)) {
            try {
                Thread.sleep(2);   // only on close; writes are progressing on the I/O threads meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean allFlushed() {
        for (Pipe p : live) {
            if (!p.isTerminated() && !p.isFlushed()) {
                return false;
            }
        }
        return true;
    }

    /** Last step of closing, once the connections are closed: releases every message the socket still holds. */
    void finishClose() {
        lock.lock();
        try {
            events.drainTo(eventHandler);   // the handler ignores them now: only the references go
            pipes.clear();
            pattern.close();
            for (Pipe p : live) {
                p.terminate();
                p.discardInbound();   // no connection is left to add more
            }
            live.clear();
            Message m;
            while ((m = returned.pollFirst()) != null) {
                m.close();
            }
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen(String operation) {
        if (closed) {
            throw new SocketClosedException("cannot " + operation + ": " + type + " socket is closed");
        }
    }
}
