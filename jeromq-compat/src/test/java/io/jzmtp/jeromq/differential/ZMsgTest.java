package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * Pins {@code ZMsg} as a {@code Deque<ZFrame>}: recvMsg/send (send clears the message, send(s, false) keeps it), the
 * push/pop/wrap/unwrap envelope helpers, string helpers, duplicate, the exact {@code dump} and {@code toString}
 * formats, save/load, equals and contentSize.
 */
class ZMsgTest {
    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    private ZMQ.Socket[] pair(String name) {
        ZMQ.Socket server = ctx.createSocket(SocketType.PAIR);
        server.bind("inproc://" + name);
        server.setReceiveTimeOut(5000);
        ZMQ.Socket client = ctx.createSocket(SocketType.PAIR);
        client.connect("inproc://" + name);
        client.setReceiveTimeOut(5000);
        return new ZMQ.Socket[] {server, client};
    }

    @Test
    void sendClearsTheMessageAndRecvMsgReadsAllFrames() {
        ZMQ.Socket[] s = pair("zmsg-send");
        ZMsg msg = ZMsg.newStringMsg("a", "b", "c");
        assertTrue(msg.send(s[1]));
        assertEquals(0, msg.size());
        assertTrue(msg.isEmpty());

        ZMsg received = ZMsg.recvMsg(s[0]);
        assertEquals(3, received.size());
        assertEquals("a", received.popString());
        assertEquals("b", received.popString());
        assertEquals("c", received.popString());
        assertNull(received.popString());
        assertFalse(s[0].hasReceiveMore());
    }

    @Test
    void sendWithoutDestroyKeepsTheMessage() {
        ZMQ.Socket[] s = pair("zmsg-keep");
        ZMsg msg = ZMsg.newStringMsg("keep", "me");
        assertTrue(msg.send(s[1], false));
        assertTrue(msg.send(s[1], false));
        assertEquals(2, msg.size());
        assertEquals(msg, ZMsg.recvMsg(s[0]));
        assertEquals(msg, ZMsg.recvMsg(s[0]));
        assertTrue(msg.send(s[1], true));
        assertEquals(0, msg.size());
    }

    @Test
    void receivedFramesCarryTheMoreFlag() {
        ZMQ.Socket[] s = pair("zmsg-more");
        ZMsg.newStringMsg("x", "y").send(s[1]);
        ZMsg received = ZMsg.recvMsg(s[0]);
        assertTrue(received.getFirst().hasMore());
        assertFalse(received.getLast().hasMore());
    }

    @Test
    void recvMsgWithFlagsReturnsNullOnEagain() {
        ZMQ.Socket[] s = pair("zmsg-eagain");
        assertNull(ZMsg.recvMsg(s[0], ZMQ.DONTWAIT));
        assertNull(ZMsg.recvMsg(s[0], false));
        s[1].send("now");
        ZMsg msg = Await.result("a message", () -> ZMsg.recvMsg(s[0], ZMQ.DONTWAIT));
        assertEquals("now", msg.popString());
    }

    @Test
    void emptyMessageSendsNothing() {
        ZMQ.Socket[] s = pair("zmsg-empty");
        assertTrue(new ZMsg().send(s[1]));
        s[1].send("marker");
        assertEquals("marker", s[0].recvStr());
    }

    @Test
    void dequeOperations() {
        ZMsg msg = new ZMsg();
        assertTrue(msg instanceof Deque);
        assertTrue(msg.add("middle"));
        msg.push("first");
        msg.add(new ZFrame("last"));
        msg.addFirst("zeroth");
        msg.addLast("end".getBytes(StandardCharsets.UTF_8));
        msg.addString("tail");
        msg.append("appended");
        assertEquals(7, msg.size());
        assertEquals("zeroth", msg.getFirst().toString());
        assertEquals("appended", msg.getLast().toString());
        assertEquals("zeroth", msg.peekFirst().toString());

        List<String> all = new ArrayList<>();
        for (ZFrame frame : msg) {
            all.add(frame.toString());
        }
        assertEquals(List.of("zeroth", "first", "middle", "last", "end", "tail", "appended"), all);

        ZFrame popped = msg.pop();
        assertEquals("zeroth", popped.toString());
        assertEquals("appended", msg.removeLast().toString());
        assertEquals("first", msg.popString());
        assertEquals(4, msg.size());
        msg.destroy();
        assertEquals(0, msg.size());
        assertNull(msg.pop());
    }

