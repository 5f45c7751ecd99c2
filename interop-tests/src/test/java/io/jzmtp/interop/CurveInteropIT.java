package io.jzmtp.interop;

import io.jzmtp.Socket;
import io.jzmtp.SocketEvent;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;
import io.jzmtp.security.CurveKeyPair;
import io.jzmtp.security.ZapReply;
import io.jzmtp.security.ZapRequest;
import io.jzmtp.wire.ZmtpError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CURVE (RFC 25/26) on the wire against libzmq and JeroMQ, jzmtp as client and as server, either side binding: every
 * payload both ways (commands and MORE inside MESSAGE boxes), REQ/REP, DEALER/ROUTER, PUB/SUB with the subscription
 * inside a box, ZAP on both sides with its user id reaching the application, and the refusals (a wrong server key, a
 * ZAP 400), after which the refused client has delivered nothing; and CURVE over ipc against libzmq.
 */
class CurveInteropIT extends InteropScenario {

    private static final Duration REFUSAL_GRACE = Duration.ofMillis(700);
    private final CurveKeyPair server = CurveKeyPair.generate();
    private final CurveKeyPair client = CurveKeyPair.generate();

    private Socket ourServer(SocketType type) {
        Socket s = ours(type);
        s.set(SocketOption.CURVE_SERVER, true);
        s.set(SocketOption.CURVE_SECRETKEY, server.secretKey());
        return s;
    }

    private Socket ourClient(SocketType type, byte[] serverKey) {
        Socket s = ours(type);
        s.set(SocketOption.CURVE_SERVERKEY, serverKey);
        s.set(SocketOption.CURVE_PUBLICKEY, client.publicKeyZ85().getBytes(StandardCharsets.US_ASCII));
        s.set(SocketOption.CURVE_SECRETKEY, client.secretKey());
        return s;
    }

    private Peer theirServer(PeerKind kind, SocketType type) {
        Peer p = theirs(kind, type);
        p.setOption("CURVE_SERVER", 1);
        p.setOption("CURVE_SECRETKEY", server.secretKey());
        return p;
    }

    private Peer theirClient(PeerKind kind, SocketType type, byte[] serverKey) {
        Peer p = theirs(kind, type);
        p.setOption("CURVE_SERVERKEY", serverKey);
        p.setOption("CURVE_PUBLICKEY", client.publicKey());
        p.setOption("CURVE_SECRETKEY", client.secretKey());
        return p;
    }

    @ParameterizedTest(name = "their {0}, {1}")
    @MethodSource("peersAndBinders")
    void ourClientTalksToTheirServerBehindZap(PeerKind kind, Binder binder) {
        Peer theirs = theirServer(kind, SocketType.DEALER);
        theirs.startZapHandler(200, "curve-user");
        Socket ours = ourClient(SocketType.DEALER, server.publicKey());
        link(ours, theirs, binder);
        exchangeEveryPayload(ours, theirs);

        Peer.Received withUser = sendAndReceiveWithUser(ours, theirs);
        assertEquals("curve-user", withUser.peerSocketType(), "libzmq's application sees the ZAP user id");
        List<byte[]> request = theirs.lastZapRequest();
        if (kind == PeerKind.LIBZMQ) {
            assertEquals(List.of("1.0", "1", "", "127.0.0.1", "", "CURVE"), text(request.subList(0, 6)));
        }
        assertEquals("CURVE", text(request).get(5));
        assertArrayEquals(client.publicKey(), request.get(6), "the ZAP request carries our permanent public key");
    }

    @ParameterizedTest(name = "their {0}, {1}")
    @MethodSource("peersAndBinders")
    void theirClientTalksToOurServerBehindAJavaZapHandler(PeerKind kind, Binder binder) {
        List<ZapRequest> asked = new CopyOnWriteArrayList<>();
        context().setZapHandler(r -> {
            asked.add(r);
            return CompletableFuture.completedFuture(new ZapReply(200, "OK", "java-user", Map.of("X-Role", "tester")));
        });
        Socket ours = ourServer(SocketType.DEALER);
        ours.set(SocketOption.ZAP_DOMAIN, "global");
        Peer theirs = theirClient(kind, SocketType.DEALER, server.publicKey());
        link(ours, theirs, binder);
        exchangeEveryPayload(ours, theirs);

        theirs.send(bytes("who am I"));
        try (Message m = ours.receive()) {
            assertNotNull(m, "nothing arrived");
            assertEquals("java-user", m.metadata().get("User-Id").orElse(null));
            assertEquals("tester", m.metadata().get("X-Role").orElse(null));
        }
        assertEquals(1, asked.size());
        ZapRequest r = asked.get(0);
        assertEquals("CURVE", r.mechanism());
        assertEquals("global", r.domain());
        assertEquals("127.0.0.1", r.address());
        assertEquals(client.publicKeyZ85(), r.clientKeyZ85());
    }

