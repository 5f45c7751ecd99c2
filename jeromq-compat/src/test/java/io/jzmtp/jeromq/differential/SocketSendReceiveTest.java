package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Pins frame-at-a-time sending and receiving on {@code ZMQ.Socket}: the String/byte[] overloads, SNDMORE and
 * hasReceiveMore, the offset/length overloads (JeroMQ's {@code recv(byte[], int, int, int)} returns the number of bytes
 * copied), EAGAIN as a null/false/-1 return, endpoints (bind, connect, unbind, disconnect, bindToRandomPort,
 * getLastEndpoint) and subscriptions.
 */
class SocketSendReceiveTest {
    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** A connected PAIR couple over {@code endpoint}; index 0 binds, 1 connects; both time out receives after 5 s. */
    private ZMQ.Socket[] pair(String endpoint) {
        ZMQ.Socket server = ctx.createSocket(SocketType.PAIR);
        ZMQ.Socket client = ctx.createSocket(SocketType.PAIR);
        server.setReceiveTimeOut(5000);
        client.setReceiveTimeOut(5000);
        server.bind(endpoint);
        client.connect(endpoint.endsWith(":*") ? server.getLastEndpoint() : endpoint);
        return new ZMQ.Socket[] {server, client};
    }

    @Test
    void stringFramesOverInproc() {
        ZMQ.Socket[] s = pair("inproc://strings");
        assertTrue(s[1].send("hello"));
        assertEquals("hello", s[0].recvStr());
        assertTrue(s[0].send("wörld", 0));
        assertEquals("wörld", s[1].recvStr(0));
        assertTrue(s[1].send(""));
        assertEquals("", s[0].recvStr());
    }

    @Test
    void byteFramesOverTcp() {
        ZMQ.Socket[] s = pair("tcp://127.0.0.1:*");
        byte[] payload = {0, 1, 2, (byte) 0xff, 42};
        assertTrue(s[1].send(payload));
        assertArrayEquals(payload, s[0].recv());
        assertTrue(s[0].send(payload, 0));
        assertArrayEquals(payload, s[1].recv(0));
        assertTrue(s[1].send(new byte[0]));
        assertArrayEquals(new byte[0], s[0].recv());
    }

