package io.jzmtp.interop;

import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.UnroutableMessageException;
import io.jzmtp.msg.Message;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;

import static io.jzmtp.interop.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The request-reply options against libzmq and JeroMQ (ZMTP.md §9):
 * <ul>
 *   <li>REQ_RELAXED + REQ_CORRELATE: our REQ whose reply is lost asks again without being recreated (the seed's
 *   "timeout and retry" client had to close and recreate its socket), and drops the late reply to the first request,
 *   which carries the old request id; likewise when the REP crashes and a new one takes its place.</li>
 *   <li>ROUTER_MANDATORY: sending to an unknown routing id throws {@link UnroutableMessageException} (libzmq's
 *   EHOSTUNREACH) and the caller keeps the message, also once the named peer has gone; without it the message is
 *   silently dropped and later ones still arrive.</li>
 * </ul>
 */
class RequestReplyOptionsInteropIT extends InteropScenario {

    @ParameterizedTest(name = "their {0} REP, {1}")
    @MethodSource("peersAndBinders")
    void theirRepLosesReplyOurRelaxedReqRecovers_tcp(PeerKind kind, Binder binder) {
        Socket req = relaxedCorrelatedReq();
        Peer rep = theirs(kind, SocketType.REP);
        link(req, rep, binder);

        send(req, "request-1");
        expectTheir(rep, "request-1");
        // The REP "loses" the reply: it does not answer in time.
        try (Message nothing = req.receive(Duration.ofMillis(200))) {
            assertNull(nothing, "a reply arrived although none was sent");
        }
        send(req, "request-2");                         // REQ_RELAXED: no need to recreate the socket
        rep.send(utf8("late reply to request-1"));     // carries request-1's id: our REQ must drop it
        expectTheir(rep, "request-2");
        rep.send(utf8("reply to request-2"));
        expectOur(req, "reply to request-2");

        send(req, "request-3");                         // and the REQ goes on as usual
        expectTheir(rep, "request-3");
        rep.send(utf8("reply to request-3"));
        expectOur(req, "reply to request-3");
    }

