package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZPoller;

/**
 * Pins JeroMQ's {@code ZPoller}: handlers called on the polling thread with the ready events, -1 when a handler says
 * stop, the global handler, several registrations of one socket, unregister, and the readiness queries.
 */
class Tier2ZPollerTest {
    private static final AtomicInteger ENDPOINTS = new AtomicInteger();

    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** A connected PAIR couple on a fresh inproc endpoint: [0] bound, [1] connected. */
    private ZMQ.Socket[] pair() {
        String endpoint = "inproc://tier2-zpoller-" + ENDPOINTS.incrementAndGet();
        ZMQ.Socket a = ctx.createSocket(SocketType.PAIR);
        ZMQ.Socket b = ctx.createSocket(SocketType.PAIR);
        a.bind(endpoint);
        b.connect(endpoint);
        return new ZMQ.Socket[] {a, b};
    }

    /** Polls until something is ready, within the default deadline. */
    private static int pollUntilReady(ZPoller poller) {
        long deadline = System.nanoTime() + Await.DEFAULT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            int rc = poller.poll(100);
            if (rc != 0) {
                return rc;
            }
        }
        throw new AssertionError("nothing became ready within " + Await.DEFAULT);
    }

    @Test
    void constantsHaveJeromqValues() {
        assertEquals(1, ZPoller.POLLIN);
        assertEquals(1, ZPoller.IN);
        assertEquals(1, ZPoller.READABLE);
        assertEquals(2, ZPoller.POLLOUT);
        assertEquals(2, ZPoller.OUT);
        assertEquals(2, ZPoller.WRITABLE);
        assertEquals(4, ZPoller.POLLERR);
        assertEquals(4, ZPoller.ERR);
    }

    @Test
    void aReadableSocketGetsItsHandlerCalledWithPollin() {
        ZMQ.Socket[] s = pair();
        List<Integer> seen = new ArrayList<>();
        Thread poller = Thread.currentThread();
        try (ZPoller zp = new ZPoller(ctx)) {
            assertTrue(zp.register(s[0], new ZPoller.EventsHandler() {
                @Override
                public boolean events(ZMQ.Socket socket, int events) {
                    assertSame(s[0], socket);
                    assertSame(poller, Thread.currentThread(), "handlers run on the polling thread");
                    seen.add(events);
                    assertEquals("hello", socket.recvStr());
                    return true;
                }

                @Override
                public boolean events(SelectableChannel channel, int events) {
                    throw new AssertionError("no channel registered");
                }
            }, ZPoller.POLLIN));
            assertEquals(1, zp.registered());
            assertTrue(s[1].send("hello"));

            assertEquals(1, pollUntilReady(zp));
            assertEquals(List.of(ZPoller.POLLIN), seen);
            assertTrue(zp.isReadable(s[0]));
            assertTrue(zp.readable(s[0]));
            assertTrue(zp.readable((Object) s[0]));
            assertTrue(zp.pollin(s[0]));
            assertFalse(zp.isWritable(s[0]), "not registered for POLLOUT");
            assertFalse(zp.isError(s[0]));
            assertFalse(zp.isReadable(s[1]), "not registered at all");
        }
    }

    @Test
    void pollTimesOutWithZeroWhenNothingIsReady() {
        ZMQ.Socket[] s = pair();
        AtomicInteger calls = new AtomicInteger();
        try (ZPoller zp = new ZPoller(ctx)) {
            zp.register(s[0], (socket, events) -> calls.incrementAndGet() > 0, ZPoller.IN);
            long start = System.nanoTime();
            assertEquals(0, zp.poll(50));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(40).toNanos(), "waited for the timeout");
            assertEquals(0, zp.poll(0));
            assertEquals(0, calls.get());
            assertFalse(zp.isReadable(s[0]));
        }
    }

    @Test
    void aHandlerReturningFalseMakesPollReturnMinusOne() {
        ZMQ.Socket[] s = pair();
        try (ZPoller zp = new ZPoller(ctx)) {
            zp.register(s[0], (socket, events) -> false, ZPoller.POLLIN);
            s[1].send("x");
            assertEquals(-1, pollUntilReady(zp));
            // the message is still there: the handler did not read it
            assertEquals(-1, zp.poll(0));
            assertFalse(zp.dispatch());
        }
    }

    @Test
    void writableSocketReportsPollout() {
        ZMQ.Socket[] s = pair();
        AtomicInteger events = new AtomicInteger();
        try (ZPoller zp = new ZPoller(ctx)) {
            zp.register(s[1], (socket, ev) -> {
                events.set(ev);
                return true;
            }, ZPoller.POLLIN | ZPoller.POLLOUT);
            assertEquals(1, pollUntilReady(zp));
            assertEquals(ZPoller.POLLOUT, events.get());
            assertTrue(zp.isWritable(s[1]));
            assertTrue(zp.writable(s[1]));
            assertTrue(zp.pollout(s[1]));
            assertFalse(zp.isReadable(s[1]));
        }
    }

    @Test
    void theGlobalHandlerServesRegistrationsWithoutOne() {
        ZMQ.Socket[] s = pair();
        List<ZMQ.Socket> seen = new ArrayList<>();
        try (ZPoller zp = new ZPoller(ctx)) {
            assertNull(zp.getGlobalHandler());
            ZPoller.EventsHandler global = new ZPoller.EventsHandler() {
                @Override
                public boolean events(ZMQ.Socket socket, int events) {
                    seen.add(socket);
                    socket.recv();
                    return true;
                }

                @Override
                public boolean events(SelectableChannel channel, int events) {
                    return false;
                }
            };
            zp.register(s[0], ZPoller.IN);   // registered before the global handler is set
            zp.setGlobalHandler(global);
            assertSame(global, zp.getGlobalHandler());
            s[1].send("x");
            assertEquals(1, pollUntilReady(zp));
            assertEquals(List.of(s[0]), seen);
        }
    }

    @Test
    void everyRegistrationOfASocketIsCalled() {
        ZMQ.Socket[] s = pair();
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        try (ZPoller zp = new ZPoller(ctx)) {
            zp.register(s[0], (socket, events) -> first.add(events), ZPoller.IN);
            zp.register(s[0], (socket, events) -> second.add(events), ZPoller.IN | ZPoller.OUT);
            assertEquals(1, zp.registered(), "one socket, however many registrations");
            s[1].send("x");
            assertEquals(1, pollUntilReady(zp));
            // each registration gets the socket's ready events, even those it did not ask for
            assertEquals(List.of(ZPoller.IN | ZPoller.OUT), first);
            assertEquals(List.of(ZPoller.IN | ZPoller.OUT), second);
        }
    }

    @Test
    void aRegistrationWhoseEventsAreNotReadyIsNotCalled() {
        ZMQ.Socket[] s = pair();
        AtomicInteger readers = new AtomicInteger();
        AtomicInteger writers = new AtomicInteger();
        try (ZPoller zp = new ZPoller(ctx)) {
            zp.register(s[0], (socket, events) -> readers.incrementAndGet() > 0, ZPoller.IN);
            zp.register(s[0], (socket, events) -> writers.incrementAndGet() > 0, ZPoller.OUT);
            assertEquals(1, pollUntilReady(zp));
            assertEquals(0, readers.get());
            assertEquals(1, writers.get());
            assertTrue(zp.isWritable(s[0]));
            assertFalse(zp.isReadable(s[0]));
        }
    }

    @Test
    void unregisterForgetsTheSocket() {
        ZMQ.Socket[] s = pair();
        AtomicInteger calls = new AtomicInteger();
        try (ZPoller zp = new ZPoller(ctx)) {
            assertFalse(zp.register((ZMQ.Socket) null, ZPoller.IN));
            zp.register(s[0], (socket, events) -> calls.incrementAndGet() > 0, ZPoller.IN);
            zp.register(s[1], (socket, events) -> calls.incrementAndGet() > 0, ZPoller.IN);
            assertEquals(2, zp.registered());
            assertTrue(zp.unregister(s[0]));
            assertFalse(zp.unregister(s[0]));
            assertFalse(zp.unregister(null));
            assertEquals(1, zp.registered());
            s[1].send("x");
            assertEquals(0, zp.poll(50));
            assertEquals(0, calls.get());
            assertFalse(zp.isReadable(s[0]));
        }
    }

    @Test
    void anEmptyPollerReturnsZeroAtOnceForAnInfiniteTimeout() {
        try (ZPoller zp = new ZPoller(ctx);
             Background<Integer> poll = Background.call("empty-poll", () -> zp.poll(-1))) {
            assertEquals(0, poll.get());
        }
    }

    @Test
    void aPollerMadeFromAnotherStartsEmpty() {
        ZMQ.Socket[] s = pair();
        try (ZPoller zp = new ZPoller(ctx)) {
            zp.register(s[0], ZPoller.IN);
            try (ZPoller other = new ZPoller(zp)) {
                assertEquals(0, other.registered());
            }
        }
    }
}
