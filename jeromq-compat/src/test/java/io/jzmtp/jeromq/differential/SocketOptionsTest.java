package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Pins JeroMQ's socket option defaults, setter/getter round trips, the options that reject illegal values with
 * IllegalArgumentException, and the observable effect of the behavioural options (JeroMQ's inverted IMMEDIATE,
 * ROUTER_HANDOVER, XPUB_VERBOSE, XPUB_NODROP, REQ_RELAXED/CORRELATE, CONFLATE, MAXMSGSIZE).
 * Deprecated getters are pinned on purpose: existing code still calls them.
 */
@SuppressWarnings("deprecation")
class SocketOptionsTest {
    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void defaults() {
        ZMQ.Socket s = ctx.createSocket(SocketType.DEALER);
        assertArrayEquals(new byte[0], s.getIdentity());
        assertEquals(1000, s.getSndHWM());
        assertEquals(1000, s.getRcvHWM());
        assertEquals(-1, s.getReceiveTimeOut());
        assertEquals(-1, s.getSendTimeOut());
        // JeroMQ's sense: true means "attach pipes at connect", i.e. libzmq's ZMQ_IMMEDIATE=0
        assertTrue(s.isImmediate());
        assertFalse(s.getDelayAttachOnConnect());
        assertEquals(100, s.getReconnectIVL());
        assertEquals(0, s.getReconnectIVLMax());
        assertEquals(100, s.getBacklog());
        assertEquals(30000, s.getHandshakeIvl());
        assertEquals(0, s.getHeartbeatIvl());
        assertEquals(-1, s.getHeartbeatTimeout());
        assertEquals(0, s.getHeartbeatTtl());
        assertArrayEquals(new byte[0], s.getHeartbeatContext());
        assertFalse(s.isConflate());
        assertEquals(-1, s.getMaxMsgSize());
        assertEquals(-1, s.getTCPKeepAlive());
        assertEquals(-1, s.getTCPKeepAliveCount());
        assertEquals(-1, s.getTCPKeepAliveIdle());
        assertEquals(-1, s.getTCPKeepAliveInterval());
        assertEquals(ZMQ.Socket.Mechanism.NULL, s.getMechanism());
        assertFalse(s.isAsServerPlain());
        assertNull(s.getPlainUsername());
        assertNull(s.getPlainPassword());
        assertFalse(s.isAsServerCurve());
        assertEquals("", s.getZapDomain());
        assertNull(s.getLastEndpoint());
        assertFalse(s.isIPv6());
        assertEquals(0, s.errno());
    }

    @Test
    void lingerDefaultsDependOnTheFactory() {
        assertEquals(0, ctx.createSocket(SocketType.PUSH).getLinger());
        ZMQ.Context context = ZMQ.context(1);
        try {
            ZMQ.Socket raw = context.socket(SocketType.PUSH);
            assertEquals(-1, raw.getLinger());
            assertTrue(raw.setLinger(0));
            assertEquals(0, raw.getLinger());
            raw.close();
        } finally {
            context.term();
        }
    }

