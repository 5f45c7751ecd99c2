package io.jzmtp;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Delivers a socket's {@link SocketEvent}s to a listener, on a thread of its own, so that a slow listener never
 * blocks I/O: events wait in a bounded queue, and when it is full they are dropped and {@link #droppedEvents()}
 * counts them. Created by {@link Socket#monitor}; closing it delivers {@link SocketEvent.MonitorStopped} last.
 *
 * <p>For tools written for libzmq, {@link #libzmqFormat(Socket)} turns events into libzmq's two-frame event messages
 * sent on a PAIR socket.
 */
public final class SocketMonitor implements AutoCloseable {

    /** Events that may wait for a slow listener before new ones are dropped. */
    public static final int QUEUE_CAPACITY = 4096;

    private static final SocketEvent STOP = new SocketEvent.MonitorStopped("");

    private final BlockingQueue<SocketEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Consumer<SocketEvent> listener;
    private final Runnable onClose;
    private final Thread dispatcher;
    private volatile boolean closed;

    SocketMonitor(String socketName, Consumer<SocketEvent> listener, Runnable onClose) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.onClose = onClose;
        this.dispatcher = new Thread(this::dispatch, "jzmtp-monitor-" + socketName);
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
    }

    /** Queues {@code event} without ever blocking; drops it (and counts it) when the queue is full. */
    void publish(SocketEvent event) {
        if (closed || !queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** How many events were dropped because the listener fell behind. */
    public long droppedEvents() {
        return dropped.get();
    }

    /** Stops the monitor: queued events are delivered, then {@link SocketEvent.MonitorStopped}. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.run();
        while (!queue.offer(STOP)) {
            queue.poll();   // make room: the stop event must arrive, even if an old event is lost for it
            dropped.incrementAndGet();
        }
        if (Thread.currentThread() != dispatcher) {
            try {
                dispatcher.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void dispatch() {
        while (true) {
            SocketEvent e;
            try {
                e = queue.take();
            } catch (InterruptedException ie) {
                return;
            }
            try {
                listener.accept(e);
            } catch (RuntimeException failure) {
                // A faulty listener must not stop the monitor; the event is simply lost for it.
                dropped.incrementAndGet();
            }
            if (e == STOP) {
                return;
            }
        }
    }

    /**
     * A listener that sends each event as libzmq's event message on {@code pair} (a PAIR socket, typically connected
     * to a tool's monitor socket): frame 1 is six bytes, the 16-bit event number and a 32-bit value in little-endian
     * order (the retry interval in ms for CONNECT_RETRIED, else 0); frame 2 is the endpoint. Sends never block; a
     * message the PAIR cannot take is dropped.
     */
    public static Consumer<SocketEvent> libzmqFormat(Socket pair) {
        Objects.requireNonNull(pair, "pair");
        return event -> {
            Message m = Message.of(Frame.of(header(event)), Frame.of(event.endpoint()));
            if (!pair.trySend(m)) {
                m.close();
            }
        };
    }

    private static byte[] header(SocketEvent event) {
        long value = 0;
        if (event instanceof SocketEvent.ConnectRetried r) {
            value = Math.min(r.retryIn().toMillis(), 0xffffffffL);
        }
        return ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) event.libzmqId()).putInt((int) value).array();
    }

    /** Decodes the event number of a libzmq-format event message's first frame (for tests and tools). */
    public static int libzmqEventId(byte[] firstFrame) {
        return ByteBuffer.wrap(firstFrame).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
    }
}
