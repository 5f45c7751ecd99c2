package io.jzmtp.interop;

import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.jzmtp.interop.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routing ids and envelopes with libzmq and JeroMQ beyond the plain request-reply pairs (ZMTP.md §9): our REP keeps
 * a multi-hop envelope; our ROUTER names anonymous peers with 5-byte ids ({@code 00} + counter); a second peer with an
 * id already in use is ignored, or takes it over with ROUTER_HANDOVER; PROBE_ROUTER greets a ROUTER with an empty
 * message; CONNECT_ROUTING_ID lets our ROUTER address a peer it connects to before the connection is up.
 */
class RoutingInteropIT extends InteropScenario {

    @ParameterizedTest(name = "their {0} DEALER")
    @EnumSource(PeerKind.class)
    void ourRepKeepsAMultiHopEnvelope_tcp(PeerKind kind) {
        Socket rep = ours(SocketType.REP);
        Peer dealer = theirs(kind, SocketType.DEALER);
        dealer.connect(rep.bind(ANY_PORT));
        // As if through two ROUTER/DEALER brokers: [hop-1][hop-2][empty][body].
        dealer.send(utf8("hop-1"), utf8("hop-2"), new byte[0], utf8("question"), utf8("part 2"));
        try (Message m = rep.receive()) {
            assertNotNull(m, "our REP received nothing within " + TIMEOUT);
            assertEquals(2, m.size(), "our REP hands over the body only: " + m);
            assertEquals("question", m.frame(0).toUtf8());
            assertEquals("part 2", m.frame(1).toUtf8());
        }
        assertTrue(offer(rep, TIMEOUT, utf8("answer")));
        Peer.Received r = dealer.receive(TIMEOUT);
        assertNotNull(r, dealer.describe() + " got no reply");
        assertFrames(dealer.describe(), new byte[][] {utf8("hop-1"), utf8("hop-2"), new byte[0], utf8("answer")},
                r.frames());
    }

    @ParameterizedTest(name = "their {0} DEALERs")
    @EnumSource(PeerKind.class)
    void ourRouterNamesAnonymousPeers_tcp(PeerKind kind) {
        Socket router = ours(SocketType.ROUTER);
        String endpoint = router.bind(ANY_PORT);
        List<Peer> dealers = List.of(theirs(kind, SocketType.DEALER), theirs(kind, SocketType.DEALER));
        List<byte[]> ids = new ArrayList<>();
        for (int i = 0; i < dealers.size(); i++) {
            dealers.get(i).connect(endpoint);
            dealers.get(i).send(utf8("from " + i));
            try (Message m = router.receive()) {
                assertNotNull(m, "our ROUTER received nothing from dealer " + i);
                byte[] id = m.frame(0).toBytes();
                assertEquals(5, id.length, "a generated routing id is 5 bytes");
                assertEquals(0, id[0], "a generated routing id starts with 00");
                assertEquals("from " + i, m.frame(1).toUtf8());
                ids.add(id);
            }
        }
        assertFalse(java.util.Arrays.equals(ids.get(0), ids.get(1)), "two peers, two ids");
        for (int i = dealers.size() - 1; i >= 0; i--) {
            assertTrue(offer(router, TIMEOUT, ids.get(i), utf8("to " + i)));
        }
        for (int i = 0; i < dealers.size(); i++) {
            Peer.Received r = dealers.get(i).receive(TIMEOUT);
            assertNotNull(r, dealers.get(i).describe() + " " + i + " got nothing");
            assertFrames(dealers.get(i).describe(), new byte[][] {utf8("to " + i)}, r.frames());
        }
    }

