package org.zeromq;

import io.jzmtp.SocketEvent;
import io.jzmtp.SocketMonitor;

import java.io.Closeable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * JeroMQ's monitor object: choose event types with {@link #add}/{@link #remove}, {@link #start()}, then read events
 * with {@link #nextEvent}. Configure and read from one thread.
 *
 * <p>Differences from JeroMQ, which runs an actor thread reading a monitor PAIR socket: this listens to jzmtp's
 * monitor of the socket directly and queues events (up to {@link SocketMonitor#QUEUE_CAPACITY}; more are dropped
 * while nobody reads), so it neither uses the socket's single {@link ZMQ.Socket#monitor} slot nor creates sockets in
 * {@code ctx}. Once the monitored socket is closed (by itself or by its context) and the queued events are read,
 * {@link #nextEvent()} returns null instead of waiting forever. {@link ZEvent#value} is null for connection events,
 * where JeroMQ prints a channel number, and for CONNECT_DELAYED, where it prints -1.
 */
public class ZMonitor implements Closeable {

    /** One event, with its value as text. */
    public static final class ZEvent {
        /** The kind of event; {@link Event#ALL} for a code that names none. */
        public final Event type;
        /** The event's number (ZMQ.EVENT_*). */
        public final int code;
        /** The endpoint the event concerns. */
        public final String address;
        /** The event's value as text (an error number, a retry interval in ms, a protocol code), or null. */
        public final String value;

        /** The event read from a monitor socket with {@link ZMQ.Event#recv}. */
        public ZEvent(ZMQ.Event event) {
            this(event.getEvent(), event.getAddress(), event.getValue());
        }

        ZEvent(SocketEvent event) {
            this(event.libzmqId(), event.endpoint(), EventValues.raw(event));
        }

        private ZEvent(int code, String address, Object value) {
            this.code = code;
            this.type = Event.findByCode(code);
            this.address = address;
            this.value = value == null ? null : value.toString();
        }

        @Override
        public String toString() {
            return "ZEvent [type=" + type + ", code=" + code + ", address=" + address + ", value=" + value + "]";
        }
    }

    /** The kinds of monitor events, with JeroMQ's numbers. */
    public enum Event {
        /** A connect completed. */
        CONNECTED(ZMQ.EVENT_CONNECTED),
        /** A connect attempt failed and will be retried. */
        CONNECT_DELAYED(ZMQ.EVENT_CONNECT_DELAYED),
        /** A reconnect is scheduled. */
        CONNECT_RETRIED(ZMQ.EVENT_CONNECT_RETRIED),
        /** A bind succeeded. */
        LISTENING(ZMQ.EVENT_LISTENING),
        /** A bind failed. */
        BIND_FAILED(ZMQ.EVENT_BIND_FAILED),
        /** A bound endpoint accepted a connection. */
        ACCEPTED(ZMQ.EVENT_ACCEPTED),
        /** Accepting a connection failed. */
        ACCEPT_FAILED(ZMQ.EVENT_ACCEPT_FAILED),
        /** An endpoint was closed. */
        CLOSED(ZMQ.EVENT_CLOSED),
        /** Closing an endpoint failed; jzmtp does not emit it. */
        CLOSE_FAILED(ZMQ.EVENT_CLOSE_FAILED),
        /** An established connection was lost or closed. */
        DISCONNECTED(ZMQ.EVENT_DISCONNECTED),
        /** Monitoring stopped; the last event. */
        MONITOR_STOPPED(ZMQ.EVENT_MONITOR_STOPPED),
        /** A ZMTP handshake failed without a protocol code. */
        HANDSHAKE_FAILED_NO_DETAIL(ZMQ.HANDSHAKE_FAILED_NO_DETAIL),
        /** A ZMTP handshake completed. */
        HANDSHAKE_SUCCEEDED(ZMQ.HANDSHAKE_SUCCEEDED),
        /** A ZMTP handshake failed on a protocol error; see {@link ProtocolCode}. */
        HANDSHAKE_FAILED_PROTOCOL(ZMQ.HANDSHAKE_FAILED_PROTOCOL),
        /** The ZAP handler refused the peer. */
        HANDSHAKE_FAILED_AUTH(ZMQ.HANDSHAKE_FAILED_AUTH),
        /** The negotiated ZMTP version; jzmtp does not emit it. */
        HANDSHAKE_PROTOCOL(ZMQ.EVENT_HANDSHAKE_PROTOCOL),
        /** Every event; also what a code that names no event maps to. */
        ALL(ZMQ.EVENT_ALL);

        private static final Map<Integer, Event> BY_CODE = new HashMap<>();

        static {
            for (Event e : values()) {
                BY_CODE.put(e.code, e);
            }
        }

        private final int code;

        Event(int code) {
            this.code = code;
        }

        /** The ZMQ.EVENT_ bit of this kind. */
        int code() {
            return code;
        }

        /** The event numbered {@code event}; {@link #ALL} when no event has that number. */
        public static Event findByCode(int event) {
            return BY_CODE.getOrDefault(event, ALL);
        }
    }

    /** The value of HANDSHAKE_FAILED_PROTOCOL events: libzmq's ZMQ_PROTOCOL_ERROR_* codes. */
    public enum ProtocolCode {
        /** A ZMTP error with no closer code; jzmtp's default. */
        ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED(0x10000000),
        /** A command that is not allowed at this point. */
        ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND(0x10000001),
        /** A frame out of sequence; not reported by jzmtp. */
        ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE(0x10000002),
        /** A failed key exchange; not reported by jzmtp. */
        ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE(0x10000003),
        /** A malformed command. */
        ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED(0x10000011),
        /** A malformed MESSAGE command; not reported by jzmtp. */
        ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE(0x10000012),
        /** A malformed HELLO command; not reported by jzmtp. */
        ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO(0x10000013),
        /** A malformed INITIATE command; not reported by jzmtp. */
        ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE(0x10000014),
        /** A malformed ERROR command; not reported by jzmtp. */
        ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR(0x10000015),
        /** A malformed READY command; not reported by jzmtp. */
        ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY(0x10000016),
        /** A malformed WELCOME command; not reported by jzmtp. */
        ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME(0x10000017),
        /** Bad metadata, or a peer of an incompatible socket type. */
        ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_METADATA(0x10000018),
        /** A CURVE box that does not open, or a failed login. */
        ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC(0x11000001),
        /** The peers' security mechanisms differ. */
        ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH(0x11000002),
        /** A ZAP handler error; not reported by jzmtp. */
        ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED(0x20000000),
        /** A malformed ZAP reply; not reported by jzmtp. */
        ZMQ_PROTOCOL_ERROR_ZAP_MALFORMED_REPLY(0x20000001),
        /** A ZAP reply to another request; not reported by jzmtp. */
        ZMQ_PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID(0x20000002),
        /** A ZAP reply of another version; not reported by jzmtp. */
        ZMQ_PROTOCOL_ERROR_ZAP_BAD_VERSION(0x20000003),
        /** A ZAP reply with an unknown status; not reported by jzmtp. */
        ZMQ_PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE(0x20000004),
        /** A ZAP reply with bad metadata; not reported by jzmtp. */
        ZMQ_PROTOCOL_ERROR_ZAP_INVALID_METADATA(0x20000005),
        /** A WebSocket transport error; jzmtp has no such transport. */
        ZMQ_PROTOCOL_ERROR_WS_UNSPECIFIED(0x30000000);

        private static final Map<Integer, ProtocolCode> BY_CODE = new HashMap<>();

        static {
            for (ProtocolCode c : values()) {
                BY_CODE.put(c.code, c);
            }
        }

        final int code;

        ProtocolCode(int code) {
            this.code = code;
        }

        /** The protocol error numbered {@code code}; an unknown number throws {@link IllegalArgumentException}. */
        public static ProtocolCode findByCode(int code) {
            ProtocolCode c = find(code);
            if (c == null) {
                throw new IllegalArgumentException("Protocol code unknown: " + code);
            }
            return c;
        }

        static ProtocolCode find(int code) {
            return BY_CODE.get(code);
        }
    }

    // Queued when the monitor ends, so that a reader waiting for events wakes up and gets null.
    private static final Object END = new Object();

    private final ZMQ.Socket monitored;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(SocketMonitor.QUEUE_CAPACITY);
    private int events;
    private boolean verbose;
    private boolean started;
    private volatile SocketMonitor monitor;
    private volatile boolean closed;

    /** A monitor of {@code socket}; it reports nothing until events are added and it is started. */
    public ZMonitor(ZContext ctx, ZMQ.Socket socket) {
        Objects.requireNonNull(ctx, "ZMonitor works only with a supplied context");
        this.monitored = Objects.requireNonNull(socket, "Socket has to be supplied");
    }

    /** Starts monitoring the events added so far; later changes are ignored (with a message), as in JeroMQ. */
    public final ZMonitor start() {
        if (started) {
            System.out.println("ZMonitor: Unable to start while already started.");
            return this;
        }
        int wanted = events;
        try {
            monitor = monitored.engine().monitor(e -> deliver(e, wanted));
        } catch (RuntimeException e) {
            throw monitored.failure(e);
        }
        started = true;
        log("Starting monitor for events " + wanted + " on " + monitored);
        return this;
    }

    private void deliver(SocketEvent event, int wanted) {
        if ((event.libzmqId() & wanted) != 0 && !closed) {
            queue.offer(new ZEvent(event));   // full: dropped, as events beyond a monitor socket's HWM are
        }
        if (event instanceof SocketEvent.MonitorStopped) {
            end();
        }
    }

    private void end() {
        while (!queue.offer(END)) {
            queue.poll();   // make room: the end must be seen even if an unread event is lost for it
        }
    }

    /** Stops monitoring; a reader waiting in {@link #nextEvent()} gets null. Idempotent. */
    @Override
    public final void close() {
        destroy();
    }

    /** The same as {@link #close()}. */
    public final void destroy() {
        if (closed) {
            return;
        }
        closed = true;
        SocketMonitor m = monitor;
        if (m != null) {
            m.close();
        }
        queue.clear();
        end();
        log("Closing monitor " + monitored);
    }

    /** Prints what the monitor does on standard output when true; only before {@link #start()}. */
    public final ZMonitor verbose(boolean verbose) {
        if (started) {
            System.out.println("ZMonitor: Unable to change verbosity while already started.");
            return this;
        }
        this.verbose = verbose;
        return this;
    }

    /** Adds event types to report; only before {@link #start()}. */
    public final ZMonitor add(Event... events) {
        if (started) {
            System.out.println("ZMonitor: Unable to add events while already started.");
            return this;
        }
        for (Event e : events) {
            log("Adding event " + e);
            this.events |= e.code;
        }
        return this;
    }

    /** Removes event types to report; only before {@link #start()}. */
    public final ZMonitor remove(Event... events) {
        if (started) {
            System.out.println("ZMonitor: Unable to remove events while already started.");
            return this;
        }
        for (Event e : events) {
            log("Removing event " + e);
            this.events &= ~e.code;
        }
        return this;
    }

    /** The next event, waiting for it; null once the monitor or the monitored socket is closed. */
    public final ZEvent nextEvent() {
        return nextEvent(true);
    }

    /** The next event, waiting for it if {@code wait}; null when there is none (or the monitor ended). */
    public final ZEvent nextEvent(boolean wait) {
        return nextEvent(wait ? -1 : 0);
    }

    /** The next event, waiting up to {@code timeout} ms (-1 forever); null when none came in time. */
    public final ZEvent nextEvent(int timeout) {
        if (!started) {
            System.out.println("ZMonitor: Start before getting events.");
            return null;
        }
        Object next;
        try {
            next = timeout < 0 ? queue.take() : queue.poll(timeout, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // kept set, as for an interrupted receive
            throw new ZMQException("nextEvent was interrupted", ZMQ.Error.EINTR.getCode(), e);
        }
        if (next == END) {
            end();   // leave it for the next call
            return null;
        }
        return (ZEvent) next;
    }

    private void log(String text) {
        if (verbose) {
            System.out.println("ZMonitor: " + text);
        }
    }
}
