package org.zeromq;

import io.jzmtp.SocketEvent;
import io.jzmtp.SocketMonitor;
import io.jzmtp.SocketOption;
import io.jzmtp.msg.Message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code Socket.monitor(addr, events)}: jzmtp's typed events, filtered by JeroMQ's event bits, published as
 * one-frame messages on a PAIR bound at the inproc address, for {@link ZMQ.Event#recv}. The frame is this drop-in's
 * own (JeroMQ's is also private to it): event number (4 bytes), whether a value follows (1 byte), the value
 * (4 bytes), then the address in UTF-8. Events are published from the monitor's thread, never an I/O thread.
 */
final class MonitorBridge {

    private final SocketCore socket;
    private SocketMonitor monitor;
    private io.jzmtp.Socket pair;

    MonitorBridge(SocketCore socket) {
        this.socket = socket;
    }

    /** Starts publishing to {@code address}, replacing an earlier monitor; a null address only stops. */
    synchronized boolean start(String address, int events) {
        stop();
        if (address == null) {
            return true;
        }
        if (!address.startsWith("inproc://")) {
            throw new ZMQException("a monitor publishes on an inproc:// endpoint, not " + address,
                    ZMQ.Error.EPROTONOSUPPORT.getCode());
        }
        io.jzmtp.Socket publisher = socket.context().engine().socket(io.jzmtp.SocketType.PAIR);
        publisher.set(SocketOption.LINGER, Duration.ZERO);
        try {
            publisher.bind(address);
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
        pair = publisher;
        monitor = socket.engine().monitor(event -> publish(publisher, event, events));
        return true;
    }

    private static void publish(io.jzmtp.Socket publisher, SocketEvent event, int wanted) {
        int id = event.libzmqId();
        if ((wanted & id) != 0 && !publisher.isClosed()) {
            Message m = Message.of(encode(event));
            try {
                if (!publisher.trySend(m)) {
                    m.close();   // nobody reads the monitor: drop, as libzmq does at HWM
                }
            } catch (RuntimeException e) {
                m.close();   // the PAIR closed meanwhile
            }
        }
        if (event instanceof SocketEvent.MonitorStopped) {
            publisher.close();
        }
    }

    private synchronized void stop() {
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
        if (pair != null) {
            pair.close();
            pair = null;
        }
    }

    static byte[] encode(SocketEvent event) {
        byte[] address = event.endpoint().getBytes(StandardCharsets.UTF_8);
        Integer value = EventValues.raw(event);   // the same values setEventHook and ZMonitor give
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + 4 + address.length);
        b.putInt(event.libzmqId()).put((byte) (value == null ? 0 : 1)).putInt(value == null ? 0 : value).put(address);
        return b.array();
    }

    static ZMQ.Event decode(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        int event = b.getInt();
        boolean hasValue = b.get() != 0;
        int value = b.getInt();
        String address = new String(frame, b.position(), b.remaining(), StandardCharsets.UTF_8);
        return new ZMQ.Event(event, hasValue ? Integer.valueOf(value) : null, address);
    }
}
