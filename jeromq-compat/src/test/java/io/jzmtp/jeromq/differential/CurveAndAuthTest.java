package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZAuth;
import org.zeromq.ZCert;
import org.zeromq.ZCertStore;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Pins the security API: Z85 against the spec's test vector, CURVE key pairs, {@code ZCert} (keys, apply, save) and
 * {@code ZCertStore}, and {@code ZAuth} as the ZAP handler for CURVE (allow any, or a certificate directory) and PLAIN
 * (a Properties-style password file), where a refused client's messages never reach the server.
 */
class CurveAndAuthTest {
    private final ZContext ctx = new ZContext();

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void z85MatchesTheSpecVector() {
        byte[] bytes = {(byte) 0x86, 0x4F, (byte) 0xD2, 0x6F, (byte) 0xB5, 0x59, (byte) 0xF7, 0x5B};
        assertArrayEquals(bytes, ZMQ.Curve.z85Decode("HelloWorld"));
        // JeroMQ's z85Encode is the CURVE key encoder: it expects exactly 32 bytes (8 bytes fail with an
        // ArrayIndexOutOfBoundsException), so encode the vector repeated into a key-sized block
        byte[] key = new byte[ZMQ.Curve.KEY_SIZE];
        for (int i = 0; i < key.length; i++) {
            key[i] = bytes[i % bytes.length];
        }
        String z85 = ZMQ.Curve.z85Encode(key);
        assertEquals("HelloWorldHelloWorldHelloWorldHelloWorld", z85);
        assertArrayEquals(key, ZMQ.Curve.z85Decode(z85));
    }

    @Test
    void generatedKeyPairsAreZ85OfThirtyTwoBytes() {
        ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
        assertEquals(ZMQ.Curve.KEY_SIZE_Z85, pair.publicKey.length());
        assertEquals(40, pair.secretKey.length());
        byte[] publicKey = ZMQ.Curve.z85Decode(pair.publicKey);
        assertEquals(ZMQ.Curve.KEY_SIZE, publicKey.length);
        assertEquals(pair.publicKey, ZMQ.Curve.z85Encode(publicKey));
        assertNotEquals(pair.publicKey, pair.secretKey);
        assertNotEquals(pair.publicKey, ZMQ.Curve.generateKeyPair().publicKey);
    }

    @Test
    void certificatesHoldKeysAndApplyThem() {
        ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
        ZCert cert = new ZCert(pair.publicKey, pair.secretKey);
        assertEquals(pair.publicKey, cert.getPublicKeyAsZ85());
        assertEquals(pair.secretKey, cert.getSecretKeyAsZ85());
        assertArrayEquals(ZMQ.Curve.z85Decode(pair.publicKey), cert.getPublicKey());

        ZCert fromBytes = new ZCert(cert.getPublicKey(), cert.getSecretKey());
        assertEquals(cert.getPublicKeyAsZ85(), fromBytes.getPublicKeyAsZ85());

        ZCert generated = new ZCert();
        assertEquals(40, generated.getPublicKeyAsZ85().length());
        generated.setMeta("name", "tester");
        assertEquals("tester", generated.getMeta("name"));

        ZMQ.Socket socket = ctx.createSocket(SocketType.DEALER);
        cert.apply(socket);
        assertArrayEquals(cert.getPublicKey(), socket.getCurvePublicKey());
        assertArrayEquals(cert.getSecretKey(), socket.getCurveSecretKey());
    }

    @Test
    void certStoreFindsSavedPublicKeys() throws IOException {
        ZCert known = new ZCert();
        Path certs = Files.createDirectories(dir.resolve("certs"));
        known.savePublic(certs.resolve("known.cert").toString());
        known.saveSecret(dir.resolve("known.cert_secret").toString());
        assertTrue(new File(certs.toFile(), "known.cert").isFile());

        ZCertStore store = new ZCertStore(certs.toString());
        assertTrue(store.containsPublicKey(known.getPublicKeyAsZ85()));
        assertTrue(store.containsPublicKey(known.getPublicKey()));
        assertFalse(store.containsPublicKey(new ZCert().getPublicKeyAsZ85()));
    }

