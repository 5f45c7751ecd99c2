package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

/**
 * Pins JeroMQ's {@code ZMonitor}: the events chosen before start are reported with their code and address,
 * nextEvent's timeouts return null, and the {@code Event}/{@code ProtocolCode} numbering.
 */
class Tier2ZMonitorTest {
    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** The next event of the wanted type, skipping others; fails after the default deadline. */
    private static ZMonitor.ZEvent next(ZMonitor monitor, ZMonitor.Event wanted) {
        long deadline = System.nanoTime() + Await.DEFAULT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            ZMonitor.ZEvent e = monitor.nextEvent(100);
            if (e != null && e.type == wanted) {
                return e;
            }
        }
        throw new AssertionError("no " + wanted + " event within " + Await.DEFAULT);
    }

    @Test
    void reportsTheEventsAddedBeforeStart() {
        ZMQ.Socket server = ctx.createSocket(SocketType.PULL);
        try (ZMonitor monitor = new ZMonitor(ctx, server)) {
            assertSame(monitor, monitor.add(ZMonitor.Event.LISTENING, ZMonitor.Event.ACCEPTED));
            assertSame(monitor, monitor.verbose(false));
            assertSame(monitor, monitor.start());

            server.bind("tcp://127.0.0.1:*");
            String endpoint = server.getLastEndpoint();
            ZMonitor.ZEvent listening = next(monitor, ZMonitor.Event.LISTENING);
            assertEquals(ZMQ.EVENT_LISTENING, listening.code);
            assertEquals(endpoint, listening.address);

            ZMQ.Socket client = ctx.createSocket(SocketType.PUSH);
            client.connect(endpoint);
            ZMonitor.ZEvent accepted = next(monitor, ZMonitor.Event.ACCEPTED);
            assertEquals(ZMQ.EVENT_ACCEPTED, accepted.code);
        }
    }

    @Test
    void removedEventsAreNotReported() {
        ZMQ.Socket server = ctx.createSocket(SocketType.PULL);
        try (ZMonitor monitor = new ZMonitor(ctx, server)) {
            monitor.add(ZMonitor.Event.LISTENING, ZMonitor.Event.CONNECTED).remove(ZMonitor.Event.LISTENING).start();
            server.bind("tcp://127.0.0.1:*");
            assertNull(monitor.nextEvent(200), "LISTENING was removed");
        }
    }

    @Test
    void nextEventReturnsNullWhenNothingHappens() {
        ZMQ.Socket socket = ctx.createSocket(SocketType.PULL);
        try (ZMonitor monitor = new ZMonitor(ctx, socket)) {
            assertNull(monitor.nextEvent(), "not started: null at once");
            monitor.add(ZMonitor.Event.ALL).start();
            assertSame(monitor, monitor.start(), "a second start is ignored");
            long start = System.nanoTime();
            assertNull(monitor.nextEvent(50));
            assertTrue(System.nanoTime() - start >= 40_000_000L, "waited for the timeout");
            assertNull(monitor.nextEvent(false));
        }
    }

    @Test
    void eventCodes() {
        assertEquals(17, ZMonitor.Event.values().length);
        assertSame(ZMonitor.Event.CONNECTED, ZMonitor.Event.findByCode(1));
        assertSame(ZMonitor.Event.LISTENING, ZMonitor.Event.findByCode(8));
        assertSame(ZMonitor.Event.DISCONNECTED, ZMonitor.Event.findByCode(512));
        assertSame(ZMonitor.Event.HANDSHAKE_PROTOCOL, ZMonitor.Event.findByCode(0x8000));
        assertSame(ZMonitor.Event.ALL, ZMonitor.Event.findByCode(0xffff));
        assertSame(ZMonitor.Event.ALL, ZMonitor.Event.findByCode(3), "a code naming no event");

        assertEquals(21, ZMonitor.ProtocolCode.values().length);
        assertSame(ZMonitor.ProtocolCode.ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED,
                ZMonitor.ProtocolCode.findByCode(0x10000000));
        assertSame(ZMonitor.ProtocolCode.ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH,
                ZMonitor.ProtocolCode.findByCode(0x11000002));
        assertSame(ZMonitor.ProtocolCode.ZMQ_PROTOCOL_ERROR_WS_UNSPECIFIED,
                ZMonitor.ProtocolCode.findByCode(0x30000000));
        assertThrows(IllegalArgumentException.class, () -> ZMonitor.ProtocolCode.findByCode(42));
    }

    @Test
    void zeventFromAZmqEvent() {
        ZMonitor.ZEvent retried = new ZMonitor.ZEvent(new ZMQ.Event(ZMQ.EVENT_CONNECT_RETRIED, 150, "tcp://x:1"));
        assertSame(ZMonitor.Event.CONNECT_RETRIED, retried.type);
        assertEquals(4, retried.code);
        assertEquals("tcp://x:1", retried.address);
        assertEquals("150", retried.value);
        assertEquals("ZEvent [type=CONNECT_RETRIED, code=4, address=tcp://x:1, value=150]", retried.toString());

        ZMonitor.ZEvent unknown = new ZMonitor.ZEvent(new ZMQ.Event(3, null, "a"));
        assertSame(ZMonitor.Event.ALL, unknown.type);
        assertEquals(3, unknown.code);
        assertNull(unknown.value);
        assertNotNull(unknown.toString());
    }
}
