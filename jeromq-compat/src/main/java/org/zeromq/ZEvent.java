package org.zeromq;

import io.jzmtp.SocketEvent;

import java.util.Objects;

/**
 * A monitor event with its value resolved to an object and a severity, as delivered to the consumer of
 * {@link ZMQ.Socket#setEventHook} or read from a monitor socket with {@link #recv(ZMQ.Socket, int)}.
 *
 * <p>The value is a {@link ZMQ.Error} for failures (and HANDSHAKE_SUCCEEDED), a {@link ZMonitor.ProtocolCode} for
 * HANDSHAKE_FAILED_PROTOCOL, a {@link java.time.Duration} for CONNECT_RETRIED, an Integer for HANDSHAKE_FAILED_AUTH
 * (the ZAP status code), else null. Differences from JeroMQ: connection events (CONNECTED, LISTENING, ACCEPTED, CLOSED,
 * DISCONNECTED) carry null where JeroMQ gives the connection's {@code SelectableChannel}, which jzmtp does not expose;
 * CONNECT_DELAYED carries null where JeroMQ fails to resolve its -1.
 */
public class ZEvent {

    /**
     * Receives the events of {@link ZMQ.Socket#setEventHook}. Differences from JeroMQ: it does not extend JeroMQ's
     * internal {@code zmq.ZMQ.EventConsummer}, so it has no {@code consume(zmq.ZMQ.Event)} method.
     */
    @FunctionalInterface
    public interface ZEventConsummer {
        /** Handles one event; called on the socket's monitor thread, never an I/O thread. */
        void consume(ZEvent ev);
    }

    private final ZMonitor.Event event;
    private final Object value;
    private final String address;

    ZEvent(ZMonitor.Event event, Object value, String address) {
        this.event = event;
        this.value = value;
        this.address = address;
    }

    /** The event jzmtp reported, in JeroMQ's terms. */
    static ZEvent of(SocketEvent e) {
        ZMonitor.Event type = ZMonitor.Event.findByCode(e.libzmqId());
        return new ZEvent(type, EventValues.resolve(type, EventValues.raw(e)), e.endpoint());
    }

    /** The kind of event. */
    public ZMonitor.Event getEvent() {
        return event;
    }

    /** The resolved value (see the class comment), typed as the caller expects it. */
    @SuppressWarnings("unchecked")
    public <M> M getValue() {
        return (M) value;
    }

    /** The endpoint the event is about. */
    public String getAddress() {
        return address;
    }

    /** Whether the event reports a failure: BIND/ACCEPT/CLOSE_FAILED, HANDSHAKE_FAILED_NO_DETAIL or _PROTOCOL. */
    public boolean isError() {
        return EventValues.isError(event.code());
    }

    /** Whether the event is a warning: a refused authentication. */
    public boolean isWarn() {
        return EventValues.isWarn(event.code());
    }

    /** Whether the event is information: a lost connection. */
    public boolean isInformation() {
        return event == ZMonitor.Event.DISCONNECTED;
    }

    /** Whether the event is routine: connections made, endpoints bound or closed, handshakes done, monitor stopped. */
    public boolean isDebug() {
        return switch (event) {
            case CONNECTED, CONNECT_DELAYED, CONNECT_RETRIED, LISTENING, ACCEPTED, CLOSED, MONITOR_STOPPED,
                    HANDSHAKE_SUCCEEDED, HANDSHAKE_PROTOCOL -> true;
            default -> false;
        };
    }

    /** Equal to a ZEvent of the same kind, value and address. */
    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && event == ((ZEvent) o).event
                && Objects.equals(value, ((ZEvent) o).value) && Objects.equals(address, ((ZEvent) o).address);
    }

    @Override
    public int hashCode() {
        return Objects.hash(event, value, address);
    }

    /** As JeroMQ prints it: {@code ZEvent{event=LISTENING, value=null, address='tcp://...'}}. */
    @Override
    public String toString() {
        return "ZEvent{event=" + event + ", value=" + value + ", address='" + address + "'}";
    }

    /**
     * The next event from a socket connected to a {@link ZMQ.Socket#monitor} endpoint; null on EAGAIN (with
     * {@link ZMQ#DONTWAIT}, or after the receive timeout). Other failures throw {@link ZMQException}.
     */
    public static ZEvent recv(ZMQ.Socket socket, int flags) {
        ZMQ.Event e = ZMQ.Event.recv(socket, flags);
        if (e == null) {
            return null;
        }
        ZMonitor.Event type = ZMonitor.Event.findByCode(e.getEvent());
        Integer raw = e.getValue() instanceof Integer i ? i : null;
        return new ZEvent(type, EventValues.resolve(type, raw), e.getAddress());
    }

    /** {@link #recv(ZMQ.Socket, int)}, waiting for the event. */
    public static ZEvent recv(ZMQ.Socket socket) {
        return recv(socket, 0);
    }
}
