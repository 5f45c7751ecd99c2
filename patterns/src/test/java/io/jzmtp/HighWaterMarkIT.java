package io.jzmtp;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jzmtp.TestSupport.PATIENCE;
import static io.jzmtp.TestSupport.freePort;
import static io.jzmtp.TestSupport.pooled;
import static io.jzmtp.TestSupport.receiveText;
import static io.jzmtp.TestSupport.sendOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** High-water marks (ZMTP.md §15): per-pipe message limits, the connect-side pipe, IMMEDIATE, and back-pressure. */
class HighWaterMarkIT {

    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** A PUSH connecting to nobody still has its pipe: SNDHWM messages queue, then sending would block. */
    @Test
    void connectSidePipeQueuesUpToSndhwm() {
        Socket push = ctx.socket(SocketType.PUSH)
                .set(SocketOption.SNDHWM, 5)
                .set(SocketOption.LINGER, Duration.ZERO);   // nobody will take them; close must not wait
        push.connect("tcp://127.0.0.1:" + freePort());
        for (int i = 0; i < 5; i++) {
            assertTrue(push.trySend(pooled("queued " + i)), "message " + i + " fits under SNDHWM");
        }
        try (Message m = pooled("one too many")) {
            assertFalse(push.trySend(m));
            assertEquals("one too many", m.frame(0).toUtf8(), "the caller still owns it");
        }
    }

    /** A blocking send at SNDHWM gives up after SNDTIMEO and leaves the message with the caller. */
    @Test
    void blockingSendTimesOutAfterSndtimeo() {
        Socket push = ctx.socket(SocketType.PUSH)
                .set(SocketOption.SNDHWM, 1)
                .set(SocketOption.LINGER, Duration.ZERO)
                .set(SocketOption.SNDTIMEO, Duration.ofMillis(200));
        push.connect("tcp://127.0.0.1:" + freePort());
        assertTrue(push.send(pooled("fills the pipe")));
        try (Message m = pooled("waits", "in vain")) {
            long start = System.nanoTime();
            assertFalse(push.send(m));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 190 && millis < 5000, "returned after " + millis + " ms");
            assertEquals(2, m.size());
            assertEquals("in vain", m.frame(1).toUtf8(), "the caller still owns the whole message");
        }
    }

    /** Queued messages are delivered once the peer appears, in order. */
    @Test
    void queuedMessagesFlowOnceThePeerBinds() {
        int port = freePort();
        Socket push = ctx.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 5);
        push.connect("tcp://127.0.0.1:" + port);
        for (int i = 0; i < 5; i++) {
            assertTrue(push.trySend(pooled("early " + i)));
        }
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:" + port);
        for (int i = 0; i < 5; i++) {
            assertEquals("early " + i, receiveText(pull));
        }
    }

    /** With IMMEDIATE there is no pipe before the connection is up, so nothing can be queued for it. */
    @Test
    void immediateQueuesNothingBeforeTheConnection() {
        int port = freePort();
        Socket push = ctx.socket(SocketType.PUSH).set(SocketOption.IMMEDIATE, true);
        push.connect("tcp://127.0.0.1:" + port);
        try (Message m = pooled("nowhere to go")) {
            assertFalse(push.trySend(m), "no pipe until connected");
            long start = System.nanoTime();
            assertFalse(push.send(m, Duration.ofMillis(100)));
            assertTrue(System.nanoTime() - start >= 90_000_000L, "waited for a pipe");
        }
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:" + port);
        // The PUSH retries every RECONNECT_IVL; the send completes once the connection has its pipe.
        sendOrFail(push, pooled("connected now"));
        assertEquals("connected now", receiveText(pull));
    }

    /**
     * A PULL that stops reading pushes back on the PUSH: after a bounded number of sends (both HWMs plus what the
     * socket buffers hold) the PUSH blocks, and it resumes as soon as the PULL reads.
     */
    @Test
    void slowPullBlocksPushThenReleasesIt() throws Exception {
        Socket pull = ctx.socket(SocketType.PULL).set(SocketOption.RCVHWM, 10);
        Socket push = ctx.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 10);
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        int sent = PushPullRoutingIT.fillUntilBlocked(push, "m");
        assertTrue(sent >= 20, "at least both HWMs fit before blocking, sent " + sent);

        CompletableFuture<Boolean> unblocked = CompletableFuture.supplyAsync(() -> {
            Message m = pooled("m-" + sent);
            m.add(Frame.of(new byte[16]));
            boolean ok = push.send(m, PATIENCE);
            if (!ok) {
                m.close();
            }
            return ok;
        });
        for (int i = 0; i <= sent; i++) {
            try (Message m = pull.receive(PATIENCE)) {
                assertNotNull(m, "message " + i + " of " + (sent + 1));
                assertEquals("m-" + i, m.frame(0).toUtf8());
            }
        }
        assertTrue(unblocked.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "the blocked send completed");
    }

    /** SNDHWM 0 means no limit. */
    @Test
    void zeroHwmIsUnlimited() {
        Socket push = ctx.socket(SocketType.PUSH)
                .set(SocketOption.SNDHWM, 0)
                .set(SocketOption.LINGER, Duration.ZERO);
        push.connect("tcp://127.0.0.1:" + freePort());
        for (int i = 0; i < 5000; i++) {
            assertTrue(push.trySend(pooled("unbounded")), "message " + i);
        }
    }
}
