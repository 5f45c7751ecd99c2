package io.jzmtp.socket;

import io.jzmtp.SocketOption;
import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.routing.MemoryPipes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jzmtp.routing.MemoryPipes.consume;
import static io.jzmtp.routing.MemoryPipes.deliver;
import static io.jzmtp.routing.MemoryPipes.drainOutbound;
import static io.jzmtp.routing.MemoryPipes.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** REQ (RFC 28, ZMTP.md §9) over in-memory pipes: envelopes, lock-step, reply filtering, correlation, relaxation. */
class ReqSocketTest {

    private final MutableOptions options = new MutableOptions();
    private final ReqSocket req = options.of(new ReqSocket(options));
    private final MemoryPipes pipes = new MemoryPipes().onReadable(req::readable);

    @AfterEach
    void releaseQueued() {
        pipes.releaseAll();
    }

    private Pipe peer() {
        Pipe p = pipes.pipe(0, 0);
        req.attach(p);
        return p;
    }

    private void send(String... parts) {
        Message m = message(parts);
        if (!req.send(m)) {
            m.close();
            throw new AssertionError("send would block");
        }
    }

    /** The frames of the next message queued for the peer, as raw bytes; releases it. */
    private static byte[][] nextOutbound(Pipe p) {
        try (Message m = p.pollOutbound()) {
            assertNotNull(m, "nothing was sent to " + p);
            byte[][] frames = new byte[m.size()][];
            for (int i = 0; i < m.size(); i++) {
                frames[i] = m.frame(i).toBytes();
            }
            return frames;
        }
    }

    @Test
    void requestGoesOutBehindAnEmptyDelimiter() {
        Pipe rep = peer();
        send("hello", "world");
        assertEquals(List.of("|hello|world"), drainOutbound(rep));
    }

    @Test
    void requestsRoundRobinOverPeersOneReplyEach() {
        Pipe a = peer();
        Pipe b = peer();
        Pipe c = peer();
        List<Pipe> order = List.of(a, b, c, a, b, c);
        for (int i = 0; i < order.size(); i++) {
            send("q" + i);
            Pipe asked = order.get(i);
            assertEquals(List.of("|q" + i), drainOutbound(asked), "request " + i);
            deliver(asked, "", "r" + i);
            assertEquals("r" + i, consume(req.receive()));
        }
    }