    @ParameterizedTest(name = "their {0}, {1}")
    @MethodSource("peersAndBinders")
    void requestReplyBothWaysRound(PeerKind kind, Binder binder) {
        Socket ourReq = ourClient(SocketType.REQ, server.publicKey());
        Peer theirRep = theirServer(kind, SocketType.REP);
        link(ourReq, theirRep, binder);
        for (int i = 0; i < 3; i++) {
            assertTrue(ourReq.send(Message.of("ping " + i)));
            Peer.Received q = theirRep.receive(TIMEOUT);
            assertNotNull(q, "libzmq REP got no request");
            assertEquals("ping " + i, new String(q.frames().get(0), StandardCharsets.UTF_8));
            theirRep.send(bytes("pong " + i));
            try (Message reply = ourReq.receive()) {
                assertNotNull(reply);
                assertEquals("pong " + i, reply.frame(0).toUtf8());
            }
        }

        Socket ourRep = ourServer(SocketType.REP);
        Peer theirReq = theirClient(kind, SocketType.REQ, server.publicKey());
        link(ourRep, theirReq, binder);
        theirReq.send(bytes("question"));
        try (Message q = ourRep.receive()) {
            assertNotNull(q);
            assertEquals("question", q.frame(0).toUtf8());
        }
        assertTrue(ourRep.send(Message.of("answer")));
        Peer.Received a = theirReq.receive(TIMEOUT);
        assertNotNull(a);
        assertEquals("answer", new String(a.frames().get(0), StandardCharsets.UTF_8));
    }

    /** The SUB's subscription travels inside a MESSAGE box: our XPUB sees it, then their SUB gets only its topic. */
    @ParameterizedTest(name = "their {0}, {1}")
    @MethodSource("peersAndBinders")
    void subscriptionsTravelInsideTheBox(PeerKind kind, Binder binder) {
        Socket ourPub = ourServer(SocketType.XPUB);
        Peer theirSub = theirClient(kind, SocketType.SUB, server.publicKey());
        theirSub.subscribe(bytes("topic"));
        link(ourPub, theirSub, binder);
        try (Message sub = receivePumping(ourPub, theirSub)) {
            assertNotNull(sub, "our XPUB saw no subscription");
            assertArrayEquals(bytes("\1topic"), sub.frame(0).toBytes());
        }
        assertTrue(ourPub.send(Message.of("other.1")));
        assertTrue(ourPub.send(Message.of("topic.1")));
        Peer.Received got = theirSub.receive(TIMEOUT);
        assertNotNull(got);
        assertEquals("topic.1", new String(got.frames().get(0), StandardCharsets.UTF_8));

        Peer theirPub = theirServer(kind, SocketType.XPUB);
        Socket ourSub = ourClient(SocketType.SUB, server.publicKey());
        ourSub.subscribe("news".getBytes(StandardCharsets.US_ASCII));
        link(ourSub, theirPub, binder);
        Peer.Received subscription = theirPub.receive(TIMEOUT);
        assertNotNull(subscription, "libzmq's XPUB saw no subscription from us");
        assertArrayEquals(bytes("\1news"), subscription.frames().get(0));
        theirPub.send(bytes("sport"));
        theirPub.send(bytes("news.1"));
        try (Message m = ourSub.receive()) {
            assertNotNull(m);
            assertEquals("news.1", m.frame(0).toUtf8());
        }
    }

