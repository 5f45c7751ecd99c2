package io.jzmtp;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.jzmtp.TestSupport.PATIENCE;
import static io.jzmtp.TestSupport.pooled;
import static io.jzmtp.TestSupport.receiveText;
import static io.jzmtp.TestSupport.sendOrFail;
import static io.jzmtp.TestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** REQ and REP (RFC 28) over loopback, with each other and with DEALER and ROUTER: envelopes, routing, lock-step. */
class ReqRepIT {

    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void helloWorldWithRepBound() {
        Socket rep = ctx.socket(SocketType.REP);
        Socket req = ctx.socket(SocketType.REQ);
        req.connect(rep.bind("tcp://127.0.0.1:*"));
        exchange(req, rep, 20);
    }

    @Test
    void helloWorldWithReqBound() {
        Socket req = ctx.socket(SocketType.REQ);
        Socket rep = ctx.socket(SocketType.REP);
        rep.connect(req.bind("tcp://127.0.0.1:*"));
        exchange(req, rep, 20);
    }

    private static void exchange(Socket req, Socket rep, int rounds) {
        for (int i = 0; i < rounds; i++) {
            sendOrFail(req, pooled("hello", Integer.toString(i)));
            assertEquals("hello|" + i, receiveText(rep));
            sendOrFail(rep, pooled("world", Integer.toString(i)));
            assertEquals("world|" + i, receiveText(req));
        }
    }

