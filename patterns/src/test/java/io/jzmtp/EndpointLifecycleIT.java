package io.jzmtp;

import io.jzmtp.msg.Message;
import io.jzmtp.transport.BindFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

import static io.jzmtp.TestSupport.PATIENCE;
import static io.jzmtp.TestSupport.freePort;
import static io.jzmtp.TestSupport.pooled;
import static io.jzmtp.TestSupport.pooledBytes;
import static io.jzmtp.TestSupport.port;
import static io.jzmtp.TestSupport.receiveText;
import static io.jzmtp.TestSupport.sendOrFail;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bind, connect, unbind, disconnect and reconnection over loopback, and MAXMSGSIZE enforcement. */
class EndpointLifecycleIT {

    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void bindReturnsTheActualEndpoint() {
        Socket pull = ctx.socket(SocketType.PULL);
        String first = pull.bind("tcp://127.0.0.1:*");
        assertTrue(first.matches("tcp://127\\.0\\.0\\.1:\\d+") && port(first) > 0, first);
        assertEquals(first, pull.lastEndpoint());
        String second = pull.bind("tcp://127.0.0.1:*");
        assertNotEquals(first, second, "two ephemeral binds get two ports");
        assertEquals(second, pull.lastEndpoint());
        Socket push = ctx.socket(SocketType.PUSH);
        push.connect(first);
        push.connect(second);
        sendOrFail(push, pooled("one"));
        sendOrFail(push, pooled("two"));
        assertEquals("one", receiveText(pull));
        assertEquals("two", receiveText(pull));
    }

    @Test
    void connectBeforeBind() {
        int port = freePort();
        Socket push = ctx.socket(SocketType.PUSH).set(SocketOption.RECONNECT_IVL, Duration.ofMillis(50));
        push.connect("tcp://127.0.0.1:" + port);
        sendOrFail(push, pooled("sent before anyone listened"));
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:" + port);
        assertEquals("sent before anyone listened", receiveText(pull));
    }

    /** The PULL goes away and a new one binds the same port: the PUSH reconnects and traffic resumes. */
    @Test
    void pushReconnectsToARestartedPull() {
        Socket pull = ctx.socket(SocketType.PULL);
        String ep = pull.bind("tcp://127.0.0.1:*");
        Socket push = ctx.socket(SocketType.PUSH).set(SocketOption.LINGER, Duration.ZERO);
        push.connect(ep);
        sendOrFail(push, pooled("before"));
        assertEquals("before", receiveText(pull));
        pull.close();

        Socket again = ctx.socket(SocketType.PULL);
        assertEquals(ep, again.bind(ep));
        // What the PUSH sends before it notices the old connection is gone is lost with it (as in libzmq), so keep
        // sending until something arrives.
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String got = null;
        for (int i = 0; got == null; i++) {
            assertTrue(System.nanoTime() < deadline, "the PUSH never reconnected");
            sendOrFail(push, pooled("after " + i));
            try (Message m = again.receive(Duration.ofMillis(50))) {
                got = m == null ? null : TestSupport.text(m);
            }
        }
        assertTrue(got.startsWith("after "), got);
        TestSupport.drainQuietly(again);
    }

    @Test
    void bindingABusyPortFailsNamingTheEndpoint() {
        Socket first = ctx.socket(SocketType.PULL);
        String ep = first.bind("tcp://127.0.0.1:*");
        Socket second = ctx.socket(SocketType.PULL);
        BindFailedException e = assertThrows(BindFailedException.class, () -> second.bind(ep));
        assertTrue(e.getMessage().contains(ep), e.getMessage());
        assertEquals("", second.lastEndpoint(), "nothing was bound");
        Socket push = ctx.socket(SocketType.PUSH);
        push.connect(ep);
        sendOrFail(push, pooled("the first still listens"));
        assertEquals("the first still listens", receiveText(first));
    }

