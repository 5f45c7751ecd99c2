package io.jzmtp.interop;

import io.jzmtp.Socket;
import io.jzmtp.SocketEvent;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;
import io.jzmtp.security.ZapReply;
import io.jzmtp.security.ZapRequest;
import io.jzmtp.wire.ZmtpError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PLAIN (RFC 24) on the wire against libzmq and JeroMQ, jzmtp as client and as server, either side binding: the
 * login, every payload both ways, the ZAP request's fields and the user id the application sees, and the refusals (a
 * wrong password on either side, a server without a ZAP handler), after which the refused client has delivered
 * nothing; and PLAIN over ipc against libzmq.
 */
class PlainInteropIT extends InteropScenario {

    private static final Duration REFUSAL_GRACE = Duration.ofMillis(700);

    private Socket ourClient(String user, String password) {
        Socket s = ours(SocketType.DEALER);
        s.set(SocketOption.PLAIN_USERNAME, user);
        s.set(SocketOption.PLAIN_PASSWORD, password);
        return s;
    }

    private Socket ourServer() {
        Socket s = ours(SocketType.DEALER);
        s.set(SocketOption.PLAIN_SERVER, true);
        s.set(SocketOption.ROUTING_ID, bytes("srv-id"));
        return s;
    }

    private Peer theirServer(PeerKind kind, int zapStatus) {
        Peer p = theirs(kind, SocketType.DEALER);
        p.setOption("PLAIN_SERVER", 1);
        p.startZapHandler(zapStatus, "user-42");
        return p;
    }

    private Peer theirClient(PeerKind kind, String user, String password) {
        Peer p = theirs(kind, SocketType.DEALER);
        p.setOption("PLAIN_USERNAME", bytes(user));
        p.setOption("PLAIN_PASSWORD", bytes(password));
        return p;
    }

    /** Lets {@code admin}/{@code secret} in as {@code admin}, with a role; refuses everyone else. */
    private List<ZapRequest> installPasswordCheck() {
        List<ZapRequest> asked = new CopyOnWriteArrayList<>();
        context().setZapHandler(r -> {
            asked.add(r);
            boolean ok = "admin".equals(r.username()) && "secret".equals(r.password());
            return CompletableFuture.completedFuture(ok ? new ZapReply(200, "OK", "admin", Map.of("X-Role", "boss"))
                    : ZapReply.deny("wrong password for " + r.username()));
        });
        return asked;
    }

    @ParameterizedTest(name = "their {0}, {1}")
    @MethodSource("peersAndBinders")
    void ourClientLogsInToTheirServer(PeerKind kind, Binder binder) {
        Peer theirs = theirServer(kind, 200);
        Socket ours = ourClient("admin", "secret");
        link(ours, theirs, binder);
        exchangeEveryPayload(ours, theirs);

        assertTrue(ours.send(Message.of("with user")));
        Peer.Received r = theirs.receiveWithUserId(TIMEOUT);
        assertNotNull(r);
        assertEquals("user-42", r.peerSocketType(), "libzmq's application sees the ZAP user id");
        List<String> request = text(theirs.lastZapRequest());
        if (kind == PeerKind.LIBZMQ) {
            assertEquals(List.of("1.0", "1", "", "127.0.0.1", "", "PLAIN", "admin", "secret"), request);
        }
        assertEquals(List.of("PLAIN", "admin", "secret"), request.subList(5, 8));
    }

    @ParameterizedTest(name = "their {0}, {1}")
    @MethodSource("peersAndBinders")
    void theirClientLogsInToOurServer(PeerKind kind, Binder binder) {
        List<ZapRequest> asked = installPasswordCheck();
        Socket ours = ourServer();
        Peer theirs = theirClient(kind, "admin", "secret");
        link(ours, theirs, binder);
        exchangeEveryPayload(ours, theirs);

        theirs.send(bytes("who am I"));
        try (Message m = ours.receive()) {
            assertNotNull(m);
            assertEquals("admin", m.metadata().get("User-Id").orElse(null));
            assertEquals("boss", m.metadata().get("X-Role").orElse(null));
        }
        assertEquals(1, asked.size());
        assertEquals("127.0.0.1", asked.get(0).address());
        assertArrayEquals(bytes("srv-id"), asked.get(0).routingId(), "as libzmq: the server's own routing id");
    }

    /**
     * libzmq answers a refused login with its malformed ERROR ({@code 5E "RROR" 03 "400"}, ZMTP.md §12); we read it as
     * the refusal it is. Our refusal of their client is a correct ERROR, which libzmq treats as fatal too.
     */
    @ParameterizedTest(name = "their {0}, {1}")
    @MethodSource("peersAndBinders")
    void aWrongPasswordIsRefusedOnBothSides(PeerKind kind, Binder binder) {
        Peer theirs = theirServer(kind, 400);
        Socket ours = ourClient("admin", "guess");
        try (OurEvents events = new OurEvents(ours)) {
            link(ours, theirs, binder);
            ours.send(Message.of("must not arrive"));
            SocketEvent.HandshakeFailed failed = events.next(SocketEvent.HandshakeFailed.class,
                    e -> e.reason() == ZmtpError.PEER_ERROR, TIMEOUT);   // skips a JeroMQ stall
            assertEquals(ZmtpError.PEER_ERROR, failed.reason());
            assertTrue(failed.detail().contains("'400'"), failed.detail());
            assertNull(theirs.receive(REFUSAL_GRACE), "libzmq received a message from a refused client");
        }

        installPasswordCheck();
        Socket ourServer = ourServer();
        Peer theirClient = theirClient(kind, "admin", "guess");
        try (OurEvents events = new OurEvents(ourServer)) {
            link(ourServer, theirClient, binder);
            theirClient.trySend(bytes("must not arrive"));
            SocketEvent.HandshakeFailed failed = events.next(SocketEvent.HandshakeFailed.class,
                    e -> e.reason() == ZmtpError.AUTHENTICATION_FAILED, TIMEOUT);   // skips a JeroMQ stall
            assertEquals(ZmtpError.AUTHENTICATION_FAILED, failed.reason());
            assertTrue(failed.detail().contains("wrong password for admin"), failed.detail());
            assertTrue(!failed.detail().contains("guess"), "the password is not logged: " + failed.detail());
            if (theirClient instanceof LibzmqPeer libzmq) {
                libzmq.awaitEvent(Set.of("HANDSHAKE_FAILED_PROTOCOL", "HANDSHAKE_FAILED_AUTH"),
                        Set.of("HANDSHAKE_SUCCEEDED"), TIMEOUT);
            }
            assertNull(ourServer.receive(REFUSAL_GRACE));
        }
    }

