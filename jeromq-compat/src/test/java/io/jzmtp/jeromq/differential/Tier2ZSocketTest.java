package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import org.zeromq.ZMsg;
import org.zeromq.ZSocket;

/**
 * Pins JeroMQ's {@code ZSocket}: sockets without a visible context (all ZSockets share one, so inproc works between
 * them), byte counts from the sends, would-block as -1 or null, frames and single-frame messages.
 */
class Tier2ZSocketTest {
    private static final AtomicInteger ENDPOINTS = new AtomicInteger();

    private static String endpoint() {
        return "inproc://tier2-zsocket-" + ENDPOINTS.incrementAndGet();
    }

    @Test
    void typesByEnumAndByNumber() {
        try (ZSocket push = new ZSocket(SocketType.PUSH); ZSocket pull = new ZSocket(ZMQ.PULL)) {
            assertEquals(SocketType.PUSH, push.getSocketType());
            assertEquals(ZMQ.PUSH, push.getType());
            assertEquals(SocketType.PULL, pull.getSocketType());
            assertEquals(7, pull.getType());
        }
    }

    @Test
    void sendsReturnTheByteCountAndReceivesGiveTheData() {
        String endpoint = endpoint();
        try (ZSocket pull = new ZSocket(SocketType.PULL); ZSocket push = new ZSocket(SocketType.PUSH)) {
            assertTrue(pull.bind(endpoint));
            assertTrue(push.connect(endpoint));
            assertEquals(3, push.send(new byte[] {1, 2, 3}));
            assertEquals(6, push.sendStringUtf8("héllo"), "UTF-8 bytes, not characters");
            assertEquals(2, push.send(new byte[] {4, 5}, 0));
            assertEquals(4, push.sendStringUtf8("last", 0));

            assertArrayEquals(new byte[] {1, 2, 3}, pull.receive());
            assertEquals("héllo", pull.receiveStringUtf8());
            assertArrayEquals(new byte[] {4, 5}, pull.receive(0));
            assertEquals("last", pull.receiveStringUtf8(0));
            assertNull(pull.receive(ZMQ.DONTWAIT), "nothing left");
        }
    }

    @Test
    void framesAndMessages() {
        String endpoint = endpoint();
        try (ZSocket pull = new ZSocket(SocketType.PULL); ZSocket push = new ZSocket(SocketType.PUSH)) {
            pull.bind(endpoint);
            push.connect(endpoint);
            assertTrue(push.sendFrame(new ZFrame("a"), ZFrame.MORE));
            assertTrue(push.sendFrame(new ZFrame("b"), 0));
            ZMsg single = new ZMsg();
            single.add("c");
            assertTrue(push.sendMessage(single));
            assertTrue(single.isEmpty(), "the frames were taken out of the message");

            assertEquals("a", pull.receiveStringUtf8());
            assertTrue(pull.hasReceiveMore());
            assertEquals("b", pull.receiveStringUtf8());
            assertFalse(pull.hasReceiveMore());
            assertEquals("c", pull.receiveStringUtf8());
            assertFalse(pull.hasReceiveMore());
        }
    }

    @Test
    void wouldBlockIsMinusOne() {
        try (ZSocket push = new ZSocket(SocketType.PUSH)) {
            // no peer at all (a connect, even to an endpoint nobody bound yet, would queue: IMMEDIATE is on)
            assertEquals(-1, push.send(new byte[] {1}, ZMQ.DONTWAIT));
            assertEquals(-1, push.sendStringUtf8("x", ZMQ.DONTWAIT));
        }
    }

    @Test
    void pubSubThroughTheSharedContext() {
        String endpoint = endpoint();
        try (ZSocket pub = new ZSocket(SocketType.PUB); ZSocket sub = new ZSocket(SocketType.SUB)) {
            pub.bind(endpoint);
            sub.connect(endpoint);
            sub.subscribe("news");
            sub.subscribe("sport".getBytes(ZMQ.CHARSET));
            sub.unsubscribe("sport");
            // the subscription travels to the publisher asynchronously: publish until one arrives
            String got = Await.result("a published message", () -> {
                pub.sendStringUtf8("sport ignored");
                pub.sendStringUtf8("news today");
                return sub.receiveStringUtf8(ZMQ.DONTWAIT);
            });
            assertEquals("news today", got);
        }
    }

    @Test
    void disconnectingAnUnknownEndpointThrows() {
        try (ZSocket push = new ZSocket(SocketType.PUSH)) {
            String endpoint = endpoint();
            push.connect(endpoint);
            assertTrue(push.disconnect(endpoint));
            ZMQException e = assertThrows(ZMQException.class, () -> push.disconnect("inproc://tier2-zsocket-none"));
            assertEquals(ZMQ.Error.ENOENT.getCode(), e.getErrorCode());
        }
    }

    @Test
    void closeIsIdempotentAndTheContextOutlivesOneSocket() {
        String endpoint = endpoint();
        ZSocket first = new ZSocket(SocketType.PULL);
        first.close();
        first.close();
        try (ZSocket pull = new ZSocket(SocketType.PULL); ZSocket push = new ZSocket(SocketType.PUSH)) {
            pull.bind(endpoint);
            push.connect(endpoint);
            ZSocket other = new ZSocket(SocketType.PAIR);
            other.close();   // closing another ZSocket leaves these working
            assertEquals(1, push.send(new byte[] {9}));
            assertArrayEquals(new byte[] {9}, pull.receive());
        }
    }
}