    /** unbind stops listening (new connections are refused) and closes the connections it accepted. */
    @Test
    void unbindClosesTheListenerAndItsConnections() throws IOException {
        Socket pull = ctx.socket(SocketType.PULL);
        String ep = pull.bind("tcp://127.0.0.1:*");
        try (RawZmtpPeer peer = RawZmtpPeer.connect(port(ep)).handshake("PUSH");
             RawZmtpPeer halfway = RawZmtpPeer.connect(port(ep))) {
            peer.sendTogether("hello");
            assertEquals("hello", receiveText(pull), "the raw peer is connected and handshaken");
            assertEquals((byte) 0xff, halfway.read(1)[0], "the second connection was accepted");

            pull.unbind(ep);
            assertTrue(peer.closedByPeerWithin(PATIENCE), "the established connection was closed");
            assertTrue(halfway.closedByPeerWithin(PATIENCE), "the connection still in its greeting was closed");
            assertThrows(ConnectException.class, () -> RawZmtpPeer.connect(port(ep)).close(),
                    "nobody listens any more");
        }
        assertThrows(IllegalArgumentException.class, () -> pull.unbind(ep), "already unbound");
    }

    @Test
    void unbindAcceptsTheEndpointAsRequested() throws IOException {
        Socket pull = ctx.socket(SocketType.PULL);
        String ep = pull.bind("tcp://127.0.0.1:*");
        pull.unbind("tcp://127.0.0.1:*");
        assertThrows(ConnectException.class, () -> RawZmtpPeer.connect(port(ep)).close());
    }