    @ParameterizedTest(name = "their {0}, {1}")
    @MethodSource("peersAndBinders")
    void aPlainServerWithoutAZapHandlerRefusesEveryone(PeerKind kind, Binder binder) {
        Socket ours = ourServer();
        Peer theirs = theirClient(kind, "admin", "secret");
        try (OurEvents events = new OurEvents(ours)) {
            link(ours, theirs, binder);
            theirs.trySend(bytes("must not arrive"));
            SocketEvent.HandshakeFailed failed = events.next(SocketEvent.HandshakeFailed.class,
                    e -> e.reason() == ZmtpError.AUTHENTICATION_FAILED, TIMEOUT);   // not a JeroMQ stall
            assertTrue(failed.detail().contains("no ZAP handler"), failed.detail());
            assertNull(ours.receive(REFUSAL_GRACE));
        }
    }

    /** REQ/REP and PUB/SUB over PLAIN: jzmtp the client in one, the server in the other. */
    @ParameterizedTest(name = "their {0}, {1}")
    @MethodSource("peersAndBinders")
    void requestReplyAndPubSubLogIn(PeerKind kind, Binder binder) {
        installPasswordCheck();
        Socket ourReq = ours(SocketType.REQ);
        ourReq.set(SocketOption.PLAIN_USERNAME, "admin");
        ourReq.set(SocketOption.PLAIN_PASSWORD, "secret");
        Peer theirRep = theirs(kind, SocketType.REP);
        theirRep.setOption("PLAIN_SERVER", 1);
        theirRep.startZapHandler(200, "user-42");
        link(ourReq, theirRep, binder);
        assertTrue(ourReq.send(Message.of("question")));
        Peer.Received q = theirRep.receive(TIMEOUT);
        assertNotNull(q, "their REP got no request");
        theirRep.send(bytes("answer"));
        try (Message a = ourReq.receive()) {
            assertNotNull(a);
            assertEquals("answer", a.frame(0).toUtf8());
        }

        Socket ourPub = ours(SocketType.XPUB);
        ourPub.set(SocketOption.PLAIN_SERVER, true);
        Peer theirSub = theirs(kind, SocketType.SUB);
        theirSub.setOption("PLAIN_USERNAME", bytes("admin"));
        theirSub.setOption("PLAIN_PASSWORD", bytes("secret"));
        theirSub.subscribe(bytes("news"));
        link(ourPub, theirSub, binder);
        Message subscription = null;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (subscription == null && System.nanoTime() < deadline) {
            theirSub.pump();   // a bound JeroMQ or libzmq SUB attaches its connection when called
            subscription = ourPub.receive(Duration.ofMillis(100));
        }
        try (Message m = subscription) {
            assertNotNull(m, "our XPUB saw no subscription");
            assertEquals("admin", m.metadata().get("User-Id").orElse(null));
        }
        assertTrue(ourPub.send(Message.of("sport")));
        assertTrue(ourPub.send(Message.of("news.1")));
        Peer.Received got = theirSub.receive(TIMEOUT);
        assertNotNull(got);
        assertEquals("news.1", new String(got.frames().get(0), StandardCharsets.UTF_8));
    }

    /** PLAIN over ipc:// against libzmq (JeroMQ has no real ipc), both roles, both sides binding. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Binder.class)
    void plainOverIpcAgainstLibzmq(Binder binder) throws java.io.IOException {
        installPasswordCheck();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("jzmtp-plain");
        try {
            Socket ourClient = ourClient("admin", "secret");
            Peer theirServer = theirServer(PeerKind.LIBZMQ, 200);
            link(ourClient, theirServer, binder, "ipc://" + dir.resolve("server.ipc"));
            assertTrue(ourClient.send(Message.of("over ipc")));
            Peer.Received r = theirServer.receiveWithUserId(TIMEOUT);
            assertNotNull(r);
            assertEquals("user-42", r.peerSocketType());

            Socket ourServer = ourServer();
            Peer theirClient = theirClient(PeerKind.LIBZMQ, "admin", "secret");
            link(ourServer, theirClient, binder, "ipc://" + dir.resolve("client.ipc"));
            theirClient.send(bytes("back over ipc"));
            try (Message m = ourServer.receive()) {
                assertNotNull(m);
                assertEquals("back over ipc", m.frame(0).toUtf8());
                assertEquals("admin", m.metadata().get("User-Id").orElse(null));
            }
        } finally {
            try (var files = java.nio.file.Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            java.nio.file.Files.deleteIfExists(dir);
        }
    }
}