    /** A REQ connecting to three REPs has all three pipes at once, so requests go round in connect order. */
    @Test
    void reqRoundRobinsOverThreeReps() {
        Socket req = ctx.socket(SocketType.REQ);
        List<Socket> reps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Socket rep = ctx.socket(SocketType.REP);
            req.connect(rep.bind("tcp://127.0.0.1:*"));
            reps.add(rep);
        }
        for (int i = 0; i < 9; i++) {
            sendOrFail(req, pooled("q" + i));
            Socket asked = reps.get(i % 3);
            assertEquals("q" + i, receiveText(asked), "request " + i + " goes to REP " + (i % 3));
            sendOrFail(asked, pooled("from REP " + (i % 3)));
            assertEquals("from REP " + (i % 3), receiveText(req));
        }
    }

    /** Five REQs ask one REP at once: each gets the answer to its own question. */
    @Test
    void repWithManyReqsRepliesToEachAsker() {
        Socket rep = ctx.socket(SocketType.REP);
        String ep = rep.bind("tcp://127.0.0.1:*");
        List<Socket> reqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Socket req = ctx.socket(SocketType.REQ);
            req.connect(ep);
            sendOrFail(req, pooled("question " + i));
            reqs.add(req);
        }
        for (int i = 0; i < 5; i++) {
            String question = receiveText(rep);
            sendOrFail(rep, pooled("answer to " + question));
        }
        for (int i = 0; i < 5; i++) {
            assertEquals("answer to question " + i, receiveText(reqs.get(i)));
        }
    }

    @Test
    void reqRefusesTheWrongOrderNamingTheState() {
        Socket rep = ctx.socket(SocketType.REP);
        Socket req = ctx.socket(SocketType.REQ);
        req.connect(rep.bind("tcp://127.0.0.1:*"));
        IllegalStateException early = assertThrows(IllegalStateException.class, () -> req.receive(PATIENCE));
        assertTrue(early.getMessage().contains("REQ"), early.getMessage());
        sendOrFail(req, pooled("first"));
        try (Message second = pooled("second")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> req.send(second));
            assertEquals("REQ socket is waiting for a reply; receive it first, or set REQ_RELAXED", e.getMessage());
        }
        assertEquals("first", receiveText(rep));
        assertThrows(IllegalStateException.class, () -> rep.receive(PATIENCE), "REP must reply first");
        sendOrFail(rep, pooled("reply"));
        assertThrows(IllegalStateException.class, () -> rep.send("unasked"), "REP has nothing to reply to");
        assertEquals("reply", receiveText(req));
    }

    /**
     * Lazy pirate without a new socket: the REP sits on the first request, the REQ (relaxed, correlated) asks again,
     * and when the REP finally answers the first request that late reply is discarded; the second one arrives.
     */
    @Test
    void relaxedCorrelatedReqRecoversFromALostReply() {
        Socket rep = ctx.socket(SocketType.REP);
        Socket req = ctx.socket(SocketType.REQ)
                .set(SocketOption.REQ_RELAXED, true)
                .set(SocketOption.REQ_CORRELATE, true);
        req.connect(rep.bind("tcp://127.0.0.1:*"));
        sendOrFail(req, pooled("attempt 1"));
        assertEquals("attempt 1", receiveText(rep));   // received, but the answer is "lost" for now
        sendOrFail(req, pooled("attempt 2"));
        sendOrFail(rep, pooled("late answer to attempt 1"));
        assertEquals("attempt 2", receiveText(rep));
        sendOrFail(rep, pooled("answer to attempt 2"));
        assertEquals("answer to attempt 2", receiveText(req), "the late answer was discarded");
        sendOrFail(req, pooled("attempt 3"));
        assertEquals("attempt 3", receiveText(rep));
        sendOrFail(rep, pooled("answer to attempt 3"));
        assertEquals("answer to attempt 3", receiveText(req));
    }

    /** What a ROUTER sees of a REQ: [routing id][empty delimiter][body]; the reply needs the same envelope. */
    @Test
    void reqToRouterEnvelope() {
        Socket router = ctx.socket(SocketType.ROUTER);
        Socket req = ctx.socket(SocketType.REQ).set(SocketOption.ROUTING_ID, "client-1".getBytes());
        req.connect(router.bind("tcp://127.0.0.1:*"));
        sendOrFail(req, pooled("hello"));
        try (Message m = router.receive(PATIENCE)) {
            assertNotNull(m);
            assertEquals("client-1||hello", text(m));
            assertTrue(m.frame(1).isEmpty());
        }
        sendOrFail(router, pooled("client-1", "", "world"));
        assertEquals("world", receiveText(req));
    }

    /** A REQ_CORRELATE request as a ROUTER sees it: [id][4-byte request id][delimiter][body]. */
    @Test
    void correlatedReqToRouterCarriesTheRequestId() {
        Socket router = ctx.socket(SocketType.ROUTER);
        Socket req = ctx.socket(SocketType.REQ)
                .set(SocketOption.ROUTING_ID, "c".getBytes())
                .set(SocketOption.REQ_CORRELATE, true);
        req.connect(router.bind("tcp://127.0.0.1:*"));
        sendOrFail(req, pooled("hello"));
        byte[] requestId;
        try (Message m = router.receive(PATIENCE)) {
            assertNotNull(m);
            assertEquals(4, m.size());
            requestId = m.frame(1).toBytes();
            assertEquals(4, requestId.length);
            assertTrue(m.frame(2).isEmpty());
        }
        byte[] wrong = requestId.clone();
        wrong[0]++;
        sendOrFail(router, Message.of(Frame.of("c".getBytes()), Frame.of(wrong), Frame.empty(), Frame.of("bad")));
        sendOrFail(router, Message.of(Frame.of("c".getBytes()), Frame.of(requestId), Frame.empty(),
                Frame.of("good")));
        assertEquals("good", receiveText(req));
    }

    /** What a REP expects from a DEALER: the DEALER writes the delimiter itself, and gets it back on the reply. */
    @Test
    void dealerToRepEnvelope() {
        Socket rep = ctx.socket(SocketType.REP);
        Socket dealer = ctx.socket(SocketType.DEALER);
        dealer.connect(rep.bind("tcp://127.0.0.1:*"));
        sendOrFail(dealer, pooled("", "hello"));
        assertEquals("hello", receiveText(rep));
        sendOrFail(rep, pooled("world"));
        assertEquals("|world", receiveText(dealer));

        sendOrFail(dealer, pooled("hop-2", "hop-1", "", "multi", "part"));
        assertEquals("multi|part", receiveText(rep));
        sendOrFail(rep, pooled("re", "ply"));
        assertEquals("hop-2|hop-1||re|ply", receiveText(dealer));
    }

    /** A DEALER may have many requests in flight to several REPs at once, unlike a REQ. */
    @Test
    void dealerKeepsManyRequestsInFlight() {
        Socket dealer = ctx.socket(SocketType.DEALER);
        List<Socket> reps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Socket rep = ctx.socket(SocketType.REP);
            dealer.connect(rep.bind("tcp://127.0.0.1:*"));
            reps.add(rep);
        }
        for (int i = 0; i < 6; i++) {
            sendOrFail(dealer, pooled("", "q" + i));
        }
        for (int i = 0; i < 6; i++) {
            Socket rep = reps.get(i % 2);
            String q = receiveText(rep);
            assertEquals("q" + i, q);
            sendOrFail(rep, pooled("r" + q.substring(1)));
        }
        Map<String, Integer> replies = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            replies.merge(receiveText(dealer), 1, Integer::sum);
        }
        for (int i = 0; i < 6; i++) {
            assertEquals(1, replies.get("|r" + i), replies.toString());
        }
    }
}
