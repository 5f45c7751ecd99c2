package io.jzmtp;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.socket.Pattern;
import io.jzmtp.socket.Patterns;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

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
 * <p><b>Asynchronously.</b> {@link #receiveAsync()} and {@link #sendAsync(Message)} are the same operations without a
 * wait: they complete at once when they can, else later, in the order they were made. Their futures are completed on
 * the context's async executor (the common fork-join pool), never on an I/O thread, and never while the socket's
 * internal lock is held, so a continuation may call the socket again. The blocking calls are the same attempt plus a
 * wait for the socket's signal.
 *
 * <p><b>Threads.</b> A socket may be shared by several threads: every operation is atomic (a message is sent or
 * received whole, options and endpoints change safely), and sends and receives from different threads do not corrupt
 * it. Blocking calls work on virtual threads, and an interrupted call throws {@link SocketInterruptedException}
 * leaving the socket usable. Ordering between threads is whatever order they acquire the socket in. The socket's
 * routing state is only ever touched by the threads calling it (one at a time), never by jzmtp's I/O threads: those
 * only queue messages and signal that something changed, so one slow caller cannot slow the I/O of other sockets.
 *
 * <p><b>Closing.</b> {@link #close()} waits at most LINGER for queued messages to be written, then closes every
 * connection and releases every queued message. Threads blocked in the socket are woken with
 * {@link SocketClosedException}.
 */
// A facade, a little over the house limit of ~400 lines because the whole public surface of a socket is here, with
// its javadoc; the machinery lives in SocketCore, endpoints in SocketEndpoints, monitoring in SocketTelemetry and the
// routing in io.jzmtp.socket.
public final class Socket implements AutoCloseable {

    private final Context context;
    private final SocketType type;
    private final SocketOptions options = new SocketOptions();
    /** Copies of CURVE_SECRETKEY handed to endpoints, zeroed at close. */
    private final List<byte[]> secrets = new CopyOnWriteArrayList<>();
    private final SocketTelemetry telemetry;
    private final SocketCore core;
    private final SocketEndpoints endpoints;

    Socket(Context context, SocketType type) {
        this.context = context;
        this.type = type;
        this.telemetry = new SocketTelemetry(type.name());
        this.core = new SocketCore(type, options, Patterns.create(type, options::get), telemetry,
                context.asyncExecutor());
        this.endpoints = new SocketEndpoints(this, context.io(), context.transports(), context.inproc());
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
        String operation = "set " + option;
        checkOpen(operation);
        options.set(option, value);
        core.withPattern(operation, Pattern::optionsChanged);   // patterns keep per-message options in fields
        return this;
    }

    /** The current value of an option. */
    public <T> T get(SocketOption<T> option) {
        return options.get(Objects.requireNonNull(option, "option"));
    }

    SocketOptions options() {
        return options;
    }

    Context context() {
        return context;
    }

    /**
     * A copy of CURVE_SECRETKEY for an endpoint's connections, zeroed with the option itself when this socket closes
     * (the copies live as long as the endpoints that use them).
     */
    byte[] secretKeyCopy() {
        byte[] copy = options.get(SocketOption.CURVE_SECRETKEY);
        secrets.add(copy);
        return copy;
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
        byte[] copy = Objects.requireNonNull(prefix, "prefix").clone();
        core.withPattern(subscribe ? "subscribe" : "unsubscribe", p -> p.subscribe(copy, subscribe));
    }

    /**
     * ROUTER: whether a message whose first frame is {@code routingId} would reach a connected peer now, which is what
     * a send with ROUTER_MANDATORY checks before it throws {@link UnroutableMessageException}.
     *
     * @throws UnsupportedOperationException for the other socket types
     */
    public boolean hasPeer(byte[] routingId) {
        Objects.requireNonNull(routingId, "routingId");
        boolean[] routable = new boolean[1];
        core.withPattern("hasPeer", p -> routable[0] = p.isRoutable(routingId));
        return routable[0];
    }

    // ---- sending ---------------------------------------------------------------------------------------------------

    /**
     * Sends {@code message}, waiting up to SNDTIMEO. Returns {@code true} when the socket took the message (it owns
     * it now), {@code false} on timeout (the caller still owns it).
     */
    public boolean send(Message message) {
        return send(message, options.sendTimeoutNanos());
    }

    /**
     * Sends {@code message}, waiting up to {@code timeout} ({@link SocketOption#INFINITE} for no limit). Returns
     * {@code true} when the socket took the message (it owns it now), {@code false} on timeout (the caller still
     * owns it).
     */
    public boolean send(Message message, Duration timeout) {
        return send(message, timeoutNanos(timeout));
    }

    /**
     * Sends {@code message} if that is possible without waiting. Returns {@code true} when the socket took it (it
     * owns it now), {@code false} when it would block (the caller still owns it).
     */
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

    /**
     * Sends {@code message} without waiting: the future completes with {@code true} once the socket has queued it for
     * a peer (at once when there is room), or exceptionally ({@link SocketClosedException} if the socket closes
     * first, or the reason the pattern refused it). The socket owns {@code message} from this call on, whatever the
     * outcome: cancelling the future before it completes drops the message.
     */
    public CompletableFuture<Boolean> sendAsync(Message message) {
        checkSendable(message);
        return core.sendAsync(message);
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
        checkSendable(message);
        return core.send(message, timeoutNanos);
    }

    private static void checkSendable(Message message) {
        Objects.requireNonNull(message, "message");
        if (message.isEmpty()) {
            throw new IllegalArgumentException("cannot send a message with no frames");
        }
    }

    // ---- receiving -------------------------------------------------------------------------------------------------

    /** The next message, waiting up to RCVTIMEO; {@code null} on timeout. The caller owns and must close it. */
    public Message receive() {
        return core.receive(options.receiveTimeoutNanos());
    }

    /** The next message, waiting up to {@code timeout}; {@code null} on timeout. The caller owns and must close it. */
    public Message receive(Duration timeout) {
        return core.receive(timeoutNanos(timeout));
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

    /** The next message if one is waiting, else {@code null}. The caller owns and must close it. */
    public Message tryReceive() {
        return core.receive(0);
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

    /**
     * The next message, without waiting: the future completes with it (at once if one is waiting), and the caller
     * then owns the message; or exceptionally with {@link SocketClosedException} if the socket closes first. A
     * future cancelled (or timed out with {@code orTimeout}) before its message arrived takes none: the message goes
     * to the next receive instead. Futures complete in the order they were asked for.
     */
    public CompletableFuture<Message> receiveAsync() {
        return core.receiveAsync();
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
        return core.statistics();
    }

    /** Where endpoints report events and counts. */
    SocketTelemetry telemetry() {
        return telemetry;
    }

    // ---- pipes (for SocketEndpoints; any thread, never waits) ------------------------------------------------------

    /** A new pipe using this socket's current HWMs, served by {@code ioThread}. */
    Pipe newPipe(Executor ioThread) {
        return core.newPipe(ioThread);
    }

    /** Offers {@code pipe} to the socket; {@code false} (and the pipe terminated) if it takes no more peers. */
    boolean admit(Pipe pipe) {
        return core.admit(pipe);
    }

    /** A connection completed its handshake on {@code pipe}. */
    void connected(Pipe pipe) {
        core.pipeConnected(pipe);
    }

    /** The connection of {@code pipe} closed. */
    void disconnected(Pipe pipe) {
        core.pipeDisconnected(pipe);
    }

    /** {@code pipe} leaves the socket for good and is terminated. */
    void detach(Pipe pipe) {
        core.detach(pipe);
    }

    // ---- readiness, for pollers ------------------------------------------------------------------------------------

    /** Whether a receive would return a message now. */
    boolean canReceive() {
        return core.canReceive();
    }

    /** Whether a send could succeed now. */
    boolean canSend() {
        return core.canSend();
    }

    /**
     * Registers {@code listener} to be run (on an I/O thread, or the closing thread) whenever the socket may have
     * become readable or writable. It must be quick and must not block.
     */
    void addReadinessListener(Runnable listener) {
        core.addReadinessListener(listener);
    }

    void removeReadinessListener(Runnable listener) {
        core.removeReadinessListener(listener);
    }

    // ---- closing ---------------------------------------------------------------------------------------------------

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return core.isClosed();
    }

    /**
     * Closes the socket: waits up to LINGER for queued messages to be written, closes every connection and listener,
     * and releases everything still queued. Threads blocked in the socket, and pending asynchronous calls, fail with
     * {@link SocketClosedException}. Idempotent; never blocks longer than LINGER plus a short grace period.
     */
    @Override
    public void close() {
        long lingerMillis = options.millis(SocketOption.LINGER);
        if (!core.beginClose()) {
            return;
        }
        try {
            core.linger(lingerMillis);
            endpoints.closeAll();   // terminates every pipe and waits until their connections are closed
            core.finishClose();
            telemetry.closeMonitors();
            options.wipe(SocketOption.CURVE_SECRETKEY);
            secrets.forEach(secret -> Arrays.fill(secret, (byte) 0));
            context.closed(this);
        } finally {
            core.closeFinished();
        }
    }

    /** After {@link #close()}: waits until the close some thread began has finished (see {@link Context#close()}). */
    void awaitClosed() {
        core.awaitClosed();
    }

    private void checkOpen(String operation) {
        if (core.isClosed()) {
            throw new SocketClosedException("cannot " + operation + ": " + type + " socket is closed");
        }
    }

    @Override
    public String toString() {
        return "Socket[" + type + (isClosed() ? ", closed" : "") + ", " + endpoints + "]";
    }
}