    @ParameterizedTest(name = "their {0} ROUTER")
    @EnumSource(PeerKind.class)
    void theirRouterSeesOurCorrelatedRequestIds_tcp(PeerKind kind) {
        Socket req = relaxedCorrelatedReq();
        byte[] name = utf8("correlated");
        req.set(SocketOption.ROUTING_ID, name);
        Peer router = theirs(kind, SocketType.ROUTER);
        req.connect(router.bind(ANY_PORT));

        send(req, "q1");
        java.util.List<byte[]> first = receiveTheirs(router);
        send(req, "q2");
        java.util.List<byte[]> second = receiveTheirs(router);
        // [routing id][4-byte request id][empty delimiter][body] (ZMTP.md §9), ids counting up by one in host
        // (little-endian) order, as libzmq writes them.
        assertFrames(router.describe(), new byte[][] {name, first.get(1), new byte[0], utf8("q1")}, first);
        assertFrames(router.describe(), new byte[][] {name, second.get(1), new byte[0], utf8("q2")}, second);
        assertEquals(4, first.get(1).length, "request id length");
        int id1 = java.nio.ByteBuffer.wrap(first.get(1)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        int id2 = java.nio.ByteBuffer.wrap(second.get(1)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        assertEquals(id1 + 1, id2, "the second request id follows the first");

        router.send(name, first.get(1), new byte[0], utf8("stale"));    // the old id: dropped
        router.send(name, second.get(1), utf8("no delimiter"));         // malformed: dropped
        router.send(name, second.get(1), new byte[0], utf8("fresh"));
        expectOur(req, "fresh");
    }

    @ParameterizedTest(name = "their {0} REP, {1}")
    @MethodSource("peersAndBinders")
    void theirRepCrashesOurRelaxedReqAsksTheNextOne_tcp(PeerKind kind, Binder binder) {
        Socket req = relaxedCorrelatedReq();
        Peer first = theirs(kind, SocketType.REP);
        String endpoint;
        if (binder == Binder.OURS) {
            endpoint = req.bind(ANY_PORT);
            first.connect(endpoint);
        } else {
            endpoint = first.bind(ANY_PORT);
            req.connect(endpoint);
        }
        send(req, "ping-1");
        expectTheir(first, "ping-1");
        first.close();   // crashes with the request in hand

        Peer second = theirs(kind, SocketType.REP);
        if (binder == Binder.OURS) {
            second.connect(endpoint);
        } else {
            second.bind(endpoint);   // the same port: our REQ reconnects by itself
        }
        // Ask again until the new REP has it: a request sent before our side noticed the crash may still go down the
        // old connection and be lost, just like the first one (the client's retry loop, without recreating anything).
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Peer.Received got = null;
        for (int attempt = 0; got == null; attempt++) {
            if (System.nanoTime() - deadline > 0) {
                fail("the new " + second.describe() + " received no request within " + TIMEOUT);
            }
            send(req, "ping-2#" + attempt);
            got = second.receive(Duration.ofMillis(300));
        }
        String asked = new String(got.frames().get(0));
        second.send(utf8("pong for " + asked));
        expectOur(req, "pong for " + asked);
    }

    @ParameterizedTest(name = "their {0} DEALER, {1}")
    @MethodSource("peersAndBinders")
    void theirDealerOurMandatoryRouterRefusesUnknownIds_tcp(PeerKind kind, Binder binder) {
        Socket router = ours(SocketType.ROUTER);
        router.set(SocketOption.ROUTER_MANDATORY, true);
        Peer dealer = theirs(kind, SocketType.DEALER);
        byte[] known = utf8("known");
        dealer.setOption("ROUTING_ID", known);
        link(router, dealer, binder);
        dealer.send(utf8("hello"));
        expectOur(router, known, utf8("hello"));

        assertUnroutable(router, utf8("unknown"));
        assertTrue(offer(router, TIMEOUT, known, utf8("reply")));
        assertFrames(dealer.describe(), new byte[][] {utf8("reply")}, receiveTheirs(dealer));

        if (binder == Binder.OURS) {
            // The peer leaves: its id becomes unknown. (A peer we connected to keeps its id while we reconnect.)
            dealer.close();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                Message m = Message.of(known, utf8("anyone there?"));
                try {
                    if (!router.trySend(m)) {   // accepted (or would block) while our side has not noticed yet
                        m.close();
                    }
                } catch (UnroutableMessageException e) {
                    m.close();
                    assertArrayEquals(known, e.routingId());
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    fail("our ROUTER still routes to '" + new String(known) + "' " + TIMEOUT + " after it left");
                }
                try (Message wait = router.receive(Duration.ofMillis(20))) {
                    assertNull(wait);
                }
            }
        }
    }

    @ParameterizedTest(name = "their {0} DEALER")
    @EnumSource(PeerKind.class)
    void theirDealerOurRouterDropsUnknownIds_tcp(PeerKind kind) {
        Socket router = ours(SocketType.ROUTER);
        Peer dealer = theirs(kind, SocketType.DEALER);
        byte[] known = utf8("known");
        dealer.setOption("ROUTING_ID", known);
        link(router, dealer, Binder.OURS);
        dealer.send(utf8("hello"));
        expectOur(router, known, utf8("hello"));

        assertTrue(offer(router, TIMEOUT, utf8("unknown"), utf8("lost")), "an unroutable message is dropped");
        assertTrue(offer(router, TIMEOUT, known, utf8("reply")));
        assertFrames(dealer.describe() + ": the first message it gets", new byte[][] {utf8("reply")},
                receiveTheirs(dealer));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private Socket relaxedCorrelatedReq() {
        Socket req = ours(SocketType.REQ);
        req.set(SocketOption.REQ_RELAXED, true);
        req.set(SocketOption.REQ_CORRELATE, true);
        return req;
    }

    private static void send(Socket socket, String text) {
        assertTrue(offer(socket, TIMEOUT, utf8(text)), "our " + socket.type() + " could not send " + text);
    }

    private static void expectTheir(Peer peer, String text) {
        assertFrames(peer.describe(), new byte[][] {utf8(text)}, receiveTheirs(peer));
    }

    private static java.util.List<byte[]> receiveTheirs(Peer peer) {
        Peer.Received r = peer.receive(TIMEOUT);
        assertNotNull(r, peer.describe() + " received nothing within " + TIMEOUT);
        return r.frames();
    }

    private static void expectOur(Socket socket, String text) {
        expectOur(socket, utf8(text));
    }

    private static void expectOur(Socket socket, byte[]... frames) {
        try (Message m = socket.receive()) {
            assertNotNull(m, "our " + socket.type() + " received nothing within " + TIMEOUT);
            java.util.List<byte[]> got = new java.util.ArrayList<>();
            for (int i = 0; i < m.size(); i++) {
                got.add(m.frame(i).toBytes());
            }
            assertFrames("our " + socket.type(), frames, got);
        }
    }

    /** Sending to {@code id} throws, names the id, and leaves the message with the caller. */
    private static void assertUnroutable(Socket router, byte[] id) {
        Message m = Message.of(id, utf8("to nobody"));
        try {
            router.send(m);
        } catch (UnroutableMessageException e) {
            assertArrayEquals(id, e.routingId());
            assertEquals(2, m.size(), "the caller still owns the whole message");
            m.close();
            return;
        }
        fail("our ROUTER with ROUTER_MANDATORY accepted a message for the unknown id " + new String(id));
    }
}
