package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Pins {@code ZMQ.Poller} and {@code ZMQ.PollItem}: register returns the next index, unregister shifts the later
 * indices down (JeroMQ issue #263), pollin/pollout/pollerr per index (false for a bad index), poll returning the number
 * of ready items or 0 on timeout, and the zguide habit of one poller per loop turn.
 */
class PollerTest {
    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void registerReturnsTheIndexAndUnregisterShiftsLaterIndices() {
        ZMQ.Socket a = ctx.createSocket(SocketType.PULL);
        ZMQ.Socket b = ctx.createSocket(SocketType.PULL);
        ZMQ.Socket c = ctx.createSocket(SocketType.PULL);
        ZMQ.Poller poller = ctx.createPoller(1);
        try {
            assertEquals(0, poller.register(a, ZMQ.Poller.POLLIN));
            assertEquals(1, poller.register(b, ZMQ.Poller.POLLIN));
            assertEquals(2, poller.register(c));
            assertEquals(3, poller.getSize());
            assertSame(b, poller.getSocket(1));
            assertSame(b, poller.getItem(1).getSocket());

            poller.unregister(a);
            assertEquals(2, poller.getSize());
            assertSame(b, poller.getSocket(0));
            assertSame(c, poller.getSocket(1));
            assertNull(poller.getSocket(2));
            assertNull(poller.getItem(2));
            assertNull(poller.getItem(-1));

            // the next registration takes the next free index
            assertEquals(2, poller.register(a, ZMQ.Poller.POLLIN));
            assertSame(a, poller.getSocket(2));
        } finally {
            poller.close();
        }
    }

    @Test
    void registerPollItem() {
        ZMQ.Socket socket = ctx.createSocket(SocketType.PULL);
        ZMQ.PollItem item = new ZMQ.PollItem(socket, ZMQ.Poller.POLLIN);
        assertSame(socket, item.getSocket());
        ZMQ.Poller poller = ctx.createPoller(1);
        try {
            assertEquals(0, poller.register(item));
            assertSame(item, poller.getItem(0));
        } finally {
            poller.close();
        }
    }

    @Test
    void pollReportsReadableAndWritableItems() {
        ZMQ.Socket server = ctx.createSocket(SocketType.PAIR);
        server.bind("inproc://poll");
        ZMQ.Socket client = ctx.createSocket(SocketType.PAIR);
        client.connect("inproc://poll");

        ZMQ.Poller poller = ctx.createPoller(2);
        try {
            int in = poller.register(server, ZMQ.Poller.POLLIN);
            int out = poller.register(client, ZMQ.Poller.POLLOUT);
            // only the writable client is ready
            assertEquals(1, poller.poll(1000));
            assertFalse(poller.pollin(in));
            assertTrue(poller.pollout(out));
            assertFalse(poller.pollerr(out));
            assertTrue(poller.getItem(out).isWritable());
            assertFalse(poller.getItem(in).isReadable());

            client.send("ping");
            assertEquals(2, poller.poll(5000));
            assertTrue(poller.pollin(in));
            assertTrue(poller.getItem(in).isReadable());
            assertEquals("ping", server.recvStr(ZMQ.DONTWAIT));

            // bad indices are simply not ready
            assertFalse(poller.pollin(7));
            assertFalse(poller.pollout(-1));
            assertFalse(poller.pollerr(7));
        } finally {
            poller.close();
        }
    }

    @Test
    void pollTimesOutWithZero() {
        ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
        pull.bind("inproc://poll-timeout");
        ZMQ.Poller poller = ctx.createPoller(1);
        try {
            poller.register(pull, ZMQ.Poller.POLLIN);
            assertEquals(0, poller.poll(0));
            long start = System.nanoTime();
            assertEquals(0, poller.poll(100));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs >= 90, "returned after " + elapsedMs + " ms");
            assertFalse(poller.pollin(0));
        } finally {
            poller.close();
        }
    }

    @Test
    void pollWithoutTimeoutWaitsForTheMessage() throws Exception {
        ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
        pull.bind("inproc://poll-forever");
        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
        push.connect("inproc://poll-forever");
        ZMQ.Poller poller = ctx.createPoller(1);
        try (Background<Void> sender = Background.run("sender", () -> {
            // the poller blocks with no timeout; the sender guarantees it wakes up
            Thread.sleep(50);
            push.send("wake up");
        })) {
            poller.register(pull, ZMQ.Poller.POLLIN);
            assertEquals(1, poller.poll());
            assertTrue(poller.pollin(0));
            assertEquals("wake up", pull.recvStr());
            sender.get();
        } finally {
            poller.close();
        }
    }

    @Test
    void multipleSocketsReadyAtOnce() {
        ZMQ.Socket[] pulls = new ZMQ.Socket[3];
        ZMQ.Poller poller = ctx.createPoller(3);
        try {
            for (int i = 0; i < pulls.length; i++) {
                pulls[i] = ctx.createSocket(SocketType.PULL);
                pulls[i].bind("inproc://many-" + i);
                assertEquals(i, poller.register(pulls[i], ZMQ.Poller.POLLIN));
            }
            for (int i : new int[] {0, 2}) {
                ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
                push.connect("inproc://many-" + i);
                push.send("to " + i);
            }
            Await.until("two readable sockets", () -> poller.poll(100) == 2);
            assertTrue(poller.pollin(0));
            assertFalse(poller.pollin(1));
            assertTrue(poller.pollin(2));
        } finally {
            poller.close();
        }
    }

    @Test
    void aPollerPerLoopTurn() {
        ZMQ.Socket server = ctx.createSocket(SocketType.PAIR);
        server.bind("inproc://per-turn");
        ZMQ.Socket client = ctx.createSocket(SocketType.PAIR);
        client.connect("inproc://per-turn");
        for (int turn = 0; turn < 300; turn++) {
            client.send("turn " + turn);
            ZMQ.Poller poller = ctx.createPoller(1);
            try {
                poller.register(server, ZMQ.Poller.POLLIN);
                assertEquals(1, poller.poll(5000), "turn " + turn);
                assertEquals("turn " + turn, server.recvStr());
            } finally {
                poller.close();
            }
        }
    }

    @Test
    void emptyPollerReturnsZero() {
        ZMQ.Poller poller = ctx.createPoller(0);
        try {
            assertEquals(0, poller.poll(0));
            assertEquals(0, poller.getSize());
        } finally {
            poller.close();
        }
    }
}
