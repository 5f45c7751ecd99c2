package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;

/**
 * Pins {@code ZFrame}: data accessors, the text-or-uppercase-hex {@code toString}, strhex/streq, duplicate/reset/
 * hasSameData, sending with MORE/DONTWAIT flags, sendAndKeep/sendAndDestroy, recvFrame's more flag and null on EAGAIN,
 * and that {@code ZFrame.send} reports failures by returning false where {@code Socket.send} would throw.
 */
class ZFrameTest {
    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void dataAndSize() {
        ZFrame frame = new ZFrame("hello");
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), frame.getData());
        assertEquals(5, frame.size());
        assertTrue(frame.hasData());
        assertFalse(frame.hasMore());
        assertEquals("hello", frame.getString(StandardCharsets.UTF_8));

        byte[] bytes = {1, 2, 3};
        ZFrame wrapped = new ZFrame(bytes);
        // the frame keeps the array it was given
        assertSame(bytes, wrapped.getData());

        ZFrame empty = new ZFrame(new byte[0]);
        assertEquals(0, empty.size());
        assertTrue(empty.hasData());

        ZFrame none = new ZFrame((byte[]) null);
        assertEquals(0, none.size());
        assertFalse(none.hasData());
        assertNull(none.getData());
        assertEquals("", none.toString());
    }

    @Test
    void toStringIsTextOrUppercaseHex() {
        assertEquals("plain text ~!", new ZFrame("plain text ~!").toString());
        assertEquals("00FF10AB", new ZFrame(new byte[] {0, (byte) 0xff, 0x10, (byte) 0xab}).toString());
        // one control character is enough to switch to hex
        assertEquals("610A", new ZFrame("a\n").toString());
        assertEquals("", new ZFrame(new byte[0]).toString());
    }

    @Test
    void strhexAndStreq() {
        ZFrame frame = new ZFrame("AZ");
        assertEquals("415A", frame.strhex());
        assertTrue(frame.streq("AZ"));
        assertFalse(frame.streq("az"));
        assertFalse(frame.streq("AZ "));
        assertEquals("", new ZFrame((byte[]) null).strhex());
        assertFalse(new ZFrame((byte[]) null).streq(""));
    }

    @Test
    void duplicateResetAndSameData() {
        ZFrame frame = new ZFrame("original");
        ZFrame copy = frame.duplicate();
        assertNotSame(frame, copy);
        assertTrue(frame.hasSameData(copy));
        assertEquals(frame, copy);
        assertEquals(frame.hashCode(), copy.hashCode());

        copy.reset("changed");
        assertEquals("changed", copy.toString());
        assertEquals("original", frame.toString());
        assertFalse(frame.hasSameData(copy));
        assertNotEquals(frame, copy);
        assertFalse(frame.hasSameData(null));

        copy.reset("original".getBytes(StandardCharsets.UTF_8));
        assertTrue(frame.hasSameData(copy));

        frame.destroy();
        assertFalse(frame.hasData());
        assertEquals(0, frame.size());
    }

    @Test
    void sendAndReceiveFrames() {
        ZMQ.Socket server = ctx.createSocket(SocketType.PAIR);
        server.bind("inproc://frames");
        ZMQ.Socket client = ctx.createSocket(SocketType.PAIR);
        client.connect("inproc://frames");

        ZFrame first = new ZFrame("first");
        assertTrue(first.send(client, ZFrame.MORE));
        // send keeps the frame's data
        assertEquals("first", first.toString());
        ZFrame second = new ZFrame("second");
        assertTrue(second.sendAndKeep(client, ZFrame.MORE | ZFrame.DONTWAIT));
        assertEquals("second", second.toString());
        ZFrame third = new ZFrame("third");
        assertTrue(third.sendAndDestroy(client));
        assertFalse(third.hasData());

        ZFrame r1 = Await.result("first frame", () -> ZFrame.recvFrame(server, ZMQ.DONTWAIT));
        assertEquals("first", r1.toString());
        assertTrue(r1.hasMore());
        ZFrame r2 = ZFrame.recvFrame(server);
        assertEquals("second", r2.toString());
        assertTrue(r2.hasMore());
        ZFrame r3 = ZFrame.recvFrame(server, 0);
        assertEquals("third", r3.toString());
        assertFalse(r3.hasMore());

        ZFrame keep = new ZFrame("kept");
        assertTrue(keep.sendAndKeep(client));
        assertTrue(keep.sendAndDestroy(client, 0));
        assertEquals("kept", ZFrame.recvFrame(server).toString());
        assertEquals("kept", ZFrame.recvFrame(server).toString());
    }

    @Test
    void recvFrameReturnsNullOnEagain() {
        ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
        pull.bind("inproc://frame-eagain");
        assertNull(ZFrame.recvFrame(pull, ZMQ.DONTWAIT));
        pull.setReceiveTimeOut(50);
        assertNull(ZFrame.recvFrame(pull));
    }

    @Test
    void sendReturnsFalseInsteadOfThrowing() {
        ZMQ.Socket rep = ctx.createSocket(SocketType.REP);
        rep.bind("inproc://frame-efsm");
        ZMQ.Socket req = ctx.createSocket(SocketType.REQ);
        req.connect("inproc://frame-efsm");
        assertTrue(new ZFrame("request").send(req, 0));
        // a second request is an EFSM error: Socket.send would throw, ZFrame.send reports false
        ZFrame again = new ZFrame("again");
        assertFalse(again.send(req, 0));
        assertEquals(ZMQ.Error.EFSM.getCode(), req.errno());
        assertFalse(again.sendAndDestroy(req));
        // sendAndDestroy destroys only on success
        assertTrue(again.hasData());

        // EAGAIN is also just false
        ZMQ.Socket lonely = ctx.createSocket(SocketType.PUSH);
        assertFalse(new ZFrame("x").send(lonely, ZFrame.DONTWAIT));
        assertEquals(35, lonely.errno());
    }

    @Test
    void constantsMatchTheSocketFlags() {
        assertEquals(ZMQ.SNDMORE, ZFrame.MORE);
        assertEquals(ZMQ.DONTWAIT, ZFrame.DONTWAIT);
        assertEquals(2, ZFrame.MORE);
        assertEquals(1, ZFrame.DONTWAIT);
        assertEquals(128, ZFrame.REUSE);
    }
}