    @ParameterizedTest(name = "their {0}, {1}")
    @MethodSource("peersAndBinders")
    void aClientWithTheWrongServerKeyIsRefusedAndDeliversNothing(PeerKind kind, Binder binder) {
        byte[] wrongKey = CurveKeyPair.generate().publicKey();

        Socket ours = ourClient(SocketType.DEALER, wrongKey);
        Peer theirs = theirServer(kind, SocketType.DEALER);
        try (OurEvents events = new OurEvents(ours)) {
            link(ours, theirs, binder);
            ours.send(Message.of("must not arrive"));
            if (theirs instanceof LibzmqPeer libzmq) {
                libzmq.awaitEvent(java.util.Set.of("HANDSHAKE_FAILED_PROTOCOL", "HANDSHAKE_FAILED_AUTH",
                        "HANDSHAKE_FAILED_NO_DETAIL", "DISCONNECTED"), java.util.Set.of("HANDSHAKE_SUCCEEDED"),
                        TIMEOUT);
            } else {
                events.next(SocketEvent.HandshakeFailed.class, TIMEOUT);
            }
            assertNull(theirs.receive(REFUSAL_GRACE), "libzmq received a message from a refused client");
            assertTrue(events.all().stream().noneMatch(e -> e instanceof SocketEvent.HandshakeSucceeded));
        }

        Socket ourServer = ourServer(SocketType.DEALER);
        Peer theirClient = theirClient(kind, SocketType.DEALER, wrongKey);
        try (OurEvents events = new OurEvents(ourServer)) {
            link(ourServer, theirClient, binder);
            theirClient.trySend(bytes("must not arrive"));
            SocketEvent.HandshakeFailed failed = events.next(SocketEvent.HandshakeFailed.class,
                    e -> e.reason() == ZmtpError.AUTHENTICATION_FAILED, TIMEOUT);   // skips a JeroMQ stall
            assertEquals(ZmtpError.AUTHENTICATION_FAILED, failed.reason());
            assertTrue(failed.detail().contains("HELLO"), failed.detail());
            assertNull(ourServer.receive(REFUSAL_GRACE), "we received a message from a refused client");
        }
    }

    @ParameterizedTest(name = "their {0}, {1}")
    @MethodSource("peersAndBinders")
    void zap400RefusesTheClientWithAnErrorOnBothSides(PeerKind kind, Binder binder) {
        Socket ours = ourClient(SocketType.DEALER, server.publicKey());
        Peer theirs = theirServer(kind, SocketType.DEALER);
        theirs.startZapHandler(400, "");
        try (OurEvents events = new OurEvents(ours)) {
            link(ours, theirs, binder);
            SocketEvent.HandshakeFailed failed = events.next(SocketEvent.HandshakeFailed.class,
                    e -> e.reason() == ZmtpError.PEER_ERROR, TIMEOUT);   // skips a JeroMQ stall
            assertEquals(ZmtpError.PEER_ERROR, failed.reason());
            assertTrue(failed.detail().contains("'400'"), failed.detail());
            assertNull(theirs.receive(REFUSAL_GRACE));
        }

        context().setZapHandler(r -> CompletableFuture.completedFuture(ZapReply.deny("not on the list")));
        Socket ourServer = ourServer(SocketType.DEALER);
        Peer theirClient = theirClient(kind, SocketType.DEALER, server.publicKey());
        try (OurEvents events = new OurEvents(ourServer)) {
            link(ourServer, theirClient, binder);
            theirClient.trySend(bytes("must not arrive"));
            SocketEvent.HandshakeFailed failed = events.next(SocketEvent.HandshakeFailed.class,
                    e -> e.reason() == ZmtpError.AUTHENTICATION_FAILED, TIMEOUT);   // skips a JeroMQ stall
            assertEquals(ZmtpError.AUTHENTICATION_FAILED, failed.reason());
            assertTrue(failed.detail().contains("not on the list"), failed.detail());
            if (theirClient instanceof LibzmqPeer libzmq) {
                libzmq.awaitEvent(java.util.Set.of("HANDSHAKE_FAILED_AUTH"), java.util.Set.of("HANDSHAKE_SUCCEEDED"),
                        TIMEOUT);
            }
            assertNull(ourServer.receive(REFUSAL_GRACE));
        }
    }

