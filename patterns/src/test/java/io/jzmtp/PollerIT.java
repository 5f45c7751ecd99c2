package io.jzmtp;

import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.jzmtp.TestSupport.PATIENCE;
import static io.jzmtp.TestSupport.awaitParked;
import static io.jzmtp.TestSupport.freePort;
import static io.jzmtp.TestSupport.pooled;
import static io.jzmtp.TestSupport.receiveText;
import static io.jzmtp.TestSupport.sendOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Poller} over real loopback sockets: waking, timeouts, writability at HWM, close and interrupt. */
class PollerIT {

    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** Runs {@code body} on a new thread named {@code name}; the future holds its result or what it threw. */
    private static <T> CompletableFuture<T> inThread(String name, Callable<T> body, Thread[] started) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                outcome.complete(body.call());
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        }, name);
        started[0] = t;
        t.start();
        return outcome;
    }

    private static Throwable failureOf(CompletableFuture<?> outcome) throws Exception {
        try {
            Object result = outcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, got " + result);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** A PULL with a connected PUSH: {@code pair[0]} is the PULL, {@code pair[1]} the PUSH. */
    private Socket[] pipeline() {
        Socket pull = ctx.socket(SocketType.PULL);
        Socket push = ctx.socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        return new Socket[] {pull, push};
    }

    @Test
    void wakesOnTheFirstMessageFromEitherOfTwoPulls() throws Exception {
        Socket[] a = pipeline();
        Socket[] b = pipeline();
        Poller poller = new Poller().register(a[0], Poller.Event.READABLE).register(b[0], Poller.Event.READABLE);
        try (poller) {
            Thread[] t = new Thread[1];
            CompletableFuture<Integer> polled = inThread("poller", () -> poller.poll(SocketOption.INFINITE), t);
            awaitParked(t[0]);
            assertFalse(polled.isDone(), "nothing was sent yet");
            sendOrFail(b[1], pooled("from b"));
            assertEquals(1, polled.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(poller.isReadable(b[0]));
            assertFalse(poller.isReadable(a[0]));
            assertEquals(1, poller.poll(Duration.ZERO), "level-triggered: still readable until received");
            assertEquals("from b", receiveText(b[0]));
            assertEquals(0, poller.poll(Duration.ZERO), "nothing left");

            sendOrFail(a[1], pooled("from a"));
            assertEquals(1, poller.poll(PATIENCE));
            assertTrue(poller.isReadable(a[0]));
            assertFalse(poller.isReadable(b[0]));
            assertEquals("from a", receiveText(a[0]));
        }
    }

    @Test
    void timesOutWhenNothingArrives() {
        Socket[] p = pipeline();
        try (Poller poller = new Poller().register(p[0], Poller.Event.READABLE)) {
            long start = System.nanoTime();
            assertEquals(0, poller.poll(Duration.ofMillis(200)));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 190 && millis < 5000, "returned after " + millis + " ms");
            assertFalse(poller.isReadable(p[0]));
        }
    }

    @Test
    void zeroTimeoutChecksAndReturnsAtOnce() {
        Socket[] p = pipeline();
        try (Poller poller = new Poller().register(p[0], Poller.Event.READABLE)) {
            long start = System.nanoTime();
            assertEquals(0, poller.poll(Duration.ZERO));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 1000, "a zero-timeout poll took " + millis + " ms");

            sendOrFail(p[1], pooled("waiting"));
            assertEquals(1, poller.poll(PATIENCE));
            assertEquals(1, poller.poll(Duration.ZERO), "a waiting message is reported without waiting");
            assertTrue(poller.isReadable(p[0]));
            assertEquals("waiting", receiveText(p[0]));
        }
    }

    @Test
    void pushWithAConnectedPeerIsWritableAndPullNeverIs() {
        Socket[] p = pipeline();
        try (Poller poller = new Poller()
                .register(p[1], Poller.Event.WRITABLE)
                .register(p[0], Poller.Event.WRITABLE)) {
            assertEquals(1, poller.poll(PATIENCE));
            assertTrue(poller.isWritable(p[1]));
            assertFalse(poller.isWritable(p[0]), "a PULL cannot send");
            assertFalse(poller.isReadable(p[1]), "not registered for reading");
        }
    }

    /** A PUSH at SNDHWM is not writable; it becomes writable, waking the poll, once a peer drains its queue. */
    @Test
    void pushAtHwmBecomesWritableWhenItsQueueDrains() throws Exception {
        int port = freePort();
        Socket push = ctx.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 2).set(SocketOption.LINGER, Duration.ZERO);
        push.connect("tcp://127.0.0.1:" + port);   // nobody listens yet: messages queue in the pipe
        Poller poller = new Poller().register(push, Poller.Event.WRITABLE);
        try (poller) {
            assertEquals(1, poller.poll(Duration.ZERO), "room in the queue");
            sendOrFail(push, pooled("one"));
            sendOrFail(push, pooled("two"));
            assertEquals(0, poller.poll(Duration.ofMillis(100)), "at SNDHWM");
            assertFalse(poller.isWritable(push));

            Thread[] t = new Thread[1];
            CompletableFuture<Integer> polled = inThread("poller", () -> poller.poll(SocketOption.INFINITE), t);
            awaitParked(t[0]);
            Socket pull = ctx.socket(SocketType.PULL);
            pull.bind("tcp://127.0.0.1:" + port);
            assertEquals(1, polled.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(poller.isWritable(push));
            assertEquals("one", receiveText(pull));
            assertEquals("two", receiveText(pull));
        }
    }

    @Test
    void closingAPolledSocketWakesThePollWithItsName() throws Exception {
        Socket[] p = pipeline();
        Poller poller = new Poller().register(p[0], Poller.Event.READABLE);
        try (poller) {
            Thread[] t = new Thread[1];
            CompletableFuture<Integer> polled = inThread("poller", () -> poller.poll(SocketOption.INFINITE), t);
            awaitParked(t[0]);
            p[0].close();
            SocketClosedException e = assertInstanceOf(SocketClosedException.class, failureOf(polled));
            assertTrue(e.getMessage().contains("PULL") && e.getMessage().contains("closed"), e.getMessage());
        }
    }

    @Test
    void closingTheContextWakesThePoll() throws Exception {
        Socket[] p = pipeline();
        Poller poller = new Poller().register(p[0], Poller.Event.READABLE);
        try (poller) {
            Thread[] t = new Thread[1];
            CompletableFuture<Integer> polled = inThread("poller", () -> poller.poll(SocketOption.INFINITE), t);
            awaitParked(t[0]);
            ctx.close();
            assertInstanceOf(SocketClosedException.class, failureOf(polled));
        }
    }

    @Test
    void interruptEndsThePollAndKeepsTheInterruptStatus() throws Exception {
        Socket[] p = pipeline();
        Poller poller = new Poller().register(p[0], Poller.Event.READABLE);
        try (poller) {
            Thread[] t = new Thread[1];
            CompletableFuture<Boolean> flagKept = inThread("poller", () -> {
                try {
                    poller.poll(SocketOption.INFINITE);
                    return false;
                } catch (SocketInterruptedException e) {
                    assertInstanceOf(InterruptedException.class, e.getCause());
                    return Thread.currentThread().isInterrupted();
                }
            }, t);
            awaitParked(t[0]);
            t[0].interrupt();
            assertTrue(flagKept.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "interrupt status kept");
            sendOrFail(p[1], pooled("still usable"));
            assertEquals(1, poller.poll(PATIENCE));
            assertEquals("still usable", receiveText(p[0]));
        }
    }

    /** An idle poll parks: over 500 ms of waiting the polling thread uses next to no CPU. */
    @Test
    void anIdlePollDoesNotBusyWait() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isCurrentThreadCpuTimeSupported(), "no per-thread CPU time here");
        Socket[] a = pipeline();
        Socket[] b = pipeline();
        try (Poller poller = new Poller()
                .register(a[0], Poller.Event.READABLE)
                .register(b[0], Poller.Event.READABLE)) {
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            assertEquals(0, poller.poll(Duration.ofMillis(500)));
            long wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long cpuMillis = TimeUnit.NANOSECONDS.toMillis(threads.getCurrentThreadCpuTime() - cpuBefore);
            assertTrue(wallMillis >= 490, "waited " + wallMillis + " ms");
            assertTrue(cpuMillis < 100, "used " + cpuMillis + " ms of CPU in " + wallMillis + " ms of waiting");
        }
    }

    /** PAIR is both readable and writable; one poll reports both, and two pollers may watch one socket. */
    @Test
    void pairReportsBothEventsToTwoPollers() {
        Socket a = ctx.socket(SocketType.PAIR);
        Socket b = ctx.socket(SocketType.PAIR);
        b.connect(a.bind("tcp://127.0.0.1:*"));
        sendOrFail(b, pooled("hello"));
        try (Poller first = new Poller().register(a, Poller.Event.READABLE, Poller.Event.WRITABLE);
             Poller second = new Poller().register(a, Poller.Event.READABLE)) {
            assertEquals(1, second.poll(PATIENCE));
            assertTrue(second.isReadable(a));
            assertEquals(1, first.poll(Duration.ZERO), "one socket, counted once");
            assertTrue(first.isReadable(a));
            assertTrue(first.isWritable(a));
            try (Message m = a.tryReceive()) {
                assertNotNull(m);
            }
            assertEquals(0, second.poll(Duration.ZERO));
        }
    }
}
