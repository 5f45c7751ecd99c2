package io.jzmtp;

import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.jzmtp.TestSupport.PATIENCE;
import static io.jzmtp.TestSupport.awaitParked;
import static io.jzmtp.TestSupport.freePort;
import static io.jzmtp.TestSupport.pooled;
import static io.jzmtp.TestSupport.port;
import static io.jzmtp.TestSupport.receiveText;
import static io.jzmtp.TestSupport.sendOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closing sockets and contexts (LINGER, waking blocked threads, releasing what is queued) and interrupting blocked
 * calls, over loopback.
 */
class CloseAndInterruptIT {

    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** Runs {@code body} on a new thread and returns what it threw (or null) once it ends. */
    private static CompletableFuture<Throwable> inThread(String name, ThrowingRunnable body, Thread[] started) {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        }, name);
        started[0] = t;
        t.start();
        return outcome;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    // ---- close wakes blocked threads -------------------------------------------------------------------------------

    @Test
    void closeWakesABlockedReceive() throws Exception {
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:*");
        Thread[] t = new Thread[1];
        CompletableFuture<Throwable> outcome = inThread("receiver", pull::receive, t);
        awaitParked(t[0]);
        pull.close();
        Throwable e = outcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        SocketClosedException closed = assertInstanceOf(SocketClosedException.class, e);
        assertTrue(closed.getMessage().contains("receive"), closed.getMessage());
    }

    @Test
    void closeWakesABlockedSendAndTheCallerKeepsTheMessage() throws Exception {
        Socket push = ctx.socket(SocketType.PUSH);
        push.bind("tcp://127.0.0.1:*");   // no peer, so no pipe: send blocks
        Message m = pooled("mine still");
        Thread[] t = new Thread[1];
        CompletableFuture<Throwable> outcome = inThread("sender", () -> push.send(m), t);
        awaitParked(t[0]);
        push.close();
        Throwable e = outcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertInstanceOf(SocketClosedException.class, e);
        assertTrue(e.getMessage().contains("send"), e.getMessage());
        try (m) {
            assertEquals("mine still", m.frame(0).toUtf8());
        }
    }

    // ---- LINGER ----------------------------------------------------------------------------------------------------

    @Test
    void closeWaitsAtMostLingerWhenThePeerNeverComes() throws Exception {
        TestSupport.assertNoLeaks(() -> {
            Socket push = ctx.socket(SocketType.PUSH).set(SocketOption.LINGER, Duration.ofMillis(200));
            push.connect("tcp://127.0.0.1:" + freePort());
            for (int i = 0; i < 10; i++) {
                assertTrue(push.trySend(pooled("undeliverable " + i)));
            }
            long start = System.nanoTime();
            push.close();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 190, "closed after " + millis + " ms, before LINGER was up");
            assertTrue(millis < 2000, "closed after " + millis + " ms, long after LINGER (200 ms)");
        });
    }

    @Test
    void zeroLingerClosesAtOnceAndReleasesTheQueue() throws Exception {
        TestSupport.assertNoLeaks(() -> {
            Socket push = ctx.socket(SocketType.PUSH).set(SocketOption.LINGER, Duration.ZERO);
            push.connect("tcp://127.0.0.1:" + freePort());
            for (int i = 0; i < 10; i++) {
                assertTrue(push.trySend(pooled("undeliverable " + i)));
            }
            long start = System.nanoTime();
            push.close();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 1000, "LINGER 0 took " + millis + " ms");
        });
    }

    /**
     * The owner closes a socket while another thread closes the context (a shutdown hook, a JeroMQ term): whichever
     * begins first, neither throws and nothing queued leaks. The context's close waits for the owner's close to end
     * before it stops the I/O threads; once it returned early and the owner's close then failed on a stopped I/O
     * thread (RejectedExecutionException). A race, so tried many times; it cannot fail when the code is right.
     */
    @Test
    void theOwnersCloseRacingTheContextsCloseNeverFailsAndLeaksNothing() throws Exception {
        TestSupport.assertNoLeaks(() -> {
            for (int round = 0; round < 40; round++) {
                Context context = Context.create();
                Socket push = context.socket(SocketType.PUSH).set(SocketOption.LINGER, Duration.ZERO);
                push.connect("tcp://127.0.0.1:" + freePort());   // nobody there: the messages stay queued
                for (int i = 0; i < 5; i++) {
                    assertTrue(push.trySend(pooled("queued " + i)));
                }
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                Thread[] t = new Thread[2];
                CompletableFuture<Throwable> owner = inThread("owner", () -> {
                    go.await();
                    push.close();
                }, t);
                CompletableFuture<Throwable> hook = inThread("hook", () -> {
                    go.await();
                    context.close();
                }, new Thread[1]);
                go.countDown();
                assertNull(owner.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "round " + round);
                assertNull(hook.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "round " + round);
                assertTrue(push.isClosed());
            }
        });
    }

    /** The default LINGER lets queued messages go out: send 10k, close at once, and the PULL gets all of them. */
    @Test
    void defaultLingerFlushesBeforeClosing() {
        Socket pull = ctx.socket(SocketType.PULL);
        String ep = pull.bind("tcp://127.0.0.1:*");
        Socket push = ctx.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 0);
        push.connect(ep);
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            assertTrue(push.trySend(pooled("m", Integer.toString(i))));
        }
        push.close();
        for (int i = 0; i < n; i++) {
            try (Message m = pull.receive(PATIENCE)) {
                assertNotNull(m, "message " + i + " of " + n + " was lost on close");
                assertEquals(Integer.toString(i), m.frame(1).toUtf8());
            }
        }
    }

    @Test
    void contextCloseClosesEverySocketPromptly() throws Exception {
        Context other = Context.create();
        Socket pull = other.socket(SocketType.PULL);
        String ep = pull.bind("tcp://127.0.0.1:*");
        Socket push = other.socket(SocketType.PUSH);
        push.connect(ep);
        Socket pair = other.socket(SocketType.PAIR);
        pair.connect("tcp://127.0.0.1:" + freePort());   // reconnecting in the background
        sendOrFail(push, pooled("hello"));
        assertEquals("hello", receiveText(pull));
        Thread[] t = new Thread[1];
        CompletableFuture<Throwable> outcome = inThread("receiver", pull::receive, t);
        awaitParked(t[0]);

        long start = System.nanoTime();
        other.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 3000, "context close took " + millis + " ms");
        assertTrue(pull.isClosed() && push.isClosed() && pair.isClosed());
        assertInstanceOf(SocketClosedException.class, outcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * A socket closed with messages still unread must release them. Deterministic: the raw peer writes two messages in
     * one system call, so the I/O thread puts both into the pipe in one read; we read the first and close.
     */
    @Test
    void closeReleasesUnreadMessages() throws Exception {
        TestSupport.assertNoLeaks(() -> {
            Socket pull = ctx.socket(SocketType.PULL);
            String ep = pull.bind("tcp://127.0.0.1:*");
            try (RawZmtpPeer peer = RawZmtpPeer.connect(port(ep)).handshake("PUSH")) {
                peer.sendTogether("first", "second, never read");
                assertEquals("first", receiveText(pull));
                pull.close();
            }
        });
    }

    /** Same on the connecting side, whose pipe outlives connections. */
    @Test
    void closeReleasesUnreadMessagesOnTheConnectingSide() throws Exception {
        TestSupport.assertNoLeaks(() -> {
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                server.setSoTimeout((int) PATIENCE.toMillis());
                Socket pull = ctx.socket(SocketType.PULL);
                pull.connect("tcp://127.0.0.1:" + server.getLocalPort());
                try (RawZmtpPeer peer = RawZmtpPeer.accepted(server.accept()).handshake("PUSH")) {
                    peer.sendTogether("first", "second, never read");
                    assertEquals("first", receiveText(pull));
                    pull.close();
                }
            }
        });
    }

    /**
     * Messages that arrived on a connection which has since been closed stay readable (see below), and a socket
     * closed without reading them must still release them. Here unbind detaches the pipe before the close.
     */
    @Test
    void closeReleasesUnreadMessagesOfAnUnboundConnection() throws Exception {
        TestSupport.assertNoLeaks(() -> {
            Socket pull = ctx.socket(SocketType.PULL);
            String ep = pull.bind("tcp://127.0.0.1:*");
            try (RawZmtpPeer peer = RawZmtpPeer.connect(port(ep)).handshake("PUSH")) {
                peer.sendTogether("first", "second, never read");
                assertEquals("first", receiveText(pull));
                pull.unbind(ep);
            }
            pull.close();
        });
    }

    /** Same, when the peer goes away by itself: what it sent is still delivered after it left. */
    @Test
    void messagesOfAPeerThatLeftAreStillDelivered() throws Exception {
        Socket pull = ctx.socket(SocketType.PULL);
        String ep = pull.bind("tcp://127.0.0.1:*");
        try (RawZmtpPeer peer = RawZmtpPeer.connect(port(ep)).handshake("PUSH")) {
            peer.sendTogether("one", "two", "three");
        }
        assertEquals("one", receiveText(pull));
        assertEquals("two", receiveText(pull));
        assertEquals("three", receiveText(pull));
    }

    // ---- interrupts ------------------------------------------------------------------------------------------------

    @Test
    void interruptedReceiveThrowsAndTheSocketStillWorks() throws Exception {
        Socket pull = ctx.socket(SocketType.PULL);
        String ep = pull.bind("tcp://127.0.0.1:*");
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        AtomicReference<String> afterwards = new AtomicReference<>();
        Thread[] t = new Thread[1];
        CompletableFuture<Throwable> firstOutcome = new CompletableFuture<>();
        CompletableFuture<Throwable> outcome = inThread("receiver", () -> {
            try {
                pull.receive();
                firstOutcome.complete(null);
            } catch (SocketInterruptedException e) {
                flagAfter.set(Thread.currentThread().isInterrupted());
                firstOutcome.complete(e);
                Thread.interrupted();
                afterwards.set(pull.receiveString());
            }
        }, t);
        awaitParked(t[0]);
        t[0].interrupt();
        Throwable e = firstOutcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        SocketInterruptedException interrupted = assertInstanceOf(SocketInterruptedException.class, e);
        assertTrue(interrupted.getMessage().contains("receive"), interrupted.getMessage());
        assertInstanceOf(InterruptedException.class, interrupted.getCause());
        assertEquals(Boolean.TRUE, flagAfter.get(), "the interrupt flag is set again");

        Socket push = ctx.socket(SocketType.PUSH);
        push.connect(ep);
        sendOrFail(push, pooled("after the interrupt"));
        assertNull(outcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals("after the interrupt", afterwards.get());
    }

    @Test
    void interruptedSendThrowsKeepsTheMessageAndTheSocketStillWorks() throws Exception {
        Socket push = ctx.socket(SocketType.PUSH);
        String ep = push.bind("tcp://127.0.0.1:*");   // no peer: send blocks
        Message m = pooled("still mine");
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        Thread[] t = new Thread[1];
        CompletableFuture<Throwable> outcome = inThread("sender", () -> {
            try {
                push.send(m);
            } finally {
                flagAfter.set(Thread.currentThread().isInterrupted());
            }
        }, t);
        awaitParked(t[0]);
        t[0].interrupt();
        Throwable e = outcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        SocketInterruptedException interrupted = assertInstanceOf(SocketInterruptedException.class, e);
        assertTrue(interrupted.getMessage().contains("send"), interrupted.getMessage());
        assertEquals(Boolean.TRUE, flagAfter.get(), "the interrupt flag is set again");
        assertEquals(1, m.size(), "the message stays with the caller");

        Socket pull = ctx.socket(SocketType.PULL);
        pull.connect(ep);
        sendOrFail(push, m);   // the same message, now that there is a peer
        assertEquals("still mine", receiveText(pull));
    }

    @Test
    void interruptFlagSetBeforeABlockingCallIsHonoured() {
        Socket pull = ctx.socket(SocketType.PULL);
        Thread.currentThread().interrupt();
        try {
            SocketInterruptedException e = assertThrows(SocketInterruptedException.class,
                    () -> pull.receive(Duration.ofSeconds(30)));
            assertTrue(Thread.currentThread().isInterrupted());
            assertTrue(e.getMessage().contains("receive"), e.getMessage());
        } finally {
            Thread.interrupted();
        }
        assertNull(pull.receive(Duration.ofMillis(1)), "usable afterwards");
    }

    // ---- virtual threads -------------------------------------------------------------------------------------------

    /**
     * Blocking calls on a virtual thread (JDK 21+). The build targets Java 17, so the thread is made reflectively and
     * the test is skipped on a JDK without virtual threads.
     */
    @Test
    void blockingCallsWorkOnVirtualThreads() throws Exception {
        Method ofVirtual;
        try {
            ofVirtual = Thread.class.getMethod("ofVirtual");
        } catch (NoSuchMethodException e) {
            Assumptions.abort("this JDK (" + Runtime.version() + ") has no virtual threads");
            return;
        }
        Object builder = ofVirtual.invoke(null);
        Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        Socket pull = ctx.socket(SocketType.PULL);
        String ep = pull.bind("tcp://127.0.0.1:*");
        CompletableFuture<String> got = new CompletableFuture<>();
        Thread vt = (Thread) start.invoke(builder, (Runnable) () -> {
            try {
                got.complete(pull.receiveString());
            } catch (Throwable e) {
                got.completeExceptionally(e);
            }
        });
        awaitParked(vt);
        Socket push = ctx.socket(SocketType.PUSH);
        push.connect(ep);
        sendOrFail(push, pooled("to a virtual thread"));
        assertEquals("to a virtual thread", got.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        assertFalse(vt.isAlive() && !got.isDone());
    }
}
