package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

/**
 * Pins JeroMQ's {@code ZEvent}: the events a {@code Socket.setEventHook} consumer gets (kinds, addresses, severities,
 * resolved values), one hook per socket, MONITOR_STOPPED when the hook is removed, and {@code ZEvent.recv} on a
 * monitor socket.
 */
class Tier2ZEventTest {
    private static final AtomicInteger ENDPOINTS = new AtomicInteger();

    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** The next event of {@code events} of the wanted kind, skipping others; fails after the default deadline. */
    private static ZEvent next(BlockingQueue<ZEvent> events, ZMonitor.Event wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Await.DEFAULT.toNanos();
        while (true) {
            ZEvent e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(e, "no " + wanted + " event within " + Await.DEFAULT);
            if (e.getEvent() == wanted) {
                return e;
            }
        }
    }

    @Test
    void theHookReportsListeningAcceptedAndConnected() throws Exception {
        BlockingQueue<ZEvent> serverEvents = new LinkedBlockingQueue<>();
        BlockingQueue<ZEvent> clientEvents = new LinkedBlockingQueue<>();
        ZMQ.Socket server = ctx.createSocket(SocketType.PULL);
        ZMQ.Socket client = ctx.createSocket(SocketType.PUSH);
        assertTrue(server.setEventHook(serverEvents::add, ZMQ.EVENT_LISTENING | ZMQ.EVENT_ACCEPTED));
        assertTrue(client.setEventHook(clientEvents::add, ZMQ.EVENT_CONNECTED));

        server.bind("tcp://127.0.0.1:*");
        String endpoint = server.getLastEndpoint();
        ZEvent listening = next(serverEvents, ZMonitor.Event.LISTENING);
        assertEquals(endpoint, listening.getAddress());
        assertTrue(listening.isDebug());
        assertFalse(listening.isError());
        assertFalse(listening.isWarn());
        assertFalse(listening.isInformation());

        client.connect(endpoint);
        ZEvent connected = next(clientEvents, ZMonitor.Event.CONNECTED);
        assertEquals(endpoint, connected.getAddress());
        assertTrue(connected.isDebug());
        ZEvent accepted = next(serverEvents, ZMonitor.Event.ACCEPTED);
        assertTrue(accepted.isDebug());
    }

    @Test
    void aSecondHookIsRefusedUntilTheFirstIsRemoved() throws Exception {
        BlockingQueue<ZEvent> events = new LinkedBlockingQueue<>();
        ZMQ.Socket socket = ctx.createSocket(SocketType.PULL);
        assertTrue(socket.setEventHook(events::add, ZMQ.EVENT_ALL));
        assertThrows(IllegalStateException.class, () -> socket.setEventHook(events::add, ZMQ.EVENT_ALL));

        assertTrue(socket.setEventHook(null, 0));
        ZEvent stopped = next(events, ZMonitor.Event.MONITOR_STOPPED);
        assertNull(stopped.getValue());
        assertTrue(stopped.isDebug());

        BlockingQueue<ZEvent> again = new LinkedBlockingQueue<>();
        assertTrue(socket.setEventHook(again::add, ZMQ.EVENT_LISTENING));
        socket.bind("tcp://127.0.0.1:*");
        assertEquals(socket.getLastEndpoint(), next(again, ZMonitor.Event.LISTENING).getAddress());
    }

    @Test
    void onlyTheSelectedEventsAreReported() throws Exception {
        BlockingQueue<ZEvent> events = new LinkedBlockingQueue<>();
        ZMQ.Socket socket = ctx.createSocket(SocketType.PULL);
        assertTrue(socket.setEventHook(events::add, ZMQ.EVENT_CLOSED | ZMQ.EVENT_MONITOR_STOPPED));
        socket.bind("tcp://127.0.0.1:*");
        assertTrue(socket.setEventHook(null, 0));
        // LISTENING was not selected: MONITOR_STOPPED is the first and only event
        ZEvent first = events.poll(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(first);
        assertEquals(ZMonitor.Event.MONITOR_STOPPED, first.getEvent());
        assertTrue(events.isEmpty());
    }

    @Test
    void connectRetriedCarriesTheDelayAsADuration() throws Exception {
        int port = zmq.util.Utils.findOpenPort();
        BlockingQueue<ZEvent> events = new LinkedBlockingQueue<>();
        ZMQ.Socket client = ctx.createSocket(SocketType.PUSH);
        assertTrue(client.setEventHook(events::add, ZMQ.EVENT_CONNECT_RETRIED));
        client.connect("tcp://127.0.0.1:" + port);
        ZEvent retried = next(events, ZMonitor.Event.CONNECT_RETRIED);
        assertEquals("tcp://127.0.0.1:" + port, retried.getAddress());
        Duration delay = retried.getValue();
        assertTrue(delay.toMillis() > 0, "the reconnect delay: " + delay);
        assertTrue(retried.isDebug());
    }

    @Test
    void recvReadsAnEventFromAMonitorSocket() {
        String monitorEndpoint = "inproc://tier2-zevent-monitor-" + ENDPOINTS.incrementAndGet();
        ZMQ.Socket socket = ctx.createSocket(SocketType.PULL);
        assertTrue(socket.monitor(monitorEndpoint, ZMQ.EVENT_LISTENING));
        ZMQ.Socket reader = ctx.createSocket(SocketType.PAIR);
        reader.connect(monitorEndpoint);
        reader.setReceiveTimeOut((int) Await.DEFAULT.toMillis());

        assertNull(ZEvent.recv(reader, ZMQ.DONTWAIT), "nothing happened yet");
        socket.bind("tcp://127.0.0.1:*");
        ZEvent listening = ZEvent.recv(reader);
        assertNotNull(listening);
        assertEquals(ZMonitor.Event.LISTENING, listening.getEvent());
        assertEquals(socket.getLastEndpoint(), listening.getAddress());
        assertEquals(listening, listening);
    }
}