    /** A CURVE server PULL socket bound on loopback with {@code serverCert}. */
    private ZMQ.Socket curveServer(ZCert serverCert) {
        ZMQ.Socket server = ctx.createSocket(SocketType.PULL);
        server.setZapDomain("test");
        server.setCurveServer(true);
        server.setCurveSecretKey(serverCert.getSecretKey());
        server.bind("tcp://127.0.0.1:*");
        return server;
    }

    /** A CURVE client PUSH socket connected to {@code server} with its own certificate {@code clientCert}. */
    private ZMQ.Socket curveClient(ZMQ.Socket server, ZCert serverCert, ZCert clientCert) {
        ZMQ.Socket client = ctx.createSocket(SocketType.PUSH);
        client.setCurvePublicKey(clientCert.getPublicKey());
        client.setCurveSecretKey(clientCert.getSecretKey());
        client.setCurveServerKey(serverCert.getPublicKey());
        client.connect(server.getLastEndpoint());
        return client;
    }

    @Test
    void curveWithAllowAny() {
        try (ZAuth auth = new ZAuth(ctx)) {
            auth.configureCurve(ZAuth.CURVE_ALLOW_ANY);
            ZCert serverCert = new ZCert();
            ZMQ.Socket server = curveServer(serverCert);
            ZMQ.Socket client = curveClient(server, serverCert, new ZCert());
            assertEquals(ZMQ.Socket.Mechanism.CURVE, client.getMechanism());
            assertTrue(client.send("encrypted hello"));
            server.setReceiveTimeOut(10000);
            assertEquals("encrypted hello", server.recvStr());
        }
    }

    @Test
    void curveWithACertificateDirectoryRefusesUnknownClients() throws IOException {
        ZCert allowed = new ZCert();
        Path certs = Files.createDirectories(dir.resolve("allowed"));
        allowed.savePublic(certs.resolve("client.cert").toString());
        try (ZAuth auth = new ZAuth(ctx)) {
            auth.configureCurve(certs.toString());
            ZCert serverCert = new ZCert();
            ZMQ.Socket server = curveServer(serverCert);
            ZMQ.Socket stranger = curveClient(server, serverCert, new ZCert());
            stranger.send("from a stranger");
            ZMQ.Socket friend = curveClient(server, serverCert, allowed);
            friend.send("from a friend");

            server.setReceiveTimeOut(10000);
            assertEquals("from a friend", server.recvStr());
            server.setReceiveTimeOut(300);
            assertNull(server.recvStr(), "the refused client's message got through");
        }
    }

    @Test
    void plainWithAPasswordFile() throws IOException {
        Path passwords = dir.resolve("passwords");
        Files.write(passwords, "admin=secret\nguest=guest\n".getBytes(StandardCharsets.UTF_8));
        try (ZAuth auth = new ZAuth(ctx)) {
            auth.configurePlain("*", passwords.toString());
            ZMQ.Socket server = ctx.createSocket(SocketType.PULL);
            server.setZapDomain("test");
            server.setPlainServer(true);
            server.bind("tcp://127.0.0.1:*");

            ZMQ.Socket wrong = ctx.createSocket(SocketType.PUSH);
            wrong.setPlainUsername("admin");
            wrong.setPlainPassword("guess");
            wrong.connect(server.getLastEndpoint());
            wrong.send("with a wrong password");

            ZMQ.Socket right = ctx.createSocket(SocketType.PUSH);
            right.setPlainUsername("admin");
            right.setPlainPassword("secret");
            right.connect(server.getLastEndpoint());
            right.send("with the right password");

            server.setReceiveTimeOut(10000);
            assertEquals("with the right password", server.recvStr());
            server.setReceiveTimeOut(300);
            assertNull(server.recvStr(), "the refused client's message got through");
        }
    }

    @Test
    void allowAndDenyByAddress() {
        try (ZAuth auth = new ZAuth(ctx)) {
            // a deny list that names loopback refuses loopback NULL clients
            auth.deny("127.0.0.1");
            ZMQ.Socket server = ctx.createSocket(SocketType.PULL);
            server.setZapDomain("test");
            server.bind("tcp://127.0.0.1:*");
            ZMQ.Socket client = ctx.createSocket(SocketType.PUSH);
            client.connect(server.getLastEndpoint());
            client.send("denied");
            server.setReceiveTimeOut(500);
            assertNull(server.recvStr());
        }
    }
}
