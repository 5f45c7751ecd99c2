package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

/**
 * Pins socket monitoring: {@code Socket.monitor(inproc, mask)} with {@code ZMQ.Event.recv} on a PAIR (LISTENING,
 * ACCEPTED, CONNECTED, DISCONNECTED with the endpoint as address, null on EAGAIN), the event constants, and the
 * {@code ZMonitor} actor with {@code nextEvent(timeout)}.
 * {@code ZMQ.Event} is deprecated in 0.6.0 but is what existing monitoring code uses.
 */
@SuppressWarnings("deprecation")
class MonitorTest {
    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void eventConstants() {
        assertEquals(1, ZMQ.EVENT_CONNECTED);
        assertEquals(2, ZMQ.EVENT_CONNECT_DELAYED);
        assertEquals(4, ZMQ.EVENT_CONNECT_RETRIED);
        assertEquals(8, ZMQ.EVENT_LISTENING);
        assertEquals(16, ZMQ.EVENT_BIND_FAILED);
        assertEquals(32, ZMQ.EVENT_ACCEPTED);
        assertEquals(64, ZMQ.EVENT_ACCEPT_FAILED);
        assertEquals(128, ZMQ.EVENT_CLOSED);
        assertEquals(256, ZMQ.EVENT_CLOSE_FAILED);
        assertEquals(512, ZMQ.EVENT_DISCONNECTED);
        assertEquals(1024, ZMQ.EVENT_MONITOR_STOPPED);
        assertEquals(0xffff, ZMQ.EVENT_ALL);
    }

    /** Attaches a PAIR to the monitor endpoint of {@code socket}. */
    private ZMQ.Socket monitor(ZMQ.Socket socket, String name, int events) {
        assertTrue(socket.monitor("inproc://" + name, events));
        ZMQ.Socket pair = ctx.createSocket(SocketType.PAIR);
        pair.setReceiveTimeOut(200);
        pair.connect("inproc://" + name);
        return pair;
    }

    /** Reads events until one of type {@code event} arrives; fails after the deadline. */
    private static ZMQ.Event await(ZMQ.Socket monitor, int event) {
        return Await.result("event " + event, Duration.ofSeconds(10), () -> {
            ZMQ.Event e = ZMQ.Event.recv(monitor);
            return e != null && e.getEvent() == event ? e : null;
        });
    }

    /** JeroMQ's classification: failed binds, accepts and handshakes are errors; a refused authentication warns. */
    @Test
    void eventsAreErrorsOrWarningsAsJeromqSays() {
        for (int error : new int[] {ZMQ.EVENT_BIND_FAILED, ZMQ.EVENT_ACCEPT_FAILED, ZMQ.EVENT_CLOSE_FAILED,
                ZMQ.HANDSHAKE_FAILED_NO_DETAIL, ZMQ.HANDSHAKE_FAILED_PROTOCOL}) {
            ZMQ.Event e = new ZMQ.Event(error, null, "tcp://127.0.0.1:1");
            assertTrue(e.isError(), "event " + error + " is an error");
            assertFalse(e.isWarn(), "event " + error + " is not a warning");
        }
        ZMQ.Event auth = new ZMQ.Event(ZMQ.HANDSHAKE_FAILED_AUTH, null, "tcp://127.0.0.1:1");
        assertTrue(auth.isWarn());
        assertFalse(auth.isError());
        for (int routine : new int[] {ZMQ.EVENT_CONNECTED, ZMQ.EVENT_CONNECT_RETRIED, ZMQ.EVENT_DISCONNECTED,
                ZMQ.EVENT_LISTENING, ZMQ.HANDSHAKE_SUCCEEDED}) {
            ZMQ.Event e = new ZMQ.Event(routine, null, "tcp://127.0.0.1:1");
            assertFalse(e.isError() || e.isWarn(), "event " + routine + " is neither an error nor a warning");
        }
    }

    @Test
    void listeningAcceptedConnectedDisconnected() {
        ZMQ.Socket server = ctx.createSocket(SocketType.PULL);
        ZMQ.Socket serverEvents = monitor(server, "mon-server", ZMQ.EVENT_ALL);
        server.bind("tcp://127.0.0.1:*");
        String endpoint = server.getLastEndpoint();

        ZMQ.Event listening = await(serverEvents, ZMQ.EVENT_LISTENING);
        assertEquals(endpoint, listening.getAddress());

        ZMQ.Socket client = ctx.createSocket(SocketType.PUSH);
        ZMQ.Socket clientEvents = monitor(client, "mon-client", ZMQ.EVENT_CONNECTED | ZMQ.EVENT_DISCONNECTED);
        client.connect(endpoint);

        ZMQ.Event connected = await(clientEvents, ZMQ.EVENT_CONNECTED);
        assertEquals(endpoint, connected.getAddress());
        ZMQ.Event accepted = await(serverEvents, ZMQ.EVENT_ACCEPTED);
        assertEquals(endpoint, accepted.getAddress());

        client.send("hello");
        server.setReceiveTimeOut(5000);
        assertEquals("hello", server.recvStr());

        client.close();
        ZMQ.Event disconnected = await(serverEvents, ZMQ.EVENT_DISCONNECTED);
        assertEquals(endpoint, disconnected.getAddress());
    }

    @Test
    void maskFiltersEventsAndRecvReturnsNullWithoutEvents() {
        ZMQ.Socket server = ctx.createSocket(SocketType.REP);
        ZMQ.Socket events = monitor(server, "mon-mask", ZMQ.EVENT_ACCEPTED);
        server.bind("tcp://127.0.0.1:*");
        // LISTENING is not in the mask
        assertNull(ZMQ.Event.recv(events, ZMQ.DONTWAIT));

        ZMQ.Socket client = ctx.createSocket(SocketType.REQ);
        client.connect(server.getLastEndpoint());
        ZMQ.Event accepted = Await.result("accepted", Duration.ofSeconds(10), () -> ZMQ.Event.recv(events));
        assertEquals(ZMQ.EVENT_ACCEPTED, accepted.getEvent());
    }

    @Test
    void zmonitorReportsEvents() {
        ZMQ.Socket server = ctx.createSocket(SocketType.ROUTER);
        try (ZMonitor monitor = new ZMonitor(ctx, server)) {
            monitor.add(ZMonitor.Event.LISTENING, ZMonitor.Event.ACCEPTED, ZMonitor.Event.DISCONNECTED);
            monitor.start();
            server.bind("tcp://127.0.0.1:*");
            String endpoint = server.getLastEndpoint();

            ZMonitor.ZEvent listening = nextOfType(monitor, ZMonitor.Event.LISTENING);
            assertEquals(endpoint, listening.address);
            assertEquals(ZMQ.EVENT_LISTENING, listening.code);

            ZMQ.Socket client = ctx.createSocket(SocketType.DEALER);
            client.connect(endpoint);
            ZMonitor.ZEvent accepted = nextOfType(monitor, ZMonitor.Event.ACCEPTED);
            assertNotNull(accepted.address);

            client.close();
            nextOfType(monitor, ZMonitor.Event.DISCONNECTED);

            // nothing else happens: a timed wait returns null
            assertNull(monitor.nextEvent(100));
        }
    }

    private static ZMonitor.ZEvent nextOfType(ZMonitor monitor, ZMonitor.Event type) {
        return Await.result(type.name(), Duration.ofSeconds(10), () -> {
            ZMonitor.ZEvent event = monitor.nextEvent(200);
            return event != null && event.type == type ? event : null;
        });
    }
}
