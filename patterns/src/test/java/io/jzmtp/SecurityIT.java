package io.jzmtp;

import io.jzmtp.msg.Message;
import io.jzmtp.security.Authenticator;
import io.jzmtp.security.CurveKeyPair;
import io.jzmtp.security.ZapReply;
import io.jzmtp.wire.ZmtpError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import static io.jzmtp.TestSupport.PATIENCE;
import static io.jzmtp.TestSupport.nextEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Security between jzmtp sockets over real connections: CURVE over tcp and ipc, the ZAP handler as a Java object and
 * as a libzmq-style socket bound at {@code inproc://zeromq.zap.01}, ZAP for NULL with a domain and
 * ZAP_ENFORCE_DOMAIN, the ready-made {@link Authenticator}, and the configuration mistakes that throw at connect.
 */
class SecurityIT {

    private static final Duration REFUSAL_GRACE = Duration.ofMillis(500);
    private final CurveKeyPair server = CurveKeyPair.generate();
    private final CurveKeyPair client = CurveKeyPair.generate();
    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    private Socket socket(SocketType type) {
        Socket s = ctx.socket(type);
        s.set(SocketOption.RCVTIMEO, PATIENCE);
        s.set(SocketOption.SNDTIMEO, PATIENCE);
        s.set(SocketOption.LINGER, Duration.ZERO);
        return s;
    }

    private Socket curveServer(SocketType type) {
        Socket s = socket(type);
        s.set(SocketOption.CURVE_SERVER, true);
        s.set(SocketOption.CURVE_SECRETKEY, server.secretKeyZ85().getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    private Socket curveClient(SocketType type, CurveKeyPair keys) {
        Socket s = socket(type);
        s.set(SocketOption.CURVE_SERVERKEY, server.publicKey());
        s.set(SocketOption.CURVE_SECRETKEY, keys.secretKey());
        return s;
    }

    @Test
    void curveOverTcpAndIpc(@TempDir Path dir) {
        for (String endpoint : List.of("tcp://127.0.0.1:*", "ipc://" + dir.resolve("curve.sock"))) {
            Socket rep = curveServer(SocketType.REP);
            Socket req = curveClient(SocketType.REQ, client);
            req.connect(rep.bind(endpoint));
            assertTrue(req.send(Message.of("ping")));
            try (Message q = rep.receive()) {
                assertNotNull(q, endpoint);
                assertEquals("ping", q.frame(0).toUtf8());
            }
            byte[] big = new byte[200_000];
            assertTrue(rep.send(Message.of(big)));
            try (Message a = req.receive()) {
                assertNotNull(a, endpoint);
                assertEquals(big.length, a.frame(0).size());
            }
            req.close();
            rep.close();
        }
    }

    /** A handler written the libzmq way (a REP socket at inproc://zeromq.zap.01) decides for a CURVE server. */
    @Test
    void aZapHandlerBoundAtTheLibzmqNameIsAsked() throws Exception {
        Socket handler = socket(SocketType.REP);
        handler.bind("inproc://zeromq.zap.01");
        Thread answering = new Thread(() -> {
            for (int i = 0; i < 2; i++) {
                try (Message request = handler.receive()) {
                    if (request == null) {
                        return;
                    }
                    byte[] key = request.frame(6).toBytes();
                    boolean known = java.util.Arrays.equals(key, client.publicKey());
                    handler.send(Message.of(bytes("1.0"), request.frame(1).toBytes(), bytes(known ? "200" : "400"),
                            bytes(known ? "OK" : "unknown key"), bytes(known ? "alice" : ""), new byte[0]));
                }
            }
        }, "zap-handler");
        answering.start();

        Socket pull = curveServer(SocketType.PULL);
        String endpoint = pull.bind("tcp://127.0.0.1:*");
        Socket push = curveClient(SocketType.PUSH, client);
        push.connect(endpoint);
        assertTrue(push.send(Message.of("from alice")));
        try (Message m = pull.receive()) {
            assertNotNull(m);
            assertEquals("alice", m.metadata().get("User-Id").orElseThrow());
        }

        BlockingQueue<SocketEvent> events = new LinkedBlockingQueue<>();
        pull.monitor(events::add);
        Socket stranger = curveClient(SocketType.PUSH, CurveKeyPair.generate());
        stranger.connect(endpoint);
        stranger.send(Message.of("from a stranger"));
        SocketEvent.HandshakeFailed failed = nextEvent(events, SocketEvent.HandshakeFailed.class);
        assertTrue(failed.detail().contains("unknown key"), failed.detail());
        assertNull(pull.receive(REFUSAL_GRACE));
        answering.join(PATIENCE.toMillis());
    }

    /** NULL with a ZAP domain asks the handler about the peer's address (libzmq 4.3); a refusal is an ERROR. */
    @Test
    void nullWithAZapDomainAsksTheHandler() throws InterruptedException {
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        ctx.setZapHandler(r -> {
            asked.add(r.mechanism() + " " + r.domain() + " " + r.address());
            return CompletableFuture.completedFuture(r.domain().equals("open") ? ZapReply.allow("anonymous")
                    : ZapReply.deny("closed domain"));
        });
        Socket pull = socket(SocketType.PULL);
        pull.set(SocketOption.ZAP_DOMAIN, "open");
        Socket push = socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        assertTrue(push.send(Message.of("hi")));
        try (Message m = pull.receive()) {
            assertNotNull(m);
            assertEquals("anonymous", m.metadata().get("User-Id").orElseThrow());
        }
        assertEquals(List.of("NULL open 127.0.0.1"), asked);

        Socket closed = socket(SocketType.PULL);
        closed.set(SocketOption.ZAP_DOMAIN, "shut");
        BlockingQueue<SocketEvent> pushEvents = new LinkedBlockingQueue<>();
        Socket refused = socket(SocketType.PUSH);
        refused.monitor(pushEvents::add);
        refused.connect(closed.bind("tcp://127.0.0.1:*"));
        SocketEvent.HandshakeFailed failed = nextEvent(pushEvents, SocketEvent.HandshakeFailed.class);
        assertEquals(ZmtpError.PEER_ERROR, failed.reason());
        assertTrue(failed.detail().contains("'400'"), failed.detail());
    }

    /** Without a handler a domain is no check, unless ZAP_ENFORCE_DOMAIN; then NULL and CURVE servers refuse. */
    @Test
    void zapEnforceDomainRefusesWhenNoHandlerExists() throws InterruptedException {
        Socket lenient = socket(SocketType.PULL);
        lenient.set(SocketOption.ZAP_DOMAIN, "d");
        Socket push = socket(SocketType.PUSH);
        push.connect(lenient.bind("tcp://127.0.0.1:*"));
        assertTrue(push.send(Message.of("through")));
        try (Message m = lenient.receive()) {
            assertNotNull(m);
        }

        for (boolean curve : new boolean[] {false, true}) {
            Socket strict = curve ? curveServer(SocketType.PULL) : socket(SocketType.PULL);
            strict.set(SocketOption.ZAP_DOMAIN, "d");
            strict.set(SocketOption.ZAP_ENFORCE_DOMAIN, true);
            BlockingQueue<SocketEvent> events = new LinkedBlockingQueue<>();
            strict.monitor(events::add);
            Socket sender = curve ? curveClient(SocketType.PUSH, client) : socket(SocketType.PUSH);
            sender.connect(strict.bind("tcp://127.0.0.1:*"));
            sender.send(Message.of("refused"));
            SocketEvent.HandshakeFailed failed = nextEvent(events, SocketEvent.HandshakeFailed.class);
            assertTrue(failed.detail().contains("ZAP_ENFORCE_DOMAIN"), failed.detail());
            assertNull(strict.receive(REFUSAL_GRACE));
        }
    }

    /** The ready-made authenticator: PLAIN against a password file and CURVE against a directory of certificates. */
    @Test
    void theAuthenticatorChecksPasswordsAndCertificates(@TempDir Path dir) throws Exception {
        Path passwords = dir.resolve("passwords");
        Files.writeString(passwords, "admin=secret\n");
        Path certs = Files.createDirectory(dir.resolve("certs"));
        io.jzmtp.security.Certificate.of(client).withMetadata("team", "blue").savePublic(certs.resolve("client.key"));
        ctx.setZapHandler(new Authenticator().allow("127.0.0.1").plainPasswords(passwords)
                .curveCertificates(certs));

        Socket plainServer = socket(SocketType.PULL);
        plainServer.set(SocketOption.PLAIN_SERVER, true);
        Socket plainClient = socket(SocketType.PUSH);
        plainClient.set(SocketOption.PLAIN_USERNAME, "admin");
        plainClient.set(SocketOption.PLAIN_PASSWORD, "secret");
        plainClient.connect(plainServer.bind("tcp://127.0.0.1:*"));
        assertTrue(plainClient.send(Message.of("plain")));
        try (Message m = plainServer.receive()) {
            assertNotNull(m);
            assertEquals("admin", m.metadata().get("User-Id").orElseThrow());
        }

        Socket curveServer = curveServer(SocketType.PULL);
        Socket curveClient = curveClient(SocketType.PUSH, client);
        curveClient.connect(curveServer.bind("tcp://127.0.0.1:*"));
        assertTrue(curveClient.send(Message.of("curve")));
        try (Message m = curveServer.receive()) {
            assertNotNull(m);
            assertEquals(client.publicKeyZ85(), m.metadata().get("User-Id").orElseThrow());
            assertEquals("blue", m.metadata().get("team").orElseThrow());
        }
    }

    @Test
    void missingOrMismatchedKeysThrowAtBindOrConnect() {
        Socket noSecret = socket(SocketType.PULL);
        noSecret.set(SocketOption.CURVE_SERVER, true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> noSecret.bind("tcp://127.0.0.1:*"));
        assertTrue(e.getMessage().contains("CURVE_SECRETKEY"), e.getMessage());

        Socket mismatched = socket(SocketType.PUSH);
        mismatched.set(SocketOption.CURVE_SERVERKEY, server.publicKey());
        mismatched.set(SocketOption.CURVE_SECRETKEY, client.secretKey());
        mismatched.set(SocketOption.CURVE_PUBLICKEY, server.publicKey());
        e = assertThrows(IllegalStateException.class, () -> mismatched.connect("tcp://127.0.0.1:5"));
        assertTrue(e.getMessage().contains("CURVE_PUBLICKEY is not the public key of CURVE_SECRETKEY"),
                e.getMessage());
        assertTrue(!e.getMessage().contains(client.secretKeyZ85()), "no secret in the message");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
