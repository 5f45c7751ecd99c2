package io.jzmtp;

import io.jzmtp.msg.Message;
import io.jzmtp.wire.ZmtpError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Socket monitor events and statistics, over real loopback connections. */
class MonitorIT {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private final Context ctx = Context.create();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** Records events; {@link #next} waits for the next event of a given type, skipping others. */
    private static final class Recorder {
        final BlockingQueue<SocketEvent> events = new LinkedBlockingQueue<>();

        <T extends SocketEvent> T next(Class<T> type) throws InterruptedException {
            return TestSupport.nextEvent(events, type, PATIENCE);
        }
    }

    @Test
    void bindAcceptHandshakeAndPeerCloseAreReported() throws Exception {
        Socket pull = ctx.socket(SocketType.PULL);
        Recorder r = new Recorder();
        pull.monitor(r.events::add);
        String ep = pull.bind("tcp://127.0.0.1:*");
        assertEquals(ep, r.next(SocketEvent.Listening.class).endpoint());
        Socket push = ctx.socket(SocketType.PUSH);
        push.set(SocketOption.ROUTING_ID, "pusher".getBytes());
        push.connect(ep);
        SocketEvent.Accepted accepted = r.next(SocketEvent.Accepted.class);
        assertTrue(accepted.peerAddress().startsWith("127.0.0.1:"), accepted.peerAddress());
        SocketEvent.HandshakeSucceeded hs = r.next(SocketEvent.HandshakeSucceeded.class);
        assertEquals("PUSH", hs.peer().socketType().orElseThrow());
        assertEquals(ep, hs.endpoint());
        push.close();
        SocketEvent.Disconnected d = r.next(SocketEvent.Disconnected.class);
        assertEquals(SocketEvent.DisconnectCause.PEER_CLOSED, d.cause());
    }

    @Test
    void connectBeforeBindReportsDelayAndRetriesThenConnects() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Socket push = ctx.socket(SocketType.PUSH);
        Recorder r = new Recorder();
        push.monitor(r.events::add);
        String ep = "tcp://127.0.0.1:" + port;
        push.connect(ep);
        SocketEvent.ConnectDelayed delayed = r.next(SocketEvent.ConnectDelayed.class);
        assertEquals(ep, delayed.endpoint());
        assertEquals("connection refused", delayed.reason(), "said in plain words, not the transport's exception");
        SocketEvent.ConnectRetried retried = r.next(SocketEvent.ConnectRetried.class);
        assertTrue(retried.retryIn().toMillis() >= 100 && retried.retryIn().toMillis() < 200, retried.toString());
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind(ep);
        assertEquals(ep, r.next(SocketEvent.Connected.class).endpoint());
        r.next(SocketEvent.HandshakeSucceeded.class);
        assertTrue(push.statistics().reconnects() >= 1);
        assertEquals(1, push.statistics().currentPeers());
    }

    @Test
    void incompatiblePeerIsAProtocolHandshakeFailure() throws Exception {
        Socket pull = ctx.socket(SocketType.PULL);
        Recorder r = new Recorder();
        pull.monitor(r.events::add);
        String ep = pull.bind("tcp://127.0.0.1:*");
        Socket wrong = ctx.socket(SocketType.PULL);   // PULL cannot talk to PULL
        wrong.connect(ep);
        SocketEvent.HandshakeFailed f = r.next(SocketEvent.HandshakeFailed.class);
        assertEquals(SocketEvent.HandshakeFailure.PROTOCOL, f.kind());
        assertEquals(ZmtpError.INCOMPATIBLE_PEER, f.reason());
        assertEquals(SocketEvent.DisconnectCause.PROTOCOL_ERROR, r.next(SocketEvent.Disconnected.class).cause());
    }

