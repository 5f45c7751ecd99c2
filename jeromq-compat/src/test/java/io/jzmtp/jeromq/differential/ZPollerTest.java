package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.SelectableChannel;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZPoller;

/**
 * Pins {@code ZPoller}: handlers registered per socket are dispatched by poll with the ready events, isReadable
 * reflects the last poll, a handler returning false makes poll return -1, and unregistered sockets are not polled.
 */
class ZPollerTest {
    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** Collects the messages of the sockets it is called for; returns {@code answer}. */
    private static final class Collector implements ZPoller.EventsHandler {
        final List<String> received = new ArrayList<>();
        final boolean answer;

        Collector(boolean answer) {
            this.answer = answer;
        }

        @Override
        public boolean events(ZMQ.Socket socket, int events) {
            assertTrue((events & ZPoller.IN) != 0, "events " + events);
            received.add(socket.recvStr(ZMQ.DONTWAIT));
            return answer;
        }

        @Override
        public boolean events(SelectableChannel channel, int events) {
            throw new AssertionError("no channel was registered");
        }
    }

    @Test
    void pollDispatchesToTheHandler() {
        ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
        pull.bind("inproc://zpoller");
        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
        push.connect("inproc://zpoller");
        Collector collector = new Collector(true);
        try (ZPoller poller = new ZPoller(ctx)) {
            assertTrue(poller.register(pull, collector, ZPoller.POLLIN));
            assertEquals(1, poller.registered());

            assertEquals(0, poller.poll(0));
            assertFalse(poller.isReadable(pull));
            assertTrue(collector.received.isEmpty());

            push.send("one");
            assertEquals(1, poller.poll(5000));
            assertTrue(poller.isReadable(pull));
            assertEquals(List.of("one"), collector.received);
        }
    }

    @Test
    void handlerReturningFalseMakesPollReturnMinusOne() {
        ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
        pull.bind("inproc://zpoller-false");
        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
        push.connect("inproc://zpoller-false");
        Collector collector = new Collector(false);
        try (ZPoller poller = new ZPoller(ctx)) {
            poller.register(pull, collector, ZPoller.IN);
            push.send("stop");
            assertEquals(-1, poller.poll(5000));
            assertEquals(List.of("stop"), collector.received);
        }
    }

    @Test
    void lambdaHandlerAndUnregister() {
        ZMQ.Socket a = ctx.createSocket(SocketType.PULL);
        a.bind("inproc://zpoller-a");
        ZMQ.Socket b = ctx.createSocket(SocketType.PULL);
        b.bind("inproc://zpoller-b");
        ZMQ.Socket toA = ctx.createSocket(SocketType.PUSH);
        toA.connect("inproc://zpoller-a");
        ZMQ.Socket toB = ctx.createSocket(SocketType.PUSH);
        toB.connect("inproc://zpoller-b");
        List<String> seen = new ArrayList<>();
        try (ZPoller poller = new ZPoller(ctx)) {
            poller.register(a, (socket, events) -> seen.add("a:" + socket.recvStr()), ZPoller.READABLE);
            poller.register(b, (socket, events) -> seen.add("b:" + socket.recvStr()), ZPoller.READABLE);
            assertEquals(2, poller.registered());
            assertTrue(poller.unregister(b));
            assertFalse(poller.unregister(b));
            assertEquals(1, poller.registered());

            toB.send("ignored");
            toA.send("hello");
            assertEquals(1, poller.poll(5000));
            assertEquals(List.of("a:hello"), seen);
            assertFalse(poller.isReadable(b));
        }
    }

    @Test
    void writableAndGlobalHandler() {
        ZMQ.Socket server = ctx.createSocket(SocketType.PAIR);
        server.bind("inproc://zpoller-out");
        ZMQ.Socket client = ctx.createSocket(SocketType.PAIR);
        client.connect("inproc://zpoller-out");
        List<Integer> events = new ArrayList<>();
        try (ZPoller poller = new ZPoller(ctx)) {
            poller.setGlobalHandler(new ZPoller.EventsHandler() {
                @Override
                public boolean events(ZMQ.Socket socket, int ready) {
                    events.add(ready);
                    return true;
                }

                @Override
                public boolean events(SelectableChannel channel, int ready) {
                    return true;
                }
            });
            assertTrue(poller.register(client, ZPoller.OUT));
            assertEquals(1, poller.poll(5000));
            assertTrue(poller.isWritable(client));
            assertFalse(poller.isReadable(client));
            assertEquals(List.of(ZPoller.OUT), events);
        }
    }
}
