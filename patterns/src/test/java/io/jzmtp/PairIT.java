package io.jzmtp;

import io.jzmtp.msg.Message;
import io.jzmtp.wire.ZmtpError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jzmtp.TestSupport.PATIENCE;
import static io.jzmtp.TestSupport.pooled;
import static io.jzmtp.TestSupport.receiveText;
import static io.jzmtp.TestSupport.sendOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PAIR (RFC 31) over loopback: both directions, one peer at a time. */
class PairIT {

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
    void bothDirections() {
        Socket a = ctx.socket(SocketType.PAIR);
        Socket b = ctx.socket(SocketType.PAIR);
        b.connect(a.bind("tcp://127.0.0.1:*"));
        for (int i = 0; i < 100; i++) {
            sendOrFail(b, pooled("ping", Integer.toString(i)));
            assertEquals("ping|" + i, receiveText(a));
            sendOrFail(a, pooled("pong", Integer.toString(i)));
            assertEquals("pong|" + i, receiveText(b));
        }
    }

    /**
     * receiveString() is for single-frame text: a multipart message is refused loudly (frames are never glued together
     * into one string), and the next single-frame message still reads normally.
     */
    @Test
    void receiveStringRefusesMultipartMessagesAndNamesTheFrameCount() {
        Socket a = ctx.socket(SocketType.PAIR);
        Socket b = ctx.socket(SocketType.PAIR);
        b.connect(a.bind("tcp://127.0.0.1:*"));
        a.set(SocketOption.RCVTIMEO, PATIENCE);
        sendOrFail(b, pooled("weather", "sunny 0"));
        sendOrFail(b, pooled("plain text"));
        IllegalStateException e = assertThrows(IllegalStateException.class, a::receiveString);
        assertTrue(e.getMessage().contains("2 frames") && e.getMessage().contains("receive()"), e.getMessage());
        assertEquals("plain text", a.receiveString());
    }

    /** One thread blocked in receive() must not hold up another thread sending on the same socket. */
    @Test
    void fullDuplexFromTwoThreads() throws Exception {
        Socket a = ctx.socket(SocketType.PAIR);
        Socket b = ctx.socket(SocketType.PAIR);
        b.connect(a.bind("tcp://127.0.0.1:*"));
        int n = 1000;
        CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
            int count = 0;
            for (int i = 0; i < n; i++) {
                assertEquals("echo " + i, receiveText(a));   // blocks between echoes
                count++;
            }
            return count;
        });
        for (int i = 0; i < n; i++) {
            sendOrFail(a, pooled("echo " + i));   // while the other thread waits in a.receive()
        }
        for (int i = 0; i < n; i++) {
            try (Message m = b.receive(PATIENCE)) {
                assertNotNull(m);
                sendOrFail(b, pooled(TestSupport.text(m)));
            }
        }
        assertEquals(n, received.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void eachSideSeesTheOthersMetadata() {
        Socket a = ctx.socket(SocketType.PAIR).set(SocketOption.METADATA, Map.of("X-Side", "A"));
        Socket b = ctx.socket(SocketType.PAIR).set(SocketOption.METADATA, Map.of("X-Side", "B"));
        b.connect(a.bind("tcp://127.0.0.1:*"));
        sendOrFail(b, pooled("from b"));
        try (Message m = a.receive(PATIENCE)) {
            assertNotNull(m);
            assertEquals("B", m.metadata().get("X-Side").orElse(null));
            assertEquals("PAIR", m.metadata().socketType().orElse(null));
        }
        sendOrFail(a, pooled("from a"));
        try (Message m = b.receive(PATIENCE)) {
            assertNotNull(m);
            assertEquals("A", m.metadata().get("X-Side").orElse(null));
            assertEquals("127.0.0.1", m.metadata().peerAddress().orElse(null));
        }
    }

    /**
     * A second PAIR is refused while the first is connected (what the bound PAIR sends reaches only the first), and is
     * accepted once the first leaves (the refused one keeps reconnecting every RECONNECT_IVL).
     */
    @Test
    void secondPeerIsRefusedUntilTheFirstLeaves() {
        Socket a = ctx.socket(SocketType.PAIR);
        String ep = a.bind("tcp://127.0.0.1:*");
        Socket first = ctx.socket(SocketType.PAIR);
        first.connect(ep);
        sendOrFail(first, pooled("hello from first"));
        assertEquals("hello from first", receiveText(a));   // first is a's peer now

        Socket second = ctx.socket(SocketType.PAIR);
        second.connect(ep);
        for (int i = 0; i < 20; i++) {
            sendOrFail(a, pooled("to the peer " + i));
            assertEquals("to the peer " + i, receiveText(first));
        }
        try (Message m = second.receive(Duration.ofMillis(300))) {
            assertNull(m, "the second PAIR must not be served while the first is connected");
        }

        first.close();
        // Until a notices that first left, what it sends still goes to first's dying connection and is lost (as in
        // libzmq); so send until something reaches the second PAIR.
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String got = null;
        for (int i = 0; got == null; i++) {
            assertTrue(System.nanoTime() < deadline, "the second PAIR was never accepted");
            sendOrFail(a, pooled("to the second " + i));
            try (Message m = second.receive(Duration.ofMillis(50))) {
                got = m == null ? null : TestSupport.text(m);
            }
        }
        assertTrue(got.startsWith("to the second "), got);
        sendOrFail(second, pooled("second says hi"));
        assertEquals("second says hi", receiveText(a));
        TestSupport.drainQuietly(second);   // more of the retries may be in flight
    }

    @Test
    void connectingPairHasOnePeer() {
        Socket a = ctx.socket(SocketType.PAIR);
        Socket other = ctx.socket(SocketType.PAIR);
        a.connect(other.bind("tcp://127.0.0.1:*"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.connect("tcp://127.0.0.1:1"));
        assertTrue(e.getMessage().contains("PAIR") && e.getMessage().contains("'tcp://127.0.0.1:1'"), e.getMessage());
        sendOrFail(a, pooled("still works"));
        assertEquals("still works", receiveText(other));
    }

    /**
     * A PUSH is not a PAIR's peer: the handshake fails on the socket type, and what the PUSH queued is never
     * delivered. (Whether the send is queued at all depends on whether the refusal has already come back, which is
     * a race the test does not depend on.)
     */
    @Test
    void pairIncompatibleWithPushIsNeverServed() throws Exception {
        Socket pair = ctx.socket(SocketType.PAIR);
        String ep = pair.bind("tcp://127.0.0.1:*");
        Socket push = ctx.socket(SocketType.PUSH).set(SocketOption.LINGER, Duration.ZERO);
        CompletableFuture<SocketEvent.HandshakeFailed> refused = new CompletableFuture<>();
        push.monitor(e -> {
            if (e instanceof SocketEvent.HandshakeFailed f) {
                refused.complete(f);
            }
        });
        push.connect(ep);
        Message m = pooled("wrong peer type");
        if (!push.trySend(m)) {
            m.close();
        }
        assertEquals(ZmtpError.INCOMPATIBLE_PEER, refused.get(10, TimeUnit.SECONDS).reason());
        try (Message got = pair.tryReceive()) {
            assertNull(got, "a PUSH is not a PAIR's peer (ZMTP.md §6)");
        }
    }
}