    @Test
    void multipartWithSendMoreAndHasReceiveMore() {
        ZMQ.Socket[] s = pair("inproc://multipart");
        assertTrue(s[1].sendMore("one"));
        assertTrue(s[1].sendMore("two".getBytes(StandardCharsets.UTF_8)));
        assertTrue(s[1].send("three", ZMQ.SNDMORE));
        assertTrue(s[1].send("four".getBytes(StandardCharsets.UTF_8), ZMQ.SNDMORE));
        assertTrue(s[1].send("five"));

        String[] expected = {"one", "two", "three", "four", "five"};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], s[0].recvStr());
            assertEquals(i < expected.length - 1, s[0].hasReceiveMore(), "more flag after frame " + i);
        }
        // a fresh single-part message clears the flag
        s[1].send("single");
        assertEquals("single", s[0].recvStr());
        assertFalse(s[0].hasReceiveMore());
    }

    @Test
    void sendSliceWithOffsetAndLength() {
        ZMQ.Socket[] s = pair("inproc://slice");
        byte[] data = "0123456789".getBytes(StandardCharsets.UTF_8);
        assertTrue(s[1].send(data, 2, 5, ZMQ.SNDMORE));
        assertTrue(s[1].send(data, 0, 0, 0));
        assertEquals("23456", s[0].recvStr());
        assertTrue(s[0].hasReceiveMore());
        assertArrayEquals(new byte[0], s[0].recv());
    }

    @Test
    void receiveIntoBufferReturnsTheBytesCopied() {
        ZMQ.Socket[] s = pair("inproc://buffer");
        s[1].send("abc");
        byte[] buffer = new byte[8];
        assertEquals(3, s[0].recv(buffer, 2, 6, 0));
        assertEquals("abc", new String(buffer, 2, 3, StandardCharsets.UTF_8));
        assertEquals(0, buffer[0]);

        // a longer message is truncated to len; JeroMQ returns the count copied, not the message size
        s[1].send("0123456789");
        byte[] small = new byte[4];
        assertEquals(4, s[0].recv(small, 0, 4, 0));
        assertEquals("0123", new String(small, StandardCharsets.UTF_8));

        assertEquals(-1, s[0].recv(buffer, 0, 8, ZMQ.DONTWAIT));
    }

    @Test
    void eagainIsAReturnValue() {
        ZMQ.Socket[] s = pair("inproc://eagain");
        assertNull(s[0].recv(ZMQ.DONTWAIT));
        assertEquals(ZMQ.Error.EAGAIN.getCode(), s[0].errno());
        assertNull(s[0].recvStr(ZMQ.DONTWAIT));
        assertEquals(35, s[0].errno());
        ZMQ.Socket lonely = ctx.createSocket(SocketType.PUSH);
        // no peer at all: a non-blocking send cannot queue anywhere
        assertFalse(lonely.send("nobody", ZMQ.DONTWAIT));
        assertEquals(35, lonely.errno());
    }

    @Test
    void receiveTimeoutExpiryReturnsNull() {
        ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
        pull.bind("inproc://rcvtimeo");
        pull.setReceiveTimeOut(100);
        long start = System.nanoTime();
        assertNull(pull.recv());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs >= 90, "returned after " + elapsedMs + " ms");
        assertEquals(35, pull.errno());
        assertNull(pull.recvStr());
    }

    @Test
    void sendAtHighWaterMarkReturnsFalse() {
        ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
        pull.setRcvHWM(5);
        pull.bind("inproc://hwm");
        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
        push.setSndHWM(5);
        push.connect("inproc://hwm");
        int sent = 0;
        while (sent < 10_000 && push.send("m", ZMQ.DONTWAIT)) {
            sent++;
        }
        // an inproc pipe holds the sender's HWM plus the receiver's
        assertEquals(10, sent);
        assertEquals(35, push.errno());
        // draining the queue makes room again
        pull.setReceiveTimeOut(5000);
        for (int i = 0; i < sent; i++) {
            assertEquals("m", pull.recvStr());
        }
        Await.until("room after draining", () -> push.send("again", ZMQ.DONTWAIT));
    }

    @Test
    void sendTimeoutExpiryReturnsFalse() {
        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
        push.setSendTimeOut(100);
        assertEquals(100, push.getSendTimeOut());
        long start = System.nanoTime();
        assertFalse(push.send("nobody"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs >= 90, "returned after " + elapsedMs + " ms");
        assertEquals(35, push.errno());
    }

    @Test
    void bindToRandomPortAndLastEndpoint() {
        ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
        int port = pull.bindToRandomPort("tcp://127.0.0.1");
        assertTrue(port >= 0xC000 && port <= 0xFFFF, "port " + port);
        assertEquals("tcp://127.0.0.1:" + port, pull.getLastEndpoint());

        int ranged = pull.bindToRandomPort("tcp://127.0.0.1", 40000, 40999);
        assertTrue(ranged >= 40000 && ranged <= 40999, "port " + ranged);

        ZMQ.Socket other = ctx.createSocket(SocketType.PULL);
        assertTrue(other.bind("tcp://127.0.0.1:*"));
        String endpoint = other.getLastEndpoint();
        assertTrue(endpoint.startsWith("tcp://127.0.0.1:"), endpoint);
        assertNotEquals("tcp://127.0.0.1:*", endpoint);

        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
        assertTrue(push.connect("tcp://127.0.0.1:" + port));
        assertTrue(push.send("random"));
        pull.setReceiveTimeOut(5000);
        assertEquals("random", pull.recvStr());

        ZMQ.Socket inproc = ctx.createSocket(SocketType.PAIR);
        inproc.bind("inproc://last-endpoint");
        assertEquals("inproc://last-endpoint", inproc.getLastEndpoint());
    }

    @Test
    void unbindAndDisconnectOfUnknownEndpointsReturnFalse() {
        ZMQ.Socket socket = ctx.createSocket(SocketType.DEALER);
        assertFalse(socket.unbind("tcp://127.0.0.1:5555"));
        assertEquals(ZMQ.Error.ENOENT.getCode(), socket.errno());
        assertFalse(socket.disconnect("inproc://never-connected"));
        assertEquals(2, socket.errno());
    }

    @Test
    void unbindReleasesTheEndpoint() {
        ZMQ.Socket first = ctx.createSocket(SocketType.PULL);
        first.bind("tcp://127.0.0.1:*");
        String endpoint = first.getLastEndpoint();
        assertTrue(first.unbind(endpoint));
        // the port is free again; a second socket can take it (the listener closes asynchronously)
        ZMQ.Socket second = ctx.createSocket(SocketType.PULL);
        Await.until("rebinding " + endpoint, () -> {
            try {
                return second.bind(endpoint);
            } catch (ZMQException e) {
                return false;
            }
        });
        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
        push.connect(endpoint);
        push.send("rebound");
        second.setReceiveTimeOut(5000);
        assertEquals("rebound", second.recvStr());
    }

    @Test
    void disconnectStopsDeliveryToThatPeer() {
        ZMQ.Socket a = ctx.createSocket(SocketType.PULL);
        a.bind("inproc://disconnect-a");
        ZMQ.Socket b = ctx.createSocket(SocketType.PULL);
        b.bind("inproc://disconnect-b");
        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
        push.connect("inproc://disconnect-a");
        push.connect("inproc://disconnect-b");
        assertTrue(push.disconnect("inproc://disconnect-a"));
        for (int i = 0; i < 4; i++) {
            assertTrue(push.send("m" + i));
        }
        b.setReceiveTimeOut(5000);
        for (int i = 0; i < 4; i++) {
            assertEquals("m" + i, b.recvStr());
        }
        assertNull(a.recv(ZMQ.DONTWAIT));
    }

    @Test
    void subscribeAndUnsubscribeFilterByPrefix() {
        ZMQ.Socket pub = ctx.createSocket(SocketType.PUB);
        pub.bind("inproc://topics");
        ZMQ.Socket sub = ctx.createSocket(SocketType.SUB);
        sub.setReceiveTimeOut(50);
        assertTrue(sub.subscribe("weather."));
        assertTrue(sub.subscribe("news".getBytes(StandardCharsets.UTF_8)));
        sub.connect("inproc://topics");

        // slow joiner: keep publishing until the subscription has reached the publisher
        String first = Await.result("first matching message", () -> {
            pub.send("sports.ignored");
            pub.send("weather.rain");
            return sub.recvStr();
        });
        assertEquals("weather.rain", first);
        drain(sub);

        pub.send("sports.none");
        pub.send("news.today");
        sub.setReceiveTimeOut(5000);
        assertEquals("news.today", sub.recvStr());

        assertTrue(sub.unsubscribe("news"));
        assertTrue(sub.unsubscribe("weather.".getBytes(StandardCharsets.UTF_8)));
        assertTrue(sub.subscribe("end"));
        // once "end" arrives, the unsubscriptions (sent before it on the same pipe) are in effect
        sub.setReceiveTimeOut(50);
        String last = Await.result("the end marker", () -> {
            pub.send("news.dropped");
            pub.send("end");
            String s = sub.recvStr();
            return "end".equals(s) ? s : null;
        });
        assertEquals("end", last);
        drain(sub);
        pub.send("news.after");
        pub.send("weather.after");
        pub.send("end");
        sub.setReceiveTimeOut(5000);
        assertEquals("end", sub.recvStr());
    }

    private static void drain(ZMQ.Socket socket) {
        while (socket.recv(ZMQ.DONTWAIT) != null) {
            // discard what the slow-joiner loop left behind
        }
    }
}