    /** libzmq only: its monitor tells when the second connection's handshake is done. */
    @ParameterizedTest(name = "ROUTER_HANDOVER {0}")
    @ValueSource(booleans = {false, true})
    void ourRouterAndASecondLibzmqDealerWithTheSameId_tcp(boolean handover) {
        Socket router = ours(SocketType.ROUTER);
        router.set(SocketOption.ROUTER_HANDOVER, handover);
        String endpoint = router.bind(ANY_PORT);
        byte[] id = utf8("dup");
        LibzmqPeer first = (LibzmqPeer) theirs(PeerKind.LIBZMQ, SocketType.DEALER);
        first.setOption("ROUTING_ID", id);
        first.connect(endpoint);
        first.send(utf8("first"));
        expectRouted(router, id, "first");

        LibzmqPeer second = (LibzmqPeer) theirs(PeerKind.LIBZMQ, SocketType.DEALER);
        second.setOption("ROUTING_ID", id);
        second.connect(endpoint);
        second.awaitEvent(Set.of("HANDSHAKE_SUCCEEDED"), Set.of(), TIMEOUT);
        second.send(utf8("second"));
        if (handover) {
            expectRouted(router, id, "second");   // the newcomer took the id…
            assertTrue(offer(router, TIMEOUT, id, utf8("reply")));
            assertFrames(second.describe(), new byte[][] {utf8("reply")}, second.receive(TIMEOUT).frames());
            first.awaitEvent(Set.of("DISCONNECTED"), Set.of(), TIMEOUT);   // …and the old connection was closed
        } else {
            try (Message m = router.receive(Duration.ofMillis(300))) {
                assertNull(m, "a message from the second peer with a taken id was delivered: " + m);
            }
            assertTrue(offer(router, TIMEOUT, id, utf8("reply")));
            assertFrames(first.describe(), new byte[][] {utf8("reply")}, first.receive(TIMEOUT).frames());
            assertNull(second.receive(Duration.ofMillis(100)), "the second peer got the first one's reply");
        }
    }

    @ParameterizedTest(name = "their {0} ROUTER")
    @EnumSource(PeerKind.class)
    void theirRouterOurProbingDealer_tcp(PeerKind kind) {
        Socket dealer = ours(SocketType.DEALER);
        dealer.set(SocketOption.PROBE_ROUTER, true);
        dealer.set(SocketOption.ROUTING_ID, utf8("prober"));
        Peer router = theirs(kind, SocketType.ROUTER);
        dealer.connect(router.bind(ANY_PORT));
        Peer.Received probe = router.receive(TIMEOUT);
        assertNotNull(probe, router.describe() + " got no probe");
        assertFrames(router.describe() + ": the probe is an empty message", new byte[][] {utf8("prober"),
                new byte[0]}, probe.frames());
        router.send(utf8("prober"), utf8("welcome"));
        try (Message m = dealer.receive()) {
            assertNotNull(m, "our DEALER got no answer to its probe");
            assertEquals("welcome", m.frame(0).toUtf8());
        }
    }

    @ParameterizedTest(name = "their {0} ROUTER")
    @EnumSource(PeerKind.class)
    void theirRouterOurRouterWithConnectRoutingId_tcp(PeerKind kind) {
        Peer theirRouter = theirs(kind, SocketType.ROUTER);
        theirRouter.setOption("ROUTING_ID", utf8("their-name"));
        String endpoint = theirRouter.bind(ANY_PORT);
        Socket router = ours(SocketType.ROUTER);
        router.set(SocketOption.ROUTING_ID, utf8("our-name"));
        router.set(SocketOption.CONNECT_ROUTING_ID, utf8("alias"));
        router.connect(endpoint);
        // Known by the alias from the start: the message waits for the connection instead of being dropped.
        assertTrue(offer(router, TIMEOUT, utf8("alias"), utf8("early")));
        Peer.Received r = theirRouter.receive(TIMEOUT);
        assertNotNull(r, theirRouter.describe() + " got nothing");
        assertFrames(theirRouter.describe(), new byte[][] {utf8("our-name"), utf8("early")}, r.frames());
        theirRouter.send(utf8("our-name"), utf8("back"));
        expectRouted(router, utf8("alias"), "back");
    }

    private static void expectRouted(Socket router, byte[] id, String text) {
        try (Message m = router.receive()) {
            assertNotNull(m, "our ROUTER received nothing within " + TIMEOUT + ", expected " + text);
            assertArrayEquals(id, m.frame(0).toBytes(), "routing id of " + text);
            assertEquals(text, m.frame(1).toUtf8());
            assertEquals(2, m.size());
        }
    }
}