    /** DEALER to ROUTER both ways round: the ROUTER sees the client's routing id and answers through it. */
    @ParameterizedTest(name = "their {0}, {1}")
    @MethodSource("peersAndBinders")
    void dealerToRouterBothWaysRound(PeerKind kind, Binder binder) {
        Socket ourRouter = ourServer(SocketType.ROUTER);
        Peer theirDealer = theirClient(kind, SocketType.DEALER, server.publicKey());
        theirDealer.setOption("ROUTING_ID", bytes("their-dealer"));
        link(ourRouter, theirDealer, binder);
        theirDealer.send(bytes("hi"));
        try (Message m = ourRouter.receive()) {
            assertNotNull(m, "our ROUTER received nothing");
            assertEquals("their-dealer", m.frame(0).toUtf8());
            assertEquals("hi", m.frame(1).toUtf8());
        }
        assertTrue(ourRouter.send(Message.of(bytes("their-dealer"), bytes("back"))));
        Peer.Received back = theirDealer.receive(TIMEOUT);
        assertNotNull(back);
        assertEquals("back", new String(back.frames().get(0), StandardCharsets.UTF_8));

        Peer theirRouter = theirServer(kind, SocketType.ROUTER);
        Socket ourDealer = ourClient(SocketType.DEALER, server.publicKey());
        ourDealer.set(SocketOption.ROUTING_ID, bytes("our-dealer"));
        link(ourDealer, theirRouter, binder);
        assertTrue(ourDealer.send(Message.of("hello")));
        Peer.Received got = theirRouter.receive(TIMEOUT);
        assertNotNull(got);
        assertEquals(List.of("our-dealer", "hello"), text(got.frames()));
        theirRouter.send(bytes("our-dealer"), bytes("welcome"));
        try (Message m = ourDealer.receive()) {
            assertNotNull(m);
            assertEquals("welcome", m.frame(0).toUtf8());
        }
    }

    /** CURVE over ipc:// against libzmq (JeroMQ has no real ipc), both sides binding, both roles. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Binder.class)
    void curveOverIpcAgainstLibzmq(Binder binder) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("jzmtp-curve");
        try {
            Socket ours = ourClient(SocketType.DEALER, server.publicKey());
            Peer theirs = theirServer(PeerKind.LIBZMQ, SocketType.DEALER);
            String ep = "ipc://" + dir.resolve("server.ipc");
            link(ours, theirs, binder, ep);
            exchangeOverIpc(ours, theirs);

            Socket ourServer = ourServer(SocketType.DEALER);
            Peer theirClient = theirClient(PeerKind.LIBZMQ, SocketType.DEALER, server.publicKey());
            String ep2 = "ipc://" + dir.resolve("client.ipc");
            link(ourServer, theirClient, binder, ep2);
            exchangeOverIpc(ourServer, theirClient);
        } finally {
            try (var files = java.nio.file.Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            java.nio.file.Files.deleteIfExists(dir);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** As {@link #exchangeEveryPayload}, without the tcp Peer-Address check. */
    private static void exchangeOverIpc(Socket ours, Peer theirs) {
        for (Payloads.Sample s : Payloads.all()) {
            sendOurs(ours, s);
            expectTheirs(theirs, s, ours.type());
            theirs.send(s.frames());
            try (Message m = ours.receive()) {
                assertNotNull(m, "our " + ours.type() + " received nothing, expected " + s);
                List<byte[]> frames = new java.util.ArrayList<>();
                for (int i = 0; i < m.size(); i++) {
                    frames.add(m.frame(i).toBytes());
                }
                assertFrames("ours over ipc, " + s, s.frames(), frames);
            }
        }
    }

    private static Peer.Received sendAndReceiveWithUser(Socket ours, Peer theirs) {
        assertTrue(ours.send(Message.of("with user")));
        Peer.Received r = theirs.receiveWithUserId(TIMEOUT);
        assertNotNull(r, "libzmq received nothing");
        return r;
    }

    /** Receives on our socket while letting libzmq process its commands (a bound libzmq socket needs calls). */
    private static Message receivePumping(Socket ours, Peer theirs) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            theirs.pump();
            Message m = ours.receive(Duration.ofMillis(100));
            if (m != null) {
                return m;
            }
        }
        return null;
    }
}