    @Test
    void sendingTwiceWithoutReceivingNamesTheState() {
        peer();
        send("first");
        try (Message second = message("second")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> req.send(second));
            assertEquals("REQ socket is waiting for a reply; receive it first, or set REQ_RELAXED", e.getMessage());
            assertEquals("second", MemoryPipes.text(second), "the caller keeps the message untouched");
        }
        assertFalse(req.canSend());
    }

    @Test
    void receivingBeforeSendingNamesTheState() {
        peer();
        IllegalStateException e = assertThrows(IllegalStateException.class, req::receive);
        assertTrue(e.getMessage().contains("no request outstanding"), e.getMessage());
        assertFalse(req.canReceive());
    }

    @Test
    void replyFromAPeerThatWasNotAskedIsDropped() {
        Pipe a = peer();
        Pipe b = peer();
        send("q");
        deliver(b, "", "forged");
        assertEquals(0, b.inboundSize(), "dropped on arrival");
        assertNull(req.receive());
        assertFalse(req.canReceive());
        deliver(a, "", "genuine");
        assertTrue(req.canReceive());
        assertEquals("genuine", consume(req.receive()));
        drainOutbound(a);
    }

    @Test
    void replyWithoutDelimiterOrBodyIsDropped() {
        Pipe rep = peer();
        send("q");
        deliver(rep, "no delimiter");
        deliver(rep, "x", "", "delimiter not first");
        deliver(rep, "");   // delimiter but no body
        assertNull(req.receive(), "none of those is a reply");
        deliver(rep, "", "ok");
        assertEquals("ok", consume(req.receive()));
        IllegalStateException e = assertThrows(IllegalStateException.class, req::receive, "one reply per request");
        assertTrue(e.getMessage().contains("send one"), e.getMessage());
    }

    @Test
    void sendWouldBlockWithoutPeersOrRoomAndTheCallerKeepsTheMessage() {
        try (Message m = message("q")) {
            assertFalse(req.send(m), "no peer");
            assertEquals("q", MemoryPipes.text(m), "no envelope left on it");
        }
        Pipe full = pipes.pipe(1, 0);
        req.attach(full);
        full.offer(message("filler"));
        assertFalse(req.canSend());
        try (Message m = message("q")) {
            assertFalse(req.send(m));
            assertEquals("q", MemoryPipes.text(m));
        }
        options.set(SocketOption.REQ_CORRELATE, true);
        try (Message m = message("q")) {
            assertFalse(req.send(m));
            assertEquals(1, m.size(), "neither id nor delimiter left on it");
        }
        assertEquals(List.of("filler"), drainOutbound(full));
        send("now");
        assertEquals(3, nextOutbound(full).length);
    }

    @Test
    void correlatedRequestsCarryConsecutiveLittleEndianIds() {
        options.set(SocketOption.REQ_CORRELATE, true);
        Pipe rep = peer();
        send("q1");
        byte[][] first = nextOutbound(rep);
        assertEquals(3, first.length);
        assertEquals(4, first[0].length, "a 4-byte request id");
        assertEquals(0, first[1].length, "then the delimiter");
        replyTo(rep, first[0], "r1");
        assertEquals("r1", consume(req.receive()));

        send("q2");
        byte[][] second = nextOutbound(rep);
        assertEquals(littleEndian(first[0]) + 1, littleEndian(second[0]), "counts up by one per request");
        replyTo(rep, first[0], "stale");
        assertNull(req.receive(), "a reply with another id is dropped");
        replyTo(rep, second[0], "r2");
        assertEquals("r2", consume(req.receive()));
    }

    @Test
    void relaxedReqMaySendAgainAndTheLateReplyIsDropped() {
        options.set(SocketOption.REQ_RELAXED, true).set(SocketOption.REQ_CORRELATE, true);
        Pipe rep = peer();
        send("q1");
        byte[][] first = nextOutbound(rep);
        assertTrue(req.canSend(), "relaxed: sending is allowed while a reply is due");
        send("q2");
        byte[][] second = nextOutbound(rep);
        replyTo(rep, first[0], "late reply to q1");
        assertNull(req.receive(), "the abandoned request's reply is dropped");
        replyTo(rep, second[0], "r2");
        assertEquals("r2", consume(req.receive()));
    }

    @Test
    void leftoversOfTheLastExchangeAreDroppedAtTheNextRequest() {
        Pipe rep = peer();
        send("q1");
        deliver(rep, "", "r1");
        deliver(rep, "", "duplicate r1");
        assertEquals("r1", consume(req.receive()));
        send("q2");
        assertNull(req.receive(), "the duplicate does not answer q2");
        deliver(rep, "", "r2");
        assertEquals("r2", consume(req.receive()));
        drainOutbound(rep);
    }

    @Test
    void relaxedReqSendsElsewhereWhenTheAskedPeerLeaves() {
        options.set(SocketOption.REQ_RELAXED, true);
        Pipe a = peer();
        Pipe b = peer();
        send("q1");
        assertEquals(List.of("|q1"), drainOutbound(a));
        req.detach(a);
        a.terminate();
        send("q2");
        assertEquals(List.of("|q2"), drainOutbound(b));
        deliver(b, "", "r2");
        assertEquals("r2", consume(req.receive()));
    }

    @Test
    void replyThatArrivedBeforeThePeerLeftIsStillDelivered() {
        Pipe rep = peer();
        send("q");
        deliver(rep, "", "answer");
        req.detach(rep);
        rep.terminate();
        assertEquals("answer", consume(req.receive()));
    }

    @Test
    void strictReqKeepsWaitingWhenTheAskedPeerLeaves() {
        Pipe a = peer();
        peer();
        send("q");
        req.detach(a);
        assertNull(req.receive());
        try (Message m = message("again")) {
            assertThrows(IllegalStateException.class, () -> req.send(m), "libzmq's strict REQ is stuck too");
        }
    }

    private static void replyTo(Pipe rep, byte[] requestId, String body) {
        Message m = new Message();
        m.add(Frame.of(requestId.clone())).add(Frame.empty());
        Message b = message(body);
        m.add(b.pop());
        rep.pushInbound(m);
    }

    private static int littleEndian(byte[] b) {
        assertEquals(4, b.length);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }
}
