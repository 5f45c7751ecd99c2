package io.jzmtp;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.pipe.PipeListener;
import io.jzmtp.socket.Pattern;
import io.jzmtp.socket.Patterns;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A ZeroMQ socket: bind and connect it to endpoints, then send and receive whole messages according to its
 * {@link SocketType}. Created by {@link Context#socket}.
 *
 * <p><b>Sending and receiving.</b> {@link #send(Message)} and {@link #receive()} block up to SNDTIMEO / RCVTIMEO
 * (forever by default); {@link #trySend} and {@link #tryReceive} never block. "Would block" is a return value
 * ({@code false} or {@code null}), never an exception.
 *
 * <p><b>Ownership.</b> A message passed to a send method belongs to the socket once the call returns {@code true};
 * when it returns {@code false} the caller still owns it. A message returned by a receive method belongs to the
 * caller, who must close it.
 *
 * <p><b>Threads.</b> A socket may be shared by several threads: every operation is atomic (a message is sent or
 * received whole, options and endpoints change safely), and sends and receives from different threads do not corrupt
 * it. Blocking calls work on virtual threads, and an interrupted call throws {@link SocketInterruptedException}
 * leaving the socket usable. Ordering between threads is whatever order they acquire the socket in.
 *
 * <p><b>Closing.</b> {@link #close()} waits at most LINGER for queued messages to be written, then closes every
 * connection and releases every queued message. Threads blocked in the socket are woken with
 * {@link SocketClosedException}.
 */
// Longer than the house limit of ~400 lines because it is the one public facade of the blocking API and owns the
// single lock that send, receive, the pattern and the pipes' notifications share; endpoints (SocketEndpoints),
// monitoring (SocketTelemetry) and routing (io.jzmtp.socket) live elsewhere.
public final class Socket implements AutoCloseable {

    private final Context context;
    private final SocketType type;
    private final SocketOptions options = new SocketOptions();
    private final Pattern pattern;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition writable = lock.newCondition();
    /** Pipes taking part in the pattern. */
    private final List<Pipe> pipes = new ArrayList<>();
    /** Every pipe made for this socket that may still hold or receive messages; what close must release. */
    private final Set<Pipe> live = new HashSet<>();
    private final SocketEndpoints endpoints;
    private final PipeListener pipeListener = new Listener();
    private final List<Runnable> readinessListeners = new CopyOnWriteArrayList<>();
    private final SocketTelemetry telemetry;
    private volatile int readWaiters;
    private volatile int writeWaiters;
    private volatile boolean closed;

    Socket(Context context, SocketType type) {
        this.context = context;
        this.type = type;
        this.pattern = Patterns.create(type, options::get);
        this.telemetry = new SocketTelemetry(type.name());
        this.endpoints = new SocketEndpoints(this, context.io());
    }

    /** This socket's type. */
    public SocketType type() {
        return type;
    }

    // ---- options ---------------------------------------------------------------------------------------------------

    /**
     * Sets an option. Returns this socket.
     *
     * @throws IllegalArgumentException when the value is not allowed, naming the option and the value
     */
    public <T> Socket set(SocketOption<T> option, T value) {
        Objects.requireNonNull(option, "option");
        checkOpen("set " + option);
        options.set(option, value);
        return this;
    }

    /** The current value of an option. */
    public <T> T get(SocketOption<T> option) {
        return options.get(Objects.requireNonNull(option, "option"));
    }

    SocketOptions options() {
        return options;
    }

    /** CONNECT_ROUTING_ID applies to the next connect only (as in libzmq): returns it, or null, and clears it. */
    byte[] takeConnectRoutingId() {
        byte[] id = options.get(SocketOption.CONNECT_ROUTING_ID);
        if (id.length == 0) {
            return null;
        }
        options.set(SocketOption.CONNECT_ROUTING_ID, new byte[0]);
        return id;
    }

    // ---- endpoints -------------------------------------------------------------------------------------------------

    /**
     * Binds to {@code endpoint} (e.g. {@code tcp://*:5555}, or {@code tcp://127.0.0.1:*} for an ephemeral port) and
     * returns the endpoint actually bound, with the real port.
     *
     * @throws IllegalArgumentException when the endpoint is malformed, quoting it
     * @throws io.jzmtp.transport.BindFailedException when it cannot be bound (e.g. address in use)
     */
    public String bind(String endpoint) {
        checkOpen("bind");
        return endpoints.bind(endpoint);
    }

    /**
     * Connects to {@code endpoint}. Returns at once: the connection is made in the background and re-made whenever it
     * drops; messages sent meanwhile are queued for it (unless IMMEDIATE is set).
     *
     * @throws IllegalArgumentException when the endpoint is malformed, quoting it
     */
    public void connect(String endpoint) {
        checkOpen("connect");
        endpoints.connect(endpoint);
    }

    /** Stops listening on an endpoint given to (or returned by) {@link #bind}, closing its connections. */
    public void unbind(String endpoint) {
        checkOpen("unbind");
        endpoints.unbind(endpoint);
    }

    /** Stops connecting to an endpoint given to {@link #connect}, discarding what was queued for it. */
    public void disconnect(String endpoint) {
        checkOpen("disconnect");
        endpoints.disconnect(endpoint);
    }

    /** The endpoint most recently bound or connected, like libzmq's LAST_ENDPOINT; empty before any. */
    public String lastEndpoint() {
        return endpoints.lastEndpoint();
    }

    // ---- subscriptions ---------------------------------------------------------------------------------------------

    /**
     * SUB/XSUB: receive messages whose first frame starts with {@code prefix} (empty = everything). Subscribing twice
     * needs two unsubscribes. XPUB with XPUB_MANUAL: applies a subscription for the peer that sent the last one.
     *
     * @throws UnsupportedOperationException for socket types without subscriptions
     */
    public void subscribe(byte[] prefix) {
        changeSubscription(prefix, true);
    }

    /** {@link #subscribe(byte[])} with the UTF-8 bytes of {@code prefix}. */
    public void subscribe(String prefix) {
        changeSubscription(prefix.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Withdraws one {@link #subscribe(byte[])} of {@code prefix}. */
    public void unsubscribe(byte[] prefix) {
        changeSubscription(prefix, false);
    }

    /** {@link #unsubscribe(byte[])} with the UTF-8 bytes of {@code prefix}. */
    public void unsubscribe(String prefix) {
        changeSubscription(prefix.getBytes(StandardCharsets.UTF_8), false);
    }

    private void changeSubscription(byte[] prefix, boolean subscribe) {
        Objects.requireNonNull(prefix, "prefix");
        lock.lock();
        try {
            checkOpen(subscribe ? "subscribe" : "unsubscribe");
            pattern.subscribe(prefix.clone(), subscribe);
        } finally {
            lock.unlock();
        }
    }

    // ---- sending ---------------------------------------------------------------------------------------------------

    /** Sends {@code message}, waiting up to SNDTIMEO. Returns {@code false} on timeout (the caller keeps it). */
    public boolean send(Message message) {
        return send(message, options.sendTimeoutNanos());
    }

    /**
     * Sends {@code message}, waiting up to {@code timeout} ({@link SocketOption#INFINITE} for no limit). Returns
     * {@code false} on timeout.
     */
    public boolean send(Message message, Duration timeout) {
        return send(message, timeoutNanos(timeout));
    }

    /** Sends {@code message} if that is possible without waiting. */
    public boolean trySend(Message message) {
        return send(message, 0);
    }

    /** Sends one UTF-8 frame, waiting up to SNDTIMEO. */
    public boolean send(String text) {
        return sendOwned(Message.of(Frame.of(text)));
    }

    /** Sends one frame wrapping {@code bytes} (not copied: do not modify them afterwards), waiting up to SNDTIMEO. */
    public boolean send(byte[] bytes) {
        return sendOwned(Message.of(Frame.of(bytes)));
    }

    private boolean sendOwned(Message m) {
        boolean sent = false;
        try {
            sent = send(m);
            return sent;
        } finally {
            if (!sent) {
                m.close();
            }
        }
    }

    private boolean send(Message message, long timeoutNanos) {
        Objects.requireNonNull(message, "message");
        if (message.isEmpty()) {
            throw new IllegalArgumentException("cannot send a message with no frames");
        }
        long bytes = message.byteSize();
        lock.lock();
        try {
            checkOpen("send");
            if (pattern.send(message)) {
                telemetry.sent(bytes);
                return true;
            }
            if (timeoutNanos == 0) {
                return false;
            }
            long deadline = timeoutNanos < 0 ? 0 : System.nanoTime() + timeoutNanos;
            writeWaiters++;
            try {
                while (true) {
                    if (!await(writable, timeoutNanos < 0, deadline, "send")) {
                        return false;
                    }
                    checkOpen("send");
                    if (pattern.send(message)) {
                        telemetry.sent(bytes);
                        return true;
                    }
                }
            } finally {
                writeWaiters--;
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- receiving -------------------------------------------------------------------------------------------------

    /** The next message, waiting up to RCVTIMEO; {@code null} on timeout. The caller owns and must close it. */
    public Message receive() {
        return receive(options.receiveTimeoutNanos());
    }

    /** The next message, waiting up to {@code timeout}; {@code null} on timeout. */
    public Message receive(Duration timeout) {
        return receive(timeoutNanos(timeout));
    }

    /** A per-call timeout in nanoseconds (-1 = forever), rejecting negative durations. */
    private static long timeoutNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative (use SocketOption.INFINITE to wait"
                    + " forever), got " + timeout);
        }
        return SocketOptions.nanos(timeout);
    }

    /** The next message if one is waiting, else {@code null}. */
    public Message tryReceive() {
        return receive(0);
    }

    /**
     * Receives a single-frame message as UTF-8 text, waiting up to RCVTIMEO; {@code null} on timeout.
     *
     * @throws IllegalStateException if the message has more than one frame (a topic and a payload, say): it is
     *                               discarded, and the exception says how many frames it had; receive multipart
     *                               messages with {@link #receive()}
     */
    public String receiveString() {
        try (Message m = receive()) {
            if (m == null) {
                return null;
            }
            if (m.size() != 1) {
                throw new IllegalStateException("receiveString() takes single-frame messages, but this " + type
                        + " socket received one of " + m.size() + " frames (discarded); use receive() for multipart"
                        + " messages");
            }
            return m.first().toUtf8();
        }
    }

    private Message receive(long timeoutNanos) {
        lock.lock();
        try {
            checkOpen("receive");
            Message m = pattern.receive();
            if (m != null || timeoutNanos == 0) {
                return telemetry.received(m);
            }
            long deadline = timeoutNanos < 0 ? 0 : System.nanoTime() + timeoutNanos;
            readWaiters++;
            try {
                while (true) {
                    if (!await(readable, timeoutNanos < 0, deadline, "receive")) {
                        return null;
                    }
                    checkOpen("receive");
                    m = pattern.receive();
                    if (m != null) {
                        return telemetry.received(m);
                    }
                }
            } finally {
                readWaiters--;
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- monitoring ------------------------------------------------------------------------------------------------

    /**
     * Starts delivering this socket's {@link SocketEvent}s to {@code listener}, on a thread of the monitor's own (a
     * slow listener loses events, counted by {@link SocketMonitor#droppedEvents()}; it never slows the socket).
     * Several monitors may run at once; closing the socket stops them all.
     */
    public SocketMonitor monitor(Consumer<SocketEvent> listener) {
        checkOpen("monitor");
        return telemetry.monitor(listener);
    }

    /** A snapshot of this socket's counters. */
    public SocketStatistics statistics() {
        lock.lock();
        try {
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

    /** Where endpoints report events and counts. */
    SocketTelemetry telemetry() {
        return telemetry;
    }

    /** Waits on {@code condition}; returns {@code false} when the deadline passed. Called with the lock held. */
    private boolean await(Condition condition, boolean forever, long deadline, String operation) {
        try {
            if (forever) {
                condition.await();
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            condition.awaitNanos(left);   // the caller retries, and the next call sees whether time is up
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketInterruptedException(operation, e);
        }
    }

    // ---- pipes (called by SocketEndpoints on I/O threads) ----------------------------------------------------------

    /** A new pipe using this socket's current HWMs, served by {@code ioThread}. */
    Pipe newPipe(Executor ioThread) {
        Pipe pipe = new Pipe(options.get(SocketOption.SNDHWM), options.get(SocketOption.RCVHWM), ioThread,
                pipeListener);
        lock.lock();
        try {
            live.removeIf(p -> p.isSettled() && !p.hasInbound());
            live.add(pipe);
        } finally {
            lock.unlock();
        }
        return pipe;
    }

    /** Offers {@code pipe} to the pattern; returns {@code false} if the pattern refuses the peer. */
    boolean attach(Pipe pipe, PeerInfo peer) {
        lock.lock();
        try {
            if (closed || !pattern.admits(peer)) {
                live.remove(pipe);
                pipe.terminate();
                return false;
            }
            pipes.add(pipe);
            pattern.attach(pipe);
            signal(writable);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A connection completed its handshake on {@code pipe}. */
    void connected(Pipe pipe) {
        lock.lock();
        try {
            if (!closed && pipes.contains(pipe)) {
                pattern.connected(pipe);
                signal(writable);
            }
        } finally {
            lock.unlock();
        }
        fireReadiness();
    }

    /** The connection of {@code pipe} closed. */
    void disconnected(Pipe pipe) {
        lock.lock();
        try {
            if (!closed && pipes.contains(pipe)) {
                pattern.disconnected(pipe);
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- readiness, for pollers ------------------------------------------------------------------------------------

    /** Whether a receive would return a message now. */
    boolean canReceive() {
        lock.lock();
        try {
            return !closed && pattern.canReceive();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a send could succeed now. */
    boolean canSend() {
        lock.lock();
        try {
            return !closed && pattern.canSend();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Registers {@code listener} to be run (on an I/O thread, or the closing thread) whenever the socket may have
     * become readable or writable. It must be quick and must not block.
     */
    void addReadinessListener(Runnable listener) {
        readinessListeners.add(listener);
    }

    void removeReadinessListener(Runnable listener) {
        readinessListeners.remove(listener);
    }

    private void fireReadiness() {
        for (Runnable r : readinessListeners) {
            r.run();
        }
    }

    /** Removes {@code pipe} from the pattern and terminates it. */
    void detach(Pipe pipe) {
        lock.lock();
        try {
            if (pipes.remove(pipe)) {
                pattern.detach(pipe);
            }
        } finally {
            lock.unlock();
        }
        pipe.terminate();
    }

    private void signal(Condition condition) {
        if (lock.isHeldByCurrentThread()) {
            condition.signalAll();
            return;
        }
        lock.lock();
        try {
            condition.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Hears from pipes on I/O threads; takes the lock only when someone may be waiting or the pattern must know. */
    private final class Listener implements PipeListener {
        @Override
        public void readable(Pipe pipe) {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                pattern.readable(pipe);
                if (readWaiters > 0) {
                    readable.signalAll();
                }
            } finally {
                lock.unlock();
            }
            fireReadiness();
        }

        @Override
        public void writable(Pipe pipe) {
            if (writeWaiters > 0 || closed) {
                signal(writable);
            }
            fireReadiness();
        }
    }

    // ---- closing ---------------------------------------------------------------------------------------------------

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the socket: waits up to LINGER for queued messages to be written, closes every connection and listener,
     * and releases everything still queued. Idempotent; never blocks longer than LINGER plus a short grace period.
     */
    @Override
    public void close() {
        long lingerMillis = options.millis(SocketOption.LINGER);
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            readable.signalAll();
            writable.signalAll();
        } finally {
            lock.unlock();
        }
        fireReadiness();
        lingerUntilFlushed(lingerMillis);
        endpoints.closeAll();   // terminates every pipe and waits until their connections are closed
        lock.lock();
        try {
            pipes.clear();
            pattern.close();
            for (Pipe p : live) {
                p.terminate();
                p.discardInbound();   // no connection is left to add more
            }
            live.clear();
        } finally {
            lock.unlock();
        }
        telemetry.closeMonitors();
        context.closed(this);
    }

    private void lingerUntilFlushed(long lingerMillis) {
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
        lock.lock();
        try {
            for (Pipe p : pipes) {
                if (!p.isFlushed()) {
                    return false;
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen(String operation) {
        if (closed) {
            throw new SocketClosedException("cannot " + operation + ": " + type + " socket is closed");
        }
    }

    @Override
    public String toString() {
        return "Socket[" + type + (closed ? ", closed" : "") + ", " + endpoints + "]";
    }
}
