package io.jzmtp.pipe;

import io.jzmtp.msg.Message;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.PlatformDependent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded, two-way message queue between a socket's pattern logic and one peer (ZMTP.md §15: HWM counts messages,
 * per pipe, per direction). The pattern side sends with {@link #offer} and receives with {@link #poll}; the
 * connection side (a {@link WireSide}) drains outbound messages and pushes inbound ones.
 *
 * <p><b>Threads.</b> The outbound queue has many producers (application threads) and one consumer, the I/O thread
 * given at construction; every outbound poll and the final discard run on that thread. The inbound queue has one
 * producer (the I/O thread) and one consumer at a time (the socket, under its lock). Neither queue allocates per
 * message; a producer wakes the I/O thread only when no drain is already pending (see {@link WireSide}).
 *
 * <p><b>Bounds.</b> {@link #offer} refuses a message once SNDHWM messages are queued. On the inbound side the pipe
 * asks the connection to stop reading at RCVHWM and to resume at half of it, so TCP back-pressure reaches the sender;
 * the read that crossed the mark may still complete, so memory is bounded by RCVHWM plus one socket read.
 *
 * <p>A pipe outlives connections on the connecting side: messages queue while disconnected and flow once a connection
 * is attached again (libzmq's behaviour without IMMEDIATE).
 */
public final class Pipe {

    private static final VarHandle COUNTER = MethodHandles.arrayElementVarHandle(long[].class);

    // The counters live in one array, each writer's on its own cache lines (128 bytes apart, for CPUs that fetch
    // lines in pairs): as plain fields they shared a line, and two threads each writing their counter per message
    // made that line bounce between cores (false sharing). Each counter has one writer and is published with a
    // release store; a writer re-reads the other side's counter only when its cached copy says "full".
    private static final int STRIDE = 16;
    private static final int OFFERED = STRIDE;            // written by the sending side (one thread at a time)
    private static final int DRAINED_SEEN = STRIDE + 1;   // the sending side's cached copy of DRAINED
    private static final int DRAINED = 2 * STRIDE;        // written by the I/O thread
    private static final int PUSHED = 2 * STRIDE + 1;     // written by the I/O thread
    private static final int POLLED_SEEN = 2 * STRIDE + 2;   // the I/O thread's cached copy of POLLED
    private static final int POLLED = 3 * STRIDE;         // written by the receiving side
    private final long[] counters = new long[4 * STRIDE];

    // Chunked array queues: Netty's SPSC queue is linked and would allocate a node per message.
    private final Queue<Message> outbound = PlatformDependent.newMpscQueue();
    private final Queue<Message> inbound = PlatformDependent.newMpscQueue();

    private final AtomicBoolean announced = new AtomicBoolean();
    private final AtomicBoolean readingPaused = new AtomicBoolean();
    private final int sendHwm;
    private final int receiveHwm;
    private final Executor ioThread;
    private final PipeListener listener;
    private volatile WireSide wire;
    private volatile PeerInfo peer;
    private volatile byte[] connectRoutingId;
    private volatile boolean terminated;

    /**
     * A pipe with the given high-water marks (0 = unlimited), whose outbound side is consumed on {@code ioThread}.
     */
    public Pipe(int sendHwm, int receiveHwm, Executor ioThread, PipeListener listener) {
        if (sendHwm < 0 || receiveHwm < 0) {
            throw new IllegalArgumentException("HWM must be >= 0: " + sendHwm + ", " + receiveHwm);
        }
        this.sendHwm = sendHwm;
        this.receiveHwm = receiveHwm;
        this.ioThread = Objects.requireNonNull(ioThread, "ioThread");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    // ---- pattern side ----------------------------------------------------------------------------------------------

    /**
     * Queues {@code message} for the peer. Returns {@code false}, leaving the message with the caller, when the pipe is
     * at SNDHWM or terminated; otherwise the pipe owns it.
     */
    public boolean offer(Message message) {
        if (!isWritable()) {
            return false;
        }
        release(OFFERED, counters[OFFERED] + 1);
        WireSide w = wire;
        if (w != null && w.deliverDirectly(message)) {
            return true;
        }
        outbound.offer(message);
        if (terminated) {
            // Lost the race with terminate(): the I/O thread owns the queue's consumer side, so discard there.
            discardOutboundOnIoThread();
            return true;
        }
        w = wire;
        if (w != null) {
            w.outboundReady();
        }
        return true;
    }

    /** Whether {@link #offer} would accept a message now. Called by the sending side. */
    public boolean isWritable() {
        if (terminated) {
            return false;
        }
        long[] c = counters;
        if (sendHwm == 0 || c[OFFERED] - c[DRAINED_SEEN] < sendHwm) {
            return true;
        }
        c[DRAINED_SEEN] = acquire(DRAINED);
        return c[OFFERED] - c[DRAINED_SEEN] < sendHwm;
    }

    /** The next inbound message, owned by the caller, or {@code null} when there is none. */
    public Message poll() {
        Message m = inbound.poll();
        if (m != null) {
            long nowPolled = counters[POLLED] + 1;
            release(POLLED, nowPolled);
            if (readingPaused.get() && acquire(PUSHED) - nowPolled <= receiveHwm / 2
                    && readingPaused.compareAndSet(true, false)) {
                WireSide w = wire;
                if (w != null) {
                    w.resumeReading();
                }
            }
        }
        return m;
    }

    /**
     * Whether the inbound queue reached RCVHWM and waits for the reader to take half of it before more may come in;
     * the wire is told with {@link WireSide#resumeReading()} when that happens.
     */
    public boolean isReadingPaused() {
        return readingPaused.get();
    }

    /** Whether an inbound message is waiting. */
    public boolean hasInbound() {
        return !inbound.isEmpty();
    }

    /**
     * Clears the "announced as readable" mark after the reader found the pipe empty. Returns {@code true} when a
     * message arrived meanwhile and the mark was taken again, so the caller must keep treating the pipe as readable.
     */
    public boolean clearReadable() {
        announced.set(false);
        return hasInbound() && announced.compareAndSet(false, true);
    }

    /** The peer, once a connection has completed its handshake; {@code null} before. */
    public PeerInfo peer() {
        return peer;
    }

    /**
     * The routing id this side assigned to the peer of a pipe it connected (libzmq's CONNECT_ROUTING_ID), or
     * {@code null}; a ROUTER prefers it over the peer's announced identity.
     */
    public byte[] connectRoutingId() {
        byte[] id = connectRoutingId;
        return id == null ? null : id.clone();
    }

    /** Sets the routing id assigned with CONNECT_ROUTING_ID (1..255 bytes). */
    public void connectRoutingId(byte[] id) {
        this.connectRoutingId = id == null ? null : id.clone();
    }

    /** Whether a connection is attached right now. */
    public boolean isConnected() {
        return wire != null;
    }

    /** Whether the pipe has been terminated and accepts nothing more. */
    public boolean isTerminated() {
        return terminated;
    }

    /**
     * Whether everything offered has been written to the operating system: nothing queued, and nothing pending in
     * the connection. A pipe with queued messages and no connection is not flushed.
     */
    public boolean isFlushed() {
        if (outboundSize() > 0) {
            return false;
        }
        WireSide w = wire;
        return w == null || !w.hasPendingWrites();
    }

    /** Number of messages waiting to be sent. */
    public int outboundSize() {
        return (int) (acquire(OFFERED) - acquire(DRAINED));
    }

    /** Number of messages waiting to be received. */
    public int inboundSize() {
        return (int) (acquire(PUSHED) - acquire(POLLED));
    }

    // ---- connection side (I/O thread) ------------------------------------------------------------------------------

    /** Attaches a connection whose handshake completed; flushes anything queued meanwhile. */
    public void attach(WireSide wire, PeerInfo peer) {
        this.peer = Objects.requireNonNull(peer, "peer");
        readingPaused.set(false);
        this.wire = Objects.requireNonNull(wire, "wire");
        if (!outbound.isEmpty()) {
            wire.outboundReady();
        }
    }

    /** Detaches {@code wire} if it is the attached connection. Queued messages stay. */
    public void detach(WireSide wire) {
        if (this.wire == wire) {
            this.wire = null;
        }
    }

    /** The next outbound message for the connection, or {@code null}. I/O thread only. */
    public Message pollOutbound() {
        Message m = outbound.poll();
        if (m != null) {
            release(DRAINED, counters[DRAINED] + 1);
        }
        return m;
    }

    /**
     * Counts a message a wire took through {@link WireSide#deliverDirectly} as drained; the wire calls it while it is
     * the outbound queue's one consumer, as {@link #pollOutbound} is called.
     */
    public void drainedDirectly() {
        release(DRAINED, counters[DRAINED] + 1);
    }

    /** Whether outbound messages are waiting. */
    public boolean hasOutbound() {
        return !outbound.isEmpty();
    }

    /** Called after a batch left the outbound queue, so blocked senders can retry. */
    public void outboundDrained() {
        listener.writable(this);
    }

    /**
     * Adds a message from the peer; the pipe takes ownership. Asks the wire to pause reading at RCVHWM. A terminated
     * pipe releases it instead: nobody will read it.
     */
    public void pushInbound(Message message) {
        pushInboundQuietly(message);
        announceInbound();
    }

    /**
     * Like {@link #pushInbound} but without telling the reader; the connection calls {@link #announceInbound()} once
     * it has pushed everything one socket read produced, so a busy reader is woken once per read, not per message.
     */
    public void pushInboundQuietly(Message message) {
        if (terminated) {
            message.close();
            return;
        }
        long nowPushed = counters[PUSHED] + 1;
        release(PUSHED, nowPushed);
        inbound.offer(message);
        if (receiveHwm > 0 && nowPushed - counters[POLLED_SEEN] >= receiveHwm) {
            counters[POLLED_SEEN] = acquire(POLLED);
            if (nowPushed - counters[POLLED_SEEN] >= receiveHwm && readingPaused.compareAndSet(false, true)) {
                pauseReading();
            }
        }
    }

    /** Tells the reader that messages are waiting, unless it was already told and has not found the pipe empty. */
    public void announceInbound() {
        if (!announced.get() && !inbound.isEmpty() && announced.compareAndSet(false, true)) {
            listener.readable(this);
        }
    }

    private void pauseReading() {
        WireSide w = wire;
        if (w != null) {
            w.pauseReading();
        }
        if (acquire(PUSHED) - acquire(POLLED) <= receiveHwm / 2
                && readingPaused.compareAndSet(true, false) && w != null) {
            w.resumeReading();   // the reader caught up between our count and the pause
        }
    }

    /**
     * Ends the pipe: no more offers are accepted, queued outbound messages are released (on the I/O thread), the
     * attached connection, if any, is closed (it stays attached until it has closed, see {@link #isSettled()}).
     * Inbound messages stay readable until the socket drains or discards them.
     */
    public void terminate() {
        terminated = true;
        WireSide w = wire;
        if (w != null) {
            w.close();
        }
        discardOutboundOnIoThread();
    }

    /**
     * Releases the outbound queue on its consumer, the I/O thread; if that thread has stopped (its context closed
     * first), once it has terminated, when nobody else can be polling the queue.
     */
    private void discardOutboundOnIoThread() {
        try {
            ioThread.execute(this::discardOutbound);
        } catch (RejectedExecutionException e) {
            if (ioThread instanceof EventExecutor loop) {
                loop.terminationFuture().addListener(f -> discardOutbound());
            } else {
                discardOutbound();   // not a Netty loop: a rejecting executor runs nothing more
            }
        }
    }

    /**
     * Whether the pipe is terminated and its last connection has closed, so no message can arrive any more: once such
     * a pipe is also empty, it can be forgotten.
     */
    public boolean isSettled() {
        return terminated && wire == null;
    }

    /** Releases every inbound message. The caller must be the pipe's only reader. */
    public void discardInbound() {
        Message m;
        while ((m = poll()) != null) {
            m.close();
        }
    }

    private void discardOutbound() {
        Message m;
        while ((m = pollOutbound()) != null) {
            m.close();
        }
    }

    private void release(int counter, long value) {
        COUNTER.setRelease(counters, counter, value);
    }

    private long acquire(int counter) {
        return (long) COUNTER.getAcquire(counters, counter);
    }

    @Override
    public String toString() {
        PeerInfo p = peer;
        return "Pipe[" + (p == null ? "unconnected" : p.socketType() + "@" + p.remoteAddress())
                + ", out=" + outboundSize() + ", in=" + inboundSize() + (terminated ? ", terminated" : "")
                + "]";
    }
}
