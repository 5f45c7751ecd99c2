package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZAuth;
import org.zeromq.ZCert;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Pins JeroMQ's {@code ZAuth}: address lists, PLAIN password files and CURVE certificates, each decision read back
 * through {@code replies(true)} and {@code nextReply}, and the traffic that follows an admission. Loopback TCP only.
 */
@Timeout(60)
class Tier2ZAuthTest {

    private static final int WAIT_MS = 10_000;

    private final ZContext ctx = new ZContext();
    private ZAuth auth;

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() {
        if (auth != null) {
            auth.close();
        }
        ctx.close();
    }

    private ZAuth startAuth() {
        auth = new ZAuth(ctx);
        auth.replies(true);
        return auth;
    }

    private static String bind(ZMQ.Socket server) {
        server.bind("tcp://127.0.0.1:*");
        return server.getLastEndpoint();
    }

    /** Sends from {@code client} and expects {@code server} (a REP) to get it. */
    private static void exchange(ZMQ.Socket client, ZMQ.Socket server) {
        server.setReceiveTimeOut(WAIT_MS);
        client.setReceiveTimeOut(WAIT_MS);
        client.send("hello");
        assertEquals("hello", server.recvStr());
        server.send("world");
        assertEquals("world", client.recvStr());
    }

    private ZAuth.ZapReply reply() {
        ZAuth.ZapReply reply = auth.nextReply(WAIT_MS);
        assertNotNull(reply, "no ZAP decision within " + WAIT_MS + " ms");
        assertEquals("1.0", reply.version);
        return reply;
    }

    private Path passwords() throws IOException {
        Path file = dir.resolve("passwords");
        Files.writeString(file, "admin=secret\nguest=guest\n");
        return file;
    }

    @Test
    void plainAdmitsAKnownUser() throws IOException {
        startAuth().configurePlain("*", passwords().toString());
        ZMQ.Socket server = ctx.createSocket(SocketType.REP);
        server.setPlainServer(true);
        String endpoint = bind(server);
        ZMQ.Socket client = ctx.createSocket(SocketType.REQ);
        client.setPlainUsername("admin");
        client.setPlainPassword("secret");
        client.connect(endpoint);

        ZAuth.ZapReply reply = reply();
        assertEquals(200, reply.statusCode);
        assertEquals("OK", reply.statusText);
        assertEquals("admin", reply.userId);
        assertEquals("127.0.0.1", reply.address);
        assertNull(reply.metadata);
        exchange(client, server);
    }

    @Test
    void plainRefusesAWrongPassword() throws IOException {
        startAuth().configurePlain("*", passwords().toString());
        ZMQ.Socket server = ctx.createSocket(SocketType.REP);
        server.setPlainServer(true);
        String endpoint = bind(server);
        ZMQ.Socket client = ctx.createSocket(SocketType.REQ);
        client.setPlainUsername("admin");
        client.setPlainPassword("wrong");
        client.connect(endpoint);

        ZAuth.ZapReply reply = reply();
        assertEquals(400, reply.statusCode);
        assertEquals("NO ACCESS", reply.statusText);
        assertEquals("", reply.userId);
    }

    @Test
    void aDeniedAddressIsRefusedEvenOverNull() {
        startAuth().deny("127.0.0.1");
        ZMQ.Socket server = ctx.createSocket(SocketType.REP);
        server.setZAPDomain("global");   // NULL asks ZAP only when the server has a domain
        String endpoint = bind(server);
        ZMQ.Socket client = ctx.createSocket(SocketType.REQ);
        client.connect(endpoint);

        ZAuth.ZapReply reply = reply();
        assertEquals(400, reply.statusCode);
        assertEquals("127.0.0.1", reply.address);
    }

    @Test
    void anAllowedAddressPassesAndTheListExcludesOthers() {
        startAuth().allow("127.0.0.1").deny("127.0.0.1");   // an allow list overrides the deny list
        ZMQ.Socket server = ctx.createSocket(SocketType.REP);
        server.setZAPDomain("global");
        String endpoint = bind(server);
        ZMQ.Socket client = ctx.createSocket(SocketType.REQ);
        client.connect(endpoint);

        ZAuth.ZapReply reply = reply();
        assertEquals(200, reply.statusCode);
        assertEquals("", reply.userId);
        exchange(client, server);
    }

    @Test
    void anAllowListWithoutTheClientRefusesIt() {
        startAuth().allow("127.0.0.2");
        ZMQ.Socket server = ctx.createSocket(SocketType.REP);
        server.setZAPDomain("global");
        String endpoint = bind(server);
        ZMQ.Socket client = ctx.createSocket(SocketType.REQ);
        client.connect(endpoint);

        assertEquals(400, reply().statusCode);
    }

    private ZMQ.Socket curveServer(ZCert serverCert) {
        ZMQ.Socket server = ctx.createSocket(SocketType.REP);
        serverCert.apply(server);
        server.setCurveServer(true);
        return server;
    }

    private ZMQ.Socket curveClient(ZCert clientCert, ZCert serverCert, String endpoint) {
        ZMQ.Socket client = ctx.createSocket(SocketType.REQ);
        clientCert.apply(client);
        client.setCurveServerKey(serverCert.getPublicKey());
        client.connect(endpoint);
        return client;
    }

    @Test
    void curveAllowAnyAdmitsEveryKey() {
        startAuth().configureCurve(ZAuth.CURVE_ALLOW_ANY);
        ZCert serverCert = new ZCert();
        ZMQ.Socket server = curveServer(serverCert);
        String endpoint = bind(server);
        ZMQ.Socket client = curveClient(new ZCert(), serverCert, endpoint);

        ZAuth.ZapReply reply = reply();
        assertEquals(200, reply.statusCode);
        exchange(client, server);
    }

    @Test
    void curveAdmitsTheKeysOfTheCertificateDirectory() throws IOException {
        Path certs = dir.resolve("certs");
        ZCert known = new ZCert();
        known.setMeta("name", "known-client");
        known.savePublic(certs.resolve("known.key").toString());
        startAuth().configureCurve(certs.toString());

        ZCert serverCert = new ZCert();
        ZMQ.Socket server = curveServer(serverCert);
        String endpoint = bind(server);
        ZMQ.Socket client = curveClient(known, serverCert, endpoint);

        ZAuth.ZapReply reply = reply();
        assertEquals(200, reply.statusCode);
        assertEquals(known.getPublicKeyAsZ85(), reply.userId);
        // JeroMQ garbles the properties on the way to nextReply (it parses their hex form); only their presence is
        // common ground
        assertNotNull(reply.metadata);
        exchange(client, server);
    }

    @Test
    void curveRefusesAnUnknownKey() throws IOException {
        Path certs = dir.resolve("certs");
        new ZCert().savePublic(certs.resolve("someone-else.key").toString());
        startAuth().configureCurve(certs.toString());

        ZCert serverCert = new ZCert();
        ZMQ.Socket server = curveServer(serverCert);
        String endpoint = bind(server);
        curveClient(new ZCert(), serverCert, endpoint);

        ZAuth.ZapReply reply = reply();
        assertEquals(400, reply.statusCode);
        assertNull(reply.metadata);
    }

    @Test
    void nextReplyWithoutRepliesIsNull() {
        auth = new ZAuth(ctx, "no-replies");
        assertNull(auth.nextReply(false));
    }
}
