package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZLoop;
import org.zeromq.ZMQ;

/**
 * Pins JeroMQ's {@code ZLoop}: timers fire {@code times} times, handlers run on the thread of {@code start()}, -1
 * from a handler ends the loop with -1, an interrupt ends it with 0, and removeTimer cancels by argument.
 */
class Tier2ZLoopTest {
    private static final AtomicInteger ENDPOINTS = new AtomicInteger();

    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        Thread.interrupted();   // a test that interrupts its own loop leaves no trace for the next one
        ctx.close();
    }

    /**
     * A loop with an idle socket registered: JeroMQ 0.6.0's ZLoop fails with a NullPointerException when it has no
     * poller at all.
     */
    private ZLoop newLoop() {
        ZMQ.Socket idle = ctx.createSocket(SocketType.PULL);
        idle.bind("inproc://tier2-zloop-idle-" + ENDPOINTS.incrementAndGet());
        ZLoop loop = new ZLoop(ctx);
        loop.addPoller(new ZMQ.PollItem(idle, ZMQ.Poller.POLLIN), (l, item, arg) -> {
            throw new AssertionError("the idle socket never has a message");
        }, null);
        return loop;
    }

    /** A timer handler that ends the loop after {@code ticks} calls: the safety net of every test. */
    private static ZLoop.IZLoopHandler stopAfter(int ticks) {
        AtomicInteger calls = new AtomicInteger();
        return (loop, item, arg) -> calls.incrementAndGet() >= ticks ? -1 : 0;
    }

    @Test
    void aTimerFiresTimesTimesThenIsForgotten() {
        ZLoop loop = newLoop();
        AtomicInteger fired = new AtomicInteger();
        AtomicInteger afterThird = new AtomicInteger();
        loop.addTimer(2, 3, (l, item, arg) -> {
            assertSame(loop, l);
            assertNull(item, "timers get no poll item");
            assertEquals("three", arg);
            fired.incrementAndGet();
            return 0;
        }, "three");
        // keeps the loop turning for a while after the third firing, then stops it
        loop.addTimer(2, 0, (l, item, arg) -> fired.get() == 3 && afterThird.incrementAndGet() >= 10 ? -1 : 0,
                "watch");
        assertEquals(-1, runWithDeadline(loop));
        assertEquals(3, fired.get());
    }

    @Test
    void aTimerReturningMinusOneEndsTheLoop() {
        ZLoop loop = new ZLoop(ctx.getContext());
        ZMQ.Socket idle = ctx.createSocket(SocketType.PULL);
        loop.addPoller(new ZMQ.PollItem(idle, ZMQ.Poller.POLLIN), (l, item, arg) -> -1, null);
        Thread caller = Thread.currentThread();
        List<Thread> threads = new ArrayList<>();
        loop.addTimer(5, 0, (l, item, arg) -> {
            threads.add(Thread.currentThread());
            return threads.size() == 2 ? -1 : 0;
        }, null);
        assertEquals(-1, loop.start());
        assertEquals(List.of(caller, caller), threads, "handlers run on the thread of start()");
    }

    @Test
    void aReadySocketCallsItsPollerHandler() {
        String endpoint = "inproc://tier2-zloop-" + ENDPOINTS.incrementAndGet();
        ZMQ.Socket in = ctx.createSocket(SocketType.PULL);
        ZMQ.Socket out = ctx.createSocket(SocketType.PUSH);
        in.bind(endpoint);
        out.connect(endpoint);
        out.send("one");
        out.send("two");

        ZLoop loop = new ZLoop(ctx);
        ZMQ.PollItem item = new ZMQ.PollItem(in, ZMQ.Poller.POLLIN);
        List<String> received = new ArrayList<>();
        assertEquals(0, loop.addPoller(item, (l, it, arg) -> {
            assertSame(item, it);
            assertTrue(it.isReadable());
            assertEquals("arg", arg);
            received.add(it.getSocket().recvStr());
            return received.size() == 2 ? -1 : 0;
        }, "arg"));
        loop.addTimer(10_000, 1, stopAfter(1), null);
        assertEquals(-1, loop.start());
        assertEquals(List.of("one", "two"), received);
    }

    @Test
    void aRemovedPollerIsNotCalledAnyMore() {
        String endpoint = "inproc://tier2-zloop-" + ENDPOINTS.incrementAndGet();
        ZMQ.Socket in = ctx.createSocket(SocketType.PULL);
        ZMQ.Socket out = ctx.createSocket(SocketType.PUSH);
        in.bind(endpoint);
        out.connect(endpoint);
        out.send("one");
        out.send("two");

        ZLoop loop = new ZLoop(ctx);
        ZMQ.PollItem item = new ZMQ.PollItem(in, ZMQ.Poller.POLLIN);
        AtomicInteger calls = new AtomicInteger();
        loop.addPoller(item, (l, it, arg) -> {
            calls.incrementAndGet();
            it.getSocket().recvStr();
            l.removePoller(it);   // the second message stays unread
            return 0;
        }, null);
        loop.addTimer(2, 0, stopAfter(20), null);
        assertEquals(-1, runWithDeadline(loop));
        assertEquals(1, calls.get());
        assertEquals("two", in.recvStr(ZMQ.DONTWAIT));
    }

    @Test
    void removeTimerCancelsTheTimersOfAnArgument() {
        ZLoop loop = newLoop();
        Object key = new Object();
        AtomicInteger fired = new AtomicInteger();
        loop.addTimer(2, 0, (l, item, arg) -> {
            if (fired.incrementAndGet() == 2) {
                assertEquals(0, l.removeTimer(arg));
            }
            return 0;
        }, key);
        loop.addTimer(2, 0, (l, item, arg) -> fired.get() >= 2 && ((AtomicInteger) arg).incrementAndGet() >= 10
                ? -1 : 0, new AtomicInteger());
        assertEquals(-1, runWithDeadline(loop));
        assertEquals(2, fired.get());
    }

    @Test
    void handlersMayAddTimers() {
        ZLoop loop = newLoop();
        AtomicInteger added = new AtomicInteger();
        loop.addTimer(2, 1, (l, item, arg) -> l.addTimer(2, 1, (l2, item2, arg2) -> {
            added.incrementAndGet();
            return -1;
        }, null), null);
        assertEquals(-1, runWithDeadline(loop));
        assertEquals(1, added.get());
    }

    @Test
    void anInterruptEndsTheLoopWithZero() {
        ZLoop loop = newLoop();
        AtomicInteger fired = new AtomicInteger();
        loop.addTimer(2, 0, (l, item, arg) -> {
            if (fired.incrementAndGet() == 3) {
                Thread.currentThread().interrupt();
            }
            return fired.get() >= 1000 ? -1 : 0;   // safety net
        }, null);
        assertEquals(0, loop.start());
        assertEquals(3, fired.get());
        assertTrue(Thread.interrupted());
    }

    private static int runWithDeadline(ZLoop loop) {
        try (Background<Integer> running = Background.call("zloop", loop::start)) {
            return running.get();
        }
    }
}