    @Test
    void roundTrips() {
        ZMQ.Socket s = ctx.createSocket(SocketType.DEALER);
        assertTrue(s.setIdentity("me".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals("me".getBytes(StandardCharsets.UTF_8), s.getIdentity());
        assertTrue(s.setSndHWM(10));
        assertTrue(s.setRcvHWM(20));
        assertEquals(10, s.getSndHWM());
        assertEquals(20, s.getRcvHWM());
        assertTrue(s.setHWM(30));
        assertEquals(30, s.getSndHWM());
        assertEquals(30, s.getRcvHWM());
        assertTrue(s.setLinger(1500));
        assertEquals(1500, s.getLinger());
        assertTrue(s.setReceiveTimeOut(250));
        assertEquals(250, s.getReceiveTimeOut());
        assertTrue(s.setSendTimeOut(350));
        assertEquals(350, s.getSendTimeOut());
        assertTrue(s.setImmediate(false));
        assertFalse(s.isImmediate());
        assertTrue(s.getDelayAttachOnConnect());
        assertTrue(s.setImmediate(true));
        assertTrue(s.isImmediate());
        assertTrue(s.setReconnectIVL(200));
        assertEquals(200, s.getReconnectIVL());
        assertTrue(s.setReconnectIVLMax(4000));
        assertEquals(4000, s.getReconnectIVLMax());
        assertTrue(s.setBacklog(50));
        assertEquals(50, s.getBacklog());
        assertTrue(s.setHandshakeIvl(5000));
        assertEquals(5000, s.getHandshakeIvl());
        assertTrue(s.setHeartbeatIvl(100));
        assertEquals(100, s.getHeartbeatIvl());
        assertTrue(s.setHeartbeatTimeout(300));
        assertEquals(300, s.getHeartbeatTimeout());
        assertTrue(s.setHeartbeatTtl(2000));
        assertEquals(2000, s.getHeartbeatTtl());
        assertTrue(s.setHeartbeatContext("ctx".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals("ctx".getBytes(StandardCharsets.UTF_8), s.getHeartbeatContext());
        assertTrue(s.setConflate(true));
        assertTrue(s.isConflate());
        assertTrue(s.setMaxMsgSize(1024));
        assertEquals(1024, s.getMaxMsgSize());
        assertTrue(s.setTCPKeepAlive(1));
        assertEquals(1, s.getTCPKeepAlive());
        assertTrue(s.setTCPKeepAliveCount(5));
        assertEquals(5, s.getTCPKeepAliveCount());
        assertTrue(s.setTCPKeepAliveIdle(60));
        assertEquals(60, s.getTCPKeepAliveIdle());
        assertTrue(s.setTCPKeepAliveInterval(7));
        assertEquals(7, s.getTCPKeepAliveInterval());
        assertTrue(s.setZapDomain("global"));
        assertEquals("global", s.getZapDomain());
    }

    @Test
    void routerRequestAndPubSubSettersAcceptTheirSocketTypes() {
        ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
        assertTrue(router.setRouterMandatory(true));
        assertTrue(router.setRouterHandover(true));
        ZMQ.Socket xpub = ctx.createSocket(SocketType.XPUB);
        assertTrue(xpub.setXpubVerbose(true));
        assertTrue(xpub.setXpubNoDrop(true));
        ZMQ.Socket req = ctx.createSocket(SocketType.REQ);
        assertTrue(req.setReqCorrelate(true));
        assertTrue(req.setReqRelaxed(true));
    }

    @Test
    void plainOptionsSelectThePlainMechanism() {
        ZMQ.Socket client = ctx.createSocket(SocketType.DEALER);
        assertTrue(client.setPlainUsername("admin"));
        assertTrue(client.setPlainPassword("secret".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ZMQ.Socket.Mechanism.PLAIN, client.getMechanism());
        assertEquals("admin", client.getPlainUsername());
        assertEquals("secret", client.getPlainPassword());
        assertFalse(client.isAsServerPlain());

        ZMQ.Socket server = ctx.createSocket(SocketType.ROUTER);
        assertTrue(server.setPlainServer(true));
        assertTrue(server.isAsServerPlain());
        assertEquals(ZMQ.Socket.Mechanism.PLAIN, server.getMechanism());
    }

    @Test
    void curveOptionsSelectTheCurveMechanism() {
        ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
        ZMQ.Curve.KeyPair client = ZMQ.Curve.generateKeyPair();

        ZMQ.Socket s = ctx.createSocket(SocketType.ROUTER);
        assertTrue(s.setCurveServer(true));
        assertTrue(s.setCurveSecretKey(ZMQ.Curve.z85Decode(server.secretKey)));
        assertTrue(s.isAsServerCurve());
        assertEquals(ZMQ.Socket.Mechanism.CURVE, s.getMechanism());
        assertArrayEquals(ZMQ.Curve.z85Decode(server.secretKey), s.getCurveSecretKey());

        ZMQ.Socket c = ctx.createSocket(SocketType.DEALER);
        assertTrue(c.setCurvePublicKey(ZMQ.Curve.z85Decode(client.publicKey)));
        assertTrue(c.setCurveSecretKey(ZMQ.Curve.z85Decode(client.secretKey)));
        assertTrue(c.setCurveServerKey(ZMQ.Curve.z85Decode(server.publicKey)));
        assertFalse(c.isAsServerCurve());
        assertEquals(ZMQ.Socket.Mechanism.CURVE, c.getMechanism());
        assertArrayEquals(ZMQ.Curve.z85Decode(client.publicKey), c.getCurvePublicKey());
        assertArrayEquals(ZMQ.Curve.z85Decode(server.publicKey), c.getCurveServerKey());
        assertEquals(32, c.getCurvePublicKey().length);
    }

    @Test
    void illegalValuesThrowIllegalArgumentException() {
        ZMQ.Socket s = ctx.createSocket(SocketType.DEALER);
        assertThrows(IllegalArgumentException.class, () -> s.setSndHWM(-1));
        assertThrows(IllegalArgumentException.class, () -> s.setRcvHWM(-1));
        assertThrows(IllegalArgumentException.class, () -> s.setHWM(-1));
        assertThrows(IllegalArgumentException.class, () -> s.setIdentity(new byte[256]));
        assertThrows(IllegalArgumentException.class, () -> s.setTCPKeepAlive(5));
        assertThrows(IllegalArgumentException.class, () -> s.setReconnectIVL(-2));
        assertThrows(IllegalArgumentException.class, () -> s.setHandshakeIvl(-1));
        assertThrows(IllegalArgumentException.class, () -> s.setHeartbeatIvl(-1));
        // 255 bytes is the longest identity
        assertTrue(s.setIdentity(new byte[255]));
    }

    @Test
    void immediateTrueQueuesForAPendingConnection() throws IOException {
        int closedPort = zmq.util.Utils.findOpenPort();
        // default (JeroMQ immediate=true): the pipe exists at connect, so a message queues for the absent peer
        ZMQ.Socket eager = ctx.createSocket(SocketType.PUSH);
        eager.connect("tcp://127.0.0.1:" + closedPort);
        assertTrue(eager.send("queued", ZMQ.DONTWAIT));
        // immediate=false (libzmq's ZMQ_IMMEDIATE=1): no pipe until connected, so nothing can be queued
        ZMQ.Socket lazy = ctx.createSocket(SocketType.PUSH);
        lazy.setImmediate(false);
        lazy.connect("tcp://127.0.0.1:" + closedPort);
        assertFalse(lazy.send("dropped", ZMQ.DONTWAIT));
        assertEquals(35, lazy.errno());
    }

    @Test
    void immediateTrueDeliversWhatWasQueuedBeforeTheBind() throws IOException {
        int port = zmq.util.Utils.findOpenPort();
        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
        push.setReconnectIVL(50);
        push.connect("tcp://127.0.0.1:" + port);
        assertTrue(push.send("early", ZMQ.DONTWAIT));
        ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:" + port);
        pull.setReceiveTimeOut(5000);
        assertEquals("early", pull.recvStr());
    }

    @Test
    void routerHandoverGivesTheIdentityToTheNewestPeer() {
        ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
        router.setRouterHandover(true);
        router.setReceiveTimeOut(5000);
        router.bind("inproc://handover");

        ZMQ.Socket first = ctx.createSocket(SocketType.DEALER);
        first.setIdentity("worker".getBytes(StandardCharsets.UTF_8));
        first.connect("inproc://handover");
        first.send("from first");
        assertEquals("worker", router.recvStr());
        assertEquals("from first", router.recvStr());

        ZMQ.Socket second = ctx.createSocket(SocketType.DEALER);
        second.setIdentity("worker".getBytes(StandardCharsets.UTF_8));
        second.setReceiveTimeOut(5000);
        second.connect("inproc://handover");
        second.send("from second");
        assertEquals("worker", router.recvStr());
        assertEquals("from second", router.recvStr());

        router.sendMore("worker");
        router.send("to the newest");
        assertEquals("to the newest", second.recvStr());
        assertNull(first.recv(ZMQ.DONTWAIT));
    }

    @Test
    void xpubVerbosePassesDuplicateSubscriptions() {
        assertEquals("A", secondSubscriptionSeen(true));
        assertEquals("B", secondSubscriptionSeen(false));
    }

    /**
     * Two subscribers subscribe to "A", then the second also to "B"; returns the topic of the second subscription
     * message the XPUB receives ("A" again only if duplicates are passed up).
     */
    private String secondSubscriptionSeen(boolean verbose) {
        String endpoint = "inproc://verbose-" + verbose;
        ZMQ.Socket xpub = ctx.createSocket(SocketType.XPUB);
        xpub.setXpubVerbose(verbose);
        xpub.setReceiveTimeOut(5000);
        xpub.bind(endpoint);
        ZMQ.Socket sub1 = ctx.createSocket(SocketType.SUB);
        sub1.connect(endpoint);
        sub1.subscribe("A");
        assertArrayEquals(new byte[] {1, 'A'}, xpub.recv());
        ZMQ.Socket sub2 = ctx.createSocket(SocketType.SUB);
        sub2.connect(endpoint);
        sub2.subscribe("A");
        sub2.subscribe("B");
        byte[] next = xpub.recv();
        assertEquals(2, next.length);
        assertEquals(1, next[0]);
        return new String(next, 1, 1, StandardCharsets.UTF_8);
    }

    @Test
    void xpubNoDropReportsEagainInsteadOfDropping() {
        assertEquals(10, sendsAcceptedBySlowSubscriber(true));
        assertEquals(1000, sendsAcceptedBySlowSubscriber(false));
    }

    /** Sends up to 1000 messages without waiting to a subscriber that reads nothing; returns how many were accepted. */
    private int sendsAcceptedBySlowSubscriber(boolean noDrop) {
        String endpoint = "inproc://nodrop-" + noDrop;
        ZMQ.Socket xpub = ctx.createSocket(SocketType.XPUB);
        xpub.setXpubNoDrop(noDrop);
        xpub.setSndHWM(5);
        xpub.setReceiveTimeOut(5000);
        xpub.bind(endpoint);
        ZMQ.Socket sub = ctx.createSocket(SocketType.SUB);
        sub.setRcvHWM(5);
        sub.subscribe("");
        sub.connect(endpoint);
        assertArrayEquals(new byte[] {1}, xpub.recv());
        int accepted = 0;
        while (accepted < 1000 && xpub.send("m", ZMQ.DONTWAIT)) {
            accepted++;
        }
        if (accepted < 1000) {
            assertEquals(35, xpub.errno());
        }
        return accepted;
    }

    @Test
    void reqRelaxedAndCorrelateAllowANewRequestAndDropTheStaleReply() {
        ZMQ.Socket rep = ctx.createSocket(SocketType.REP);
        rep.setReceiveTimeOut(5000);
        rep.bind("inproc://relaxed");
        ZMQ.Socket req = ctx.createSocket(SocketType.REQ);
        req.setReqRelaxed(true);
        req.setReqCorrelate(true);
        req.setReceiveTimeOut(5000);
        req.connect("inproc://relaxed");

        assertTrue(req.send("first"));
        // without REQ_RELAXED this second send throws EFSM
        assertTrue(req.send("second"));
        assertEquals("first", rep.recvStr());
        rep.send("reply to first");
        assertEquals("second", rep.recvStr());
        rep.send("reply to second");
        // REQ_CORRELATE discards the reply to the abandoned request
        assertEquals("reply to second", req.recvStr());
    }

    @Test
    void conflateKeepsOnlyTheLatestMessage() {
        ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
        pull.setConflate(true);
        pull.bind("tcp://127.0.0.1:*");
        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
        push.connect(pull.getLastEndpoint());
        int total = 1000;
        for (int i = 1; i <= total; i++) {
            assertTrue(push.send("m" + i));
        }
        pull.setReceiveTimeOut(5000);
        int received = 0;
        int last = 0;
        while (last < total) {
            String message = pull.recvStr();
            assertTrue(message != null, "the last message never arrived");
            int n = Integer.parseInt(message.substring(1));
            assertTrue(n > last, "out of order: " + n + " after " + last);
            last = n;
            received++;
        }
        // the burst arrives in a few reads, each of which leaves only its latest message
        assertTrue(received < total, "received all " + received + " messages: nothing was conflated");
        assertNull(pull.recv(ZMQ.DONTWAIT));
    }

    @Test
    void maxMsgSizeDropsTheOversizedMessage() {
        ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
        pull.setMaxMsgSize(64);
        pull.setReceiveTimeOut(100);
        pull.bind("tcp://127.0.0.1:*");
        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
        push.setReconnectIVL(50);
        push.connect(pull.getLastEndpoint());
        assertTrue(push.send(new byte[1000]));
        // the oversized message kills its connection; later small ones arrive after the reconnect
        String first = Await.result("a small message", Duration.ofSeconds(10), () -> {
            push.send("small", ZMQ.DONTWAIT);
            byte[] data = pull.recv();
            return data == null ? null : new String(data, StandardCharsets.UTF_8);
        });
        assertEquals("small", first);
        assertNotEquals(1000, first.length());
    }
}
