package io.jzmtp;

import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static io.jzmtp.TestSupport.PATIENCE;
import static io.jzmtp.TestSupport.pooled;
import static io.jzmtp.TestSupport.receiveText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code receiveAsync} and {@code sendAsync} over loopback: completion, order, ownership, cancellation, close. */
class AsyncApiIT {

    private Context ctx;
    private Socket pull;
    private Socket push;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
        pull = ctx.socket(SocketType.PULL);
        push = ctx.socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:*"));
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void aReceiveCompletesWhenTheMessageArrivesAndNotOnAnIoThread() throws Exception {
        AtomicReference<String> thread = new AtomicReference<>();
        CompletableFuture<String> text = pull.receiveAsync().thenApply(m -> {
            thread.set(Thread.currentThread().getName());
            try (m) {
                return m.first().toUtf8();
            }
        });
        assertFalse(text.isDone(), "nothing has been sent yet");
        assertTrue(push.send(pooled("hello")));
        assertEquals("hello", text.get(10, TimeUnit.SECONDS));
        assertFalse(thread.get().startsWith("jzmtp-io"), "the continuation ran on " + thread.get());
    }

    @Test
    void aReceiveWithAMessageWaitingCompletesAtOnce() throws Exception {
        assertTrue(push.send(pooled("already here")));
        assertEquals("already here", receiveText(pull));   // the pipe is up and delivering
        assertTrue(push.send(pooled("second")));
        TestSupport.await(() -> pull.canReceive(), PATIENCE, "the second message is queued");
        CompletableFuture<Message> f = pull.receiveAsync();
        assertTrue(f.isDone(), "completed on the calling thread");
        try (Message m = f.get()) {
            assertEquals("second", m.first().toUtf8());
        }
    }

    @Test
    void receivesCompleteInTheOrderTheyWereAskedFor() throws Exception {
        List<CompletableFuture<Message>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(pull.receiveAsync());
        }
        for (int i = 0; i < 20; i++) {
            assertTrue(push.send(pooled("m" + i)));
        }
        for (int i = 0; i < 20; i++) {
            try (Message m = futures.get(i).get(10, TimeUnit.SECONDS)) {
                assertEquals("m" + i, m.first().toUtf8());
            }
        }
    }

    /** A receive future that times out takes no message with it: the message goes to the next receive. */
    @Test
    void aReceiveThatTimedOutTakesNoMessage() throws Exception {
        CompletableFuture<Message> f = pull.receiveAsync().orTimeout(50, TimeUnit.MILLISECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(push.send(pooled("after the timeout")));
        assertEquals("after the timeout", receiveText(pull));
    }

    @Test
    void aCancelledReceiveTakesNoMessage() {
        CompletableFuture<Message> f = pull.receiveAsync();
        assertTrue(f.cancel(false));
        assertTrue(push.send(pooled("for the next receive")));
        assertEquals("for the next receive", receiveText(pull));
    }

    /** A continuation may use the socket again: futures complete outside the socket's lock. */
    @Test
    void aContinuationMayCallTheSocketAgain() throws Exception {
        CompletableFuture<String> second = pull.receiveAsync().thenCompose(first -> {
            first.close();
            return pull.receiveAsync();
        }).thenApply(m -> {
            try (m) {
                return m.first().toUtf8();
            }
        });
        assertTrue(push.send(pooled("one")));
        assertTrue(push.send(pooled("two")));
        assertEquals("two", second.get(10, TimeUnit.SECONDS));
    }

    /** A send at SNDHWM waits in its future, not in a thread, and completes once the peer drains. */
    @Test
    void aSendAtTheHighWaterMarkCompletesOnceThereIsRoom() throws Exception {
        try (Context other = Context.create()) {
            Socket target = other.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 1);   // no peer yet: queues 1
            int port = TestSupport.freePort();
            target.connect("tcp://127.0.0.1:" + port);
            assertTrue(target.sendAsync(pooled("first")).get(10, TimeUnit.SECONDS));
            CompletableFuture<Boolean> second = target.sendAsync(pooled("second"));
            assertFalse(second.isDone(), "the pipe is full until a peer connects");
            Socket sink = other.socket(SocketType.PULL);
            sink.bind("tcp://127.0.0.1:" + port);
            assertTrue(second.get(10, TimeUnit.SECONDS));
            assertEquals("first", receiveText(sink));
            assertEquals("second", receiveText(sink));
        }
    }

    /** Closing fails what still waits, and a pending send's message is released (pooled: the leak check sees it). */
    @Test
    void closeFailsPendingCallsWithSocketClosed() {
        Socket lonely = ctx.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 1).set(SocketOption.LINGER,
                Duration.ZERO);
        lonely.connect("tcp://127.0.0.1:" + TestSupport.freePort());
        lonely.sendAsync(pooled("fills the pipe"));
        CompletableFuture<Boolean> waiting = lonely.sendAsync(pooled("waits"));
        CompletableFuture<Message> receive = pull.receiveAsync();
        lonely.close();
        pull.close();
        ExecutionException s = assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
        assertInstanceOf(SocketClosedException.class, s.getCause());
        ExecutionException r = assertThrows(ExecutionException.class, () -> receive.get(10, TimeUnit.SECONDS));
        assertInstanceOf(SocketClosedException.class, r.getCause());
        CompletableFuture<Boolean> late = lonely.sendAsync(pooled("after close"));
        assertTrue(late.isCompletedExceptionally(), "a closed socket refuses at once, and releases the message");
    }

    /** Blocking and asynchronous receives from different threads share one queue: each message goes to one of them. */
    @Test
    void blockingAndAsyncReceivesShareTheMessages() throws Exception {
        int n = 200;
        CompletableFuture<Integer> blocking = CompletableFuture.supplyAsync(() -> {
            int got = 0;
            Message m;
            while ((m = pull.receive(Duration.ofMillis(500))) != null) {
                m.close();
                got++;
            }
            return got;
        });
        List<CompletableFuture<Message>> async = new ArrayList<>();
        for (int i = 0; i < n / 2; i++) {
            async.add(pull.receiveAsync());
        }
        for (int i = 0; i < n; i++) {
            assertTrue(push.send(pooled("m" + i)));
        }
        int asyncGot = 0;
        for (CompletableFuture<Message> f : async) {
            try (Message m = f.get(10, TimeUnit.SECONDS)) {
                assertNotNull(m);
                asyncGot++;
            }
        }
        assertEquals(n, asyncGot + blocking.get(30, TimeUnit.SECONDS), "every message delivered exactly once");
    }
}