    /** A peer that answers the greeting with ERROR (as libzmq does after a ZAP refusal): reported, and, like libzmq,
     *  no reconnect follows. */
    @Test
    void errorFromThePeerIsAnAuthFailureAndEndsReconnecting() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(5000);
            Socket push = ctx.socket(SocketType.PUSH);
            push.set(SocketOption.RECONNECT_IVL, Duration.ofMillis(50));
            Recorder r = new Recorder();
            push.monitor(r.events::add);
            push.connect("tcp://127.0.0.1:" + server.getLocalPort());
            try (java.net.Socket raw = server.accept()) {
                raw.getOutputStream().write(RawZmtpPeer.greeting());
                raw.getOutputStream().write(new byte[] {4, 10, 5, 'E', 'R', 'R', 'O', 'R', 3, '4', '0', '0'});
                raw.getOutputStream().flush();
                SocketEvent.HandshakeFailed f = r.next(SocketEvent.HandshakeFailed.class);
                assertEquals(SocketEvent.HandshakeFailure.AUTH, f.kind());
                assertEquals(ZmtpError.PEER_ERROR, f.reason());
                assertTrue(f.detail().contains("400"), f.detail());
                r.next(SocketEvent.Disconnected.class);
                SocketEvent late = r.events.poll(500, TimeUnit.MILLISECONDS);   // ten reconnect intervals
                assertTrue(late == null, "no reconnect after an ERROR: " + late);
                assertEquals(0, push.statistics().reconnects());
            }
        }
    }

    @Test
    void bindOnABusyPortIsReportedBeforeItThrows() throws Exception {
        Socket first = ctx.socket(SocketType.PULL);
        String ep = first.bind("tcp://127.0.0.1:*");
        Socket second = ctx.socket(SocketType.PULL);
        Recorder r = new Recorder();
        second.monitor(r.events::add);
        assertThrows(io.jzmtp.transport.BindFailedException.class, () -> second.bind(ep));
        SocketEvent.BindFailed f = r.next(SocketEvent.BindFailed.class);
        assertEquals(ep, f.endpoint());
        assertTrue(f.reason().contains(ep), f.reason());
    }

    /** An operator sees an attack in the statistics: connections this socket dropped, by reason. */
    @Test
    void droppedConnectionsAreCountedByReason() throws Exception {
        Socket pull = ctx.socket(SocketType.PULL);
        Recorder r = new Recorder();
        pull.monitor(r.events::add);
        String ep = pull.bind("tcp://127.0.0.1:*");
        int port = Integer.parseInt(ep.substring(ep.lastIndexOf(':') + 1));
        for (int i = 0; i < 3; i++) {
            try (java.net.Socket garbage = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                garbage.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                r.next(SocketEvent.Disconnected.class);   // published after the count
            }
        }
        try (java.net.Socket pub = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            pub.getOutputStream().write(RawZmtpPeer.greeting());
            pub.getOutputStream().write(RawZmtpPeer.ready("PUB"));   // a PULL takes no PUB
            r.next(SocketEvent.Disconnected.class);   // published after the count
        }
        SocketStatistics stats = pull.statistics();
        assertEquals(Map.of(ZmtpError.BAD_GREETING, 3L, ZmtpError.INCOMPATIBLE_PEER, 1L), stats.connectionsDropped());
        assertEquals(4, stats.connectionsDroppedTotal());
    }

    @Test
    void heartbeatTimeoutIsReportedAndCounted() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(5000);
            Socket sub = ctx.socket(SocketType.SUB);
            sub.set(SocketOption.HEARTBEAT_IVL, Duration.ofMillis(100));
            Recorder r = new Recorder();
            sub.monitor(r.events::add);
            sub.connect("tcp://127.0.0.1:" + server.getLocalPort());
            try (RawZmtpPeer silent = RawZmtpPeer.accepted(server.accept()).handshake("PUB")) {
                SocketEvent.Disconnected d = r.next(SocketEvent.Disconnected.class);
                assertEquals(SocketEvent.DisconnectCause.HEARTBEAT_TIMEOUT, d.cause());
                assertEquals(ZmtpError.HEARTBEAT_TIMEOUT, d.reason());
                assertEquals(1, sub.statistics().heartbeatTimeouts());
                r.next(SocketEvent.ConnectRetried.class);   // and it connects again
            }
        }
    }

    @Test
    void closingTheSocketReportsClosedThenMonitorStoppedLast() throws Exception {
        Socket pull = ctx.socket(SocketType.PULL);
        Recorder r = new Recorder();
        pull.monitor(r.events::add);
        String ep = pull.bind("tcp://127.0.0.1:*");
        pull.close();
        assertEquals(ep, r.next(SocketEvent.Closed.class).endpoint());
        r.next(SocketEvent.MonitorStopped.class);
        assertTrue(r.events.isEmpty(), "nothing after MONITOR_STOPPED: " + r.events);
    }

    @Test
    void slowListenerLosesEventsButNeverBlocksTheSocket() throws Exception {
        Socket pull = ctx.socket(SocketType.PULL);
        CountDownLatch release = new CountDownLatch(1);
        SocketMonitor monitor = pull.monitor(e -> {
            try {
                release.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        });
        // Each bind/unbind makes two events; far more than the queue holds, and none of it may block.
        for (int i = 0; i < SocketMonitor.QUEUE_CAPACITY; i++) {
            pull.unbind(pull.bind("tcp://127.0.0.1:*"));
        }
        assertTrue(monitor.droppedEvents() > 0, "events beyond the queue were dropped and counted");
        release.countDown();
        monitor.close();
    }

    @Test
    void statisticsCountTrafficBothWays() {
        Socket pull = ctx.socket(SocketType.PULL);
        Socket push = ctx.socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        for (int i = 0; i < 10; i++) {
            push.send(Message.of("0123456789", "ab"));
        }
        for (int i = 0; i < 10; i++) {
            try (Message m = pull.receive(PATIENCE)) {
                assertNotNull(m);
            }
        }
        SocketStatistics out = push.statistics();
        SocketStatistics in = pull.statistics();
        assertEquals(10, out.messagesOut());
        assertEquals(120, out.bytesOut());
        assertEquals(10, in.messagesIn());
        assertEquals(120, in.bytesIn());
        assertEquals(1, in.currentPeers());
    }

    /** Messages waiting for a peer are counted as queued until a connection takes them. */
    @Test
    void statisticsCountWhatIsStillQueued() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Socket push = ctx.socket(SocketType.PUSH);
        push.connect("tcp://127.0.0.1:" + port);   // nothing listens there yet
        for (int i = 0; i < 3; i++) {
            assertTrue(push.trySend(Message.of("queued " + i)));
        }
        assertEquals(3, push.statistics().messagesQueued());
        assertEquals(0, push.statistics().currentPeers());
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:" + port);
        for (int i = 0; i < 3; i++) {
            try (Message m = pull.receive(PATIENCE)) {
                assertNotNull(m);
            }
        }
        assertEquals(0, push.statistics().messagesQueued());
    }

    @Test
    void libzmqFormatEventsArriveOnAPairSocket() throws Exception {
        Socket tool = ctx.socket(SocketType.PAIR);       // what a libzmq-era tool would read
        String toolEp = tool.bind("tcp://127.0.0.1:*");
        Socket feed = ctx.socket(SocketType.PAIR);
        // Events the monitor writes after the context has closed the tool would otherwise wait out the default
        // LINGER in the context's close; this test is about their format, not their delivery at shutdown.
        feed.set(SocketOption.LINGER, Duration.ZERO);
        feed.connect(toolEp);
        Socket pull = ctx.socket(SocketType.PULL);
        pull.monitor(SocketMonitor.libzmqFormat(feed));
        // Wait until the PAIR link is up so no event is dropped for want of a peer.
        feed.send("ready");
        assertEquals("ready", tool.receiveString());
        String ep = pull.bind("tcp://127.0.0.1:*");
        try (Message m = tool.receive(PATIENCE)) {
            assertNotNull(m);
            assertEquals(2, m.size());
            assertEquals(6, m.frame(0).size());
            assertEquals(0x0008, SocketMonitor.libzmqEventId(m.frame(0).toBytes()), "ZMQ_EVENT_LISTENING");
            assertEquals(ep, m.frame(1).toUtf8());
        }
    }
}