    @Test
    void wrapAndUnwrapAnEnvelope() {
        ZMsg msg = ZMsg.newStringMsg("body");
        ZFrame address = new ZFrame("client-7");
        assertSame(msg, msg.wrap(address));
        assertEquals(3, msg.size());
        assertEquals("client-7", msg.getFirst().toString());
        assertEquals(0, msg.toArray(new ZFrame[0])[1].size());

        ZFrame unwrapped = msg.unwrap();
        assertEquals("client-7", unwrapped.toString());
        // the empty delimiter went with it
        assertEquals(1, msg.size());
        assertEquals("body", msg.popString());

        // without a delimiter, unwrap pops only the first frame
        ZMsg plain = ZMsg.newStringMsg("id", "payload");
        assertEquals("id", plain.unwrap().toString());
        assertEquals(1, plain.size());
    }

    @Test
    void duplicateIsDeep() {
        ZMsg msg = ZMsg.newStringMsg("a", "b");
        ZMsg copy = msg.duplicate();
        assertNotSame(msg, copy);
        assertEquals(msg, copy);
        assertNotSame(msg.getFirst(), copy.getFirst());
        copy.getFirst().reset("changed");
        assertEquals("a", msg.getFirst().toString());
        assertNotEquals(msg, copy);
    }

    @Test
    void equalsHashCodeAndContentSize() {
        ZMsg one = ZMsg.newStringMsg("ab", "cde");
        ZMsg two = new ZMsg();
        two.add("ab".getBytes(StandardCharsets.UTF_8));
        two.add(new ZFrame("cde"));
        assertEquals(one, two);
        assertEquals(one.hashCode(), two.hashCode());
        assertEquals(5, one.contentSize());
        assertEquals(0, new ZMsg().contentSize());
        assertNotEquals(one, ZMsg.newStringMsg("ab"));
        assertNotEquals(one, ZMsg.newStringMsg("ab", "cdf"));
        assertEquals(new ZMsg(), new ZMsg());
    }

    @Test
    void dumpFormat() {
        ZMsg msg = new ZMsg();
        msg.add("hello");
        msg.add(new byte[0]);
        msg.add(new byte[] {0, 1, (byte) 0xab, 0x7f});
        StringBuilder out = new StringBuilder();
        assertSame(msg, msg.dump(out));
        assertEquals("--------------------------------------\n"
                + "[005] hello\n"
                + "[000] \n"
                + "[004] 0001AB7F\n", out.toString());
        assertEquals(3, msg.size());
    }

    @Test
    void toStringFormat() {
        assertEquals("[ a, b ]", ZMsg.newStringMsg("a", "b").toString());
        ZMsg binary = new ZMsg();
        binary.add(new byte[] {1, 2});
        binary.add("text");
        assertEquals("[ 0102, text ]", binary.toString());
    }

    @Test
    void saveAndLoadRoundTrip() throws Exception {
        ZMsg msg = new ZMsg();
        msg.add("first");
        msg.add(new byte[0]);
        msg.add(new byte[] {0, -1, 2});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertTrue(ZMsg.save(msg, new DataOutputStream(bytes)));
        // frame count, then length-prefixed frames
        byte[] saved = bytes.toByteArray();
        assertEquals(4 + 4 + 5 + 4 + 4 + 3, saved.length);
        assertArrayEquals(new byte[] {0, 0, 0, 3, 0, 0, 0, 5}, Arrays.copyOf(saved, 8));

        ZMsg loaded = ZMsg.load(new DataInputStream(new ByteArrayInputStream(saved)));
        assertEquals(msg, loaded);
        assertEquals(3, msg.size());
        assertFalse(ZMsg.save(null, new DataOutputStream(new ByteArrayOutputStream())));
    }

    @Test
    void newStringMsgAndPopString() {
        ZMsg msg = ZMsg.newStringMsg("one", "två");
        assertEquals(2, msg.size());
        assertEquals("one", msg.popString());
        // popString is the frame's toString: bytes outside 32..127 (here UTF-8 for 'å') make it hex
        assertEquals("7476C3A5", msg.popString());
        assertNull(msg.popString());
    }

    @Test
    void routerEnvelopeRoundTrip() {
        ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
        router.setReceiveTimeOut(5000);
        router.bind("inproc://zmsg-router");
        ZMQ.Socket dealer = ctx.createSocket(SocketType.DEALER);
        dealer.setIdentity("D1".getBytes(StandardCharsets.UTF_8));
        dealer.setReceiveTimeOut(5000);
        dealer.connect("inproc://zmsg-router");

        ZMsg request = new ZMsg();
        request.add(new byte[0]);
        request.add("request");
        request.send(dealer);

        ZMsg received = ZMsg.recvMsg(router);
        ZFrame identity = received.unwrap();
        assertEquals("D1", identity.toString());
        assertEquals("request", received.popString());

        ZMsg reply = ZMsg.newStringMsg("reply");
        reply.wrap(identity);
        reply.send(router);
        ZMsg answer = ZMsg.recvMsg(dealer);
        assertEquals(2, answer.size());
        assertEquals(0, answer.pop().size());
        assertEquals("reply", answer.popString());
    }
}