    /** disconnect closes the connection and stops reconnecting; before it, a dropped connection is re-made. */
    @Test
    void disconnectStopsReconnecting() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) PATIENCE.toMillis());
            String ep = "tcp://127.0.0.1:" + server.getLocalPort();
            Socket push = ctx.socket(SocketType.PUSH)
                    .set(SocketOption.RECONNECT_IVL, Duration.ofMillis(50))
                    .set(SocketOption.LINGER, Duration.ZERO);
            push.connect(ep);
            try (RawZmtpPeer first = RawZmtpPeer.accepted(server.accept())) {
                assertEquals((byte) 0xff, first.read(1)[0], "a ZMTP signature starts");
            }   // we drop the connection...
            try (RawZmtpPeer second = RawZmtpPeer.accepted(server.accept())) {   // ...and the PUSH comes back
                assertEquals((byte) 0xff, second.read(1)[0]);
                push.disconnect(ep);
                assertTrue(second.closedByPeerWithin(PATIENCE), "disconnect closed the connection");
            }
            server.setSoTimeout(1000);   // 20 reconnect intervals
            assertThrows(SocketTimeoutException.class, () -> server.accept().close(),
                    "the PUSH reconnected after disconnect");
        }
    }

    /** RECONNECT_IVL = INFINITE (libzmq's -1): a dropped connection is not re-made. */
    @Test
    void infiniteReconnectIntervalNeverReconnects() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) PATIENCE.toMillis());
            Socket push = ctx.socket(SocketType.PUSH)
                    .set(SocketOption.RECONNECT_IVL, SocketOption.INFINITE)
                    .set(SocketOption.LINGER, Duration.ZERO);
            push.connect("tcp://127.0.0.1:" + server.getLocalPort());
            try (RawZmtpPeer first = RawZmtpPeer.accepted(server.accept())) {
                assertEquals((byte) 0xff, first.read(1)[0]);
            }
            server.setSoTimeout(1000);   // ten default reconnect intervals
            assertThrows(SocketTimeoutException.class, () -> server.accept().close(), "the PUSH reconnected");
        }
    }

    /** A peer that never completes its handshake is dropped after HANDSHAKE_IVL. */
    @Test
    void silentPeerIsDroppedAfterHandshakeInterval() throws IOException {
        Socket pull = ctx.socket(SocketType.PULL).set(SocketOption.HANDSHAKE_IVL, Duration.ofMillis(300));
        String ep = pull.bind("tcp://127.0.0.1:*");
        try (RawZmtpPeer silent = RawZmtpPeer.connect(port(ep))) {
            long start = System.nanoTime();
            assertTrue(silent.closedByPeerWithin(PATIENCE), "never dropped");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 250, "dropped after " + millis + " ms, before HANDSHAKE_IVL");
        }
    }

    /** disconnect discards what was queued for the endpoint: the pipe is gone and its messages are released. */
    @Test
    void disconnectDiscardsQueuedMessages() throws Exception {
        TestSupport.assertNoLeaks(() -> {
            String ep = "tcp://127.0.0.1:" + freePort();
            Socket push = ctx.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 3);
            push.connect(ep);
            for (int i = 0; i < 3; i++) {
                assertTrue(push.trySend(pooled("doomed " + i)));
            }
            push.disconnect(ep);
            try (Message m = pooled("no pipe left")) {
                assertFalse(push.trySend(m));
            }
            long start = System.nanoTime();
            push.close();
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "close did not linger over discarded messages");
        });
    }

    /**
     * A PULL with MAXMSGSIZE drops a connection that brings a larger frame; messages up to the limit pass, and the PUSH
     * (which sees only its connection close, as with libzmq, ZMTP.md §11) reconnects so that traffic resumes.
     */
    @Test
    void maxMsgSizeDropsTheConnectionAndThePushReconnects() {
        Socket pull = ctx.socket(SocketType.PULL).set(SocketOption.MAXMSGSIZE, 100L);
        Socket push = ctx.socket(SocketType.PUSH)
                .set(SocketOption.RECONNECT_IVL, Duration.ofMillis(50))
                .set(SocketOption.LINGER, Duration.ZERO);
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        sendOrFail(push, pooledBytes(100, (byte) 'a'));
        try (Message m = pull.receive(PATIENCE)) {
            assertNotNull(m, "a frame of exactly MAXMSGSIZE bytes passes");
            assertEquals(100, m.frame(0).size());
        }
        sendOrFail(push, pooledBytes(101, (byte) 'b'));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            assertTrue(System.nanoTime() < deadline, "the PUSH never reconnected after its connection was dropped");
            sendOrFail(push, pooledBytes(10, (byte) 'c'));
            try (Message m = pull.receive(Duration.ofMillis(50))) {
                if (m != null) {
                    assertTrue(m.frame(0).size() <= 100, "an oversized frame was delivered: " + m);
                    assertArrayEquals(filled(10, (byte) 'c'), m.frame(0).toBytes());
                    break;
                }
            }
        }
        TestSupport.drainQuietly(pull);
    }

    /**
     * After a permanent failure (here: the peer's socket type is incompatible, ZMTP.md §6 and §11) libzmq terminates
     * the session and its pipe, so the endpoint stops taking messages. A PUSH connected to a PAIR and to a PULL must
     * then deliver everything to the PULL instead of dealing every other message to a pipe that never drains.
     */
    @Test
    void permanentlyFailedEndpointStopsTakingMessages() {
        Socket pair = ctx.socket(SocketType.PAIR);
        Socket pull = ctx.socket(SocketType.PULL);
        Socket push = ctx.socket(SocketType.PUSH).set(SocketOption.LINGER, Duration.ZERO);
        push.connect(pair.bind("tcp://127.0.0.1:*"));
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        // Messages dealt to the PAIR's pipe before its handshake fails are lost, as in libzmq; after that, every
        // message must reach the PULL: wait for a run of 20 in a row.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int inARow = 0;
        int longest = 0;
        for (int i = 0; inARow < 20; i++) {
            assertTrue(System.nanoTime() < deadline, "after " + i + " messages, they still go to the failed endpoint"
                    + " (longest run reaching the PULL: " + longest + ")");
            sendOrFail(push, pooled("m" + i));
            try (Message m = pull.receive(Duration.ofMillis(100))) {
                inARow = m == null ? 0 : inARow + 1;
                longest = Math.max(longest, inARow);
            }
        }
        TestSupport.drainQuietly(pull);
    }

    private static byte[] filled(int n, byte b) {
        byte[] a = new byte[n];
        Arrays.fill(a, b);
        return a;
    }
}
