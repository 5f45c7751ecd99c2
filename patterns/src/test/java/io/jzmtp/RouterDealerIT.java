package io.jzmtp;

import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

import static io.jzmtp.TestSupport.PATIENCE;
import static io.jzmtp.TestSupport.await;
import static io.jzmtp.TestSupport.freePort;
import static io.jzmtp.TestSupport.pooled;
import static io.jzmtp.TestSupport.port;
import static io.jzmtp.TestSupport.receiveText;
import static io.jzmtp.TestSupport.sendOrFail;
import static io.jzmtp.TestSupport.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ROUTER and DEALER (RFC 28, ZMTP.md §9, §15) over loopback: routing ids, MANDATORY, HANDOVER, probes, HWMs. */
class RouterDealerIT {

    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A DEALER named "known", connected to {@code router}, whose "hello" the router has received: routable now. */
    private Socket knownDealer(Socket router) {
        Socket dealer = ctx.socket(SocketType.DEALER).set(SocketOption.ROUTING_ID, bytes("known"));
        dealer.connect(router.bind("tcp://127.0.0.1:*"));
        sendOrFail(dealer, pooled("hello"));
        receiveFrom(router, "hello");
        return dealer;
    }

    /** Receives one message and returns its first frame (the routing id), checking the rest reads {@code body}. */
    private static byte[] receiveFrom(Socket router, String body) {
        try (Message m = router.receive(PATIENCE)) {
            assertNotNull(m, "nothing arrived at " + router);
            byte[] id = m.frame(0).toBytes();
            // the body is every frame after the id; the id is binary and may itself hold a '|' byte
            StringJoiner rest = new StringJoiner("|");
            for (int i = 1; i < m.size(); i++) {
                rest.add(m.frame(i).toUtf8());
            }
            assertEquals(body, rest.toString(), text(m));
            return id;
        }
    }

    @Test
    void routerRoutesByNameToNamedDealers() {
        Socket router = ctx.socket(SocketType.ROUTER);
        String ep = router.bind("tcp://127.0.0.1:*");
        List<String> names = List.of("alpha", "beta", "gamma");
        Socket[] dealers = new Socket[names.size()];
        for (int i = 0; i < names.size(); i++) {
            dealers[i] = ctx.socket(SocketType.DEALER).set(SocketOption.ROUTING_ID, bytes(names.get(i)));
            dealers[i].connect(ep);
            sendOrFail(dealers[i], pooled("ready"));
            assertArrayEquals(bytes(names.get(i)), receiveFrom(router, "ready"));
        }
        for (int round = 0; round < 3; round++) {
            for (int i = names.size() - 1; i >= 0; i--) {
                sendOrFail(router, pooled(names.get(i), "for " + names.get(i), Integer.toString(round)));
            }
            for (int i = 0; i < names.size(); i++) {
                assertEquals("for " + names.get(i) + "|" + round, receiveText(dealers[i]));
            }
        }
    }

    @Test
    void anonymousPeersGetFiveByteIdsStartingWithZero() {
        Socket router = ctx.socket(SocketType.ROUTER);
        String ep = router.bind("tcp://127.0.0.1:*");
        Socket a = ctx.socket(SocketType.DEALER);
        Socket b = ctx.socket(SocketType.DEALER);
        a.connect(ep);
        b.connect(ep);
        sendOrFail(a, pooled("from a"));
        byte[] idA = receiveFrom(router, "from a");
        sendOrFail(b, pooled("from b"));
        byte[] idB = receiveFrom(router, "from b");
        for (byte[] id : List.of(idA, idB)) {
            assertEquals(5, id.length);
            assertEquals(0, id[0]);
        }
        assertFalse(java.util.Arrays.equals(idA, idB));
        sendOrFail(router, Message.of(idB, bytes("to b")));
        assertEquals("to b", receiveText(b));
    }

    /** A ROUTER names its outgoing connection itself; it can address the peer before the connection is up. */
    @Test
    void connectRoutingIdNamesTheConnectedPeer() {
        int port = freePort();
        Socket router = ctx.socket(SocketType.ROUTER)
                .set(SocketOption.CONNECT_ROUTING_ID, bytes("backend"))
                .set(SocketOption.ROUTER_MANDATORY, true);
        router.connect("tcp://127.0.0.1:" + port);
        sendOrFail(router, pooled("backend", "queued before the peer exists"));
        Socket dealer = ctx.socket(SocketType.DEALER).set(SocketOption.ROUTING_ID, bytes("ignored"));
        dealer.bind("tcp://127.0.0.1:" + port);
        assertEquals("queued before the peer exists", receiveText(dealer));
        sendOrFail(dealer, pooled("hi"));
        assertArrayEquals(bytes("backend"), receiveFrom(router, "hi"));
        assertEquals(0, router.get(SocketOption.CONNECT_ROUTING_ID).length, "applies to one connect only");
    }

    @Test
    void mandatoryRouterRefusesAnUnknownIdNamingIt() {
        Socket router = ctx.socket(SocketType.ROUTER).set(SocketOption.ROUTER_MANDATORY, true);
        Socket dealer = knownDealer(router);
        try (Message m = pooled("unknown", "body")) {
            UnroutableMessageException e = assertThrows(UnroutableMessageException.class, () -> router.send(m));
            assertTrue(e.getMessage().contains("0x756e6b6e6f776e"), e.getMessage());
            assertEquals("unknown|body", text(m), "the caller keeps the message");
        }
        sendOrFail(router, pooled("known", "still works"));
        assertEquals("still works", receiveText(dealer));
    }

    /** What a send with ROUTER_MANDATORY checks, asked before the message is built (JeroMQ's first-frame check). */
    @Test
    void hasPeerTellsWhetherAnIdIsRoutable() {
        Socket router = ctx.socket(SocketType.ROUTER);
        Socket dealer = ctx.socket(SocketType.DEALER).set(SocketOption.ROUTING_ID, bytes("known"));
        dealer.connect(router.bind("tcp://127.0.0.1:*"));
        await(() -> router.hasPeer(bytes("known")), PATIENCE, "the DEALER 'known' to become routable");
        assertFalse(router.hasPeer(bytes("unknown")));
        dealer.close();
        await(() -> !router.hasPeer(bytes("known")), PATIENCE, "the closed DEALER to stop being routable");
        assertThrows(UnsupportedOperationException.class, () -> ctx.socket(SocketType.DEALER).hasPeer(bytes("x")));
    }

    /** Patterns keep such options in fields: a change on a live socket must still reach the very next send. */
    @Test
    void mandatoryTakesEffectAtTheNextSendWhenSetOnALiveSocket() {
        Socket router = ctx.socket(SocketType.ROUTER);
        Socket dealer = knownDealer(router);
        assertTrue(router.trySend(pooled("unknown", "dropped")), "not mandatory yet: dropped");
        router.set(SocketOption.ROUTER_MANDATORY, true);
        try (Message m = pooled("unknown", "refused")) {
            assertThrows(UnroutableMessageException.class, () -> router.send(m));
        }
        router.set(SocketOption.ROUTER_MANDATORY, false);
        assertTrue(router.trySend(pooled("unknown", "dropped again")), "mandatory off again: dropped");
        sendOrFail(router, pooled("known", "delivered"));
        assertEquals("delivered", receiveText(dealer));
    }

    @Test
    void plainRouterDropsForAnUnknownId() {
        Socket router = ctx.socket(SocketType.ROUTER);
        Socket dealer = knownDealer(router);
        assertTrue(router.trySend(pooled("unknown", "lost")), "taken and dropped, never an error");
        sendOrFail(router, pooled("known", "delivered"));
        assertEquals("delivered", receiveText(dealer), "only the routable message arrives");
    }

    /**
     * With ROUTER_HANDOVER a second peer announcing a taken identity takes it over and the ROUTER closes the first
     * connection. The first peer is a raw ZMTP connection, so the test sees the close itself.
     */
    @Test
    void handoverGivesTheIdentityToTheNewPeerAndClosesTheOld() throws IOException {
        Socket router = ctx.socket(SocketType.ROUTER).set(SocketOption.ROUTER_HANDOVER, true);
        int port = port(router.bind("tcp://127.0.0.1:*"));
        try (RawZmtpPeer old = rawDealer(port, "worker")) {
            old.sendTogether("from the old connection");
            assertArrayEquals(bytes("worker"), receiveFrom(router, "from the old connection"));
            Socket fresh = ctx.socket(SocketType.DEALER).set(SocketOption.ROUTING_ID, bytes("worker"));
            fresh.connect("tcp://127.0.0.1:" + port);
            sendOrFail(fresh, pooled("from the new connection"));
            assertArrayEquals(bytes("worker"), receiveFrom(router, "from the new connection"));
            assertTrue(old.closedByPeerWithin(PATIENCE), "the ROUTER closed the old connection");
            sendOrFail(router, pooled("worker", "for the new one"));
            assertEquals("for the new one", receiveText(fresh));
        }
    }

    /** Without handover the first holder keeps its identity; the newcomer is heard by no one. */
    @Test
    void duplicateIdentityWithoutHandoverKeepsTheFirstPeer() throws IOException {
        Socket router = ctx.socket(SocketType.ROUTER);
        int port = port(router.bind("tcp://127.0.0.1:*"));
        Socket first = ctx.socket(SocketType.DEALER).set(SocketOption.ROUTING_ID, bytes("dup"));
        first.connect("tcp://127.0.0.1:" + port);
        sendOrFail(first, pooled("first"));
        assertArrayEquals(bytes("dup"), receiveFrom(router, "first"));
        try (RawZmtpPeer second = rawDealer(port, "dup")) {
            second.sendTogether("ignored");
            sendOrFail(first, pooled("first again"));
            assertArrayEquals(bytes("dup"), receiveFrom(router, "first again"), "the newcomer's message was dropped");
            try (Message late = router.receive(Duration.ofMillis(200))) {
                assertEquals(null, late, "nothing from the newcomer, early or late");
            }
            sendOrFail(router, pooled("dup", "to the first"));
            assertEquals("to the first", receiveText(first));
            assertFalse(second.closedByPeerWithin(Duration.ofMillis(200)), "the newcomer is kept open");
        }
    }

    @Test
    void probeRouterAnnouncesEveryNewDealer() {
        Socket router = ctx.socket(SocketType.ROUTER);
        String ep = router.bind("tcp://127.0.0.1:*");
        Socket dealer = ctx.socket(SocketType.DEALER)
                .set(SocketOption.PROBE_ROUTER, true)
                .set(SocketOption.ROUTING_ID, bytes("prober"));
        dealer.connect(ep);
        try (Message probe = router.receive(PATIENCE)) {
            assertNotNull(probe, "the probe arrives without the DEALER sending anything");
            assertEquals(2, probe.size());
            assertArrayEquals(bytes("prober"), probe.frame(0).toBytes());
            assertTrue(probe.frame(1).isEmpty());
        }
    }

    /** Two ROUTERs: the connecting one probes, so the bound one learns its id and can speak first. */
    @Test
    void probeRouterLetsTwoRoutersTalk() {
        Socket server = ctx.socket(SocketType.ROUTER);
        Socket client = ctx.socket(SocketType.ROUTER)
                .set(SocketOption.PROBE_ROUTER, true)
                .set(SocketOption.ROUTING_ID, bytes("client"));
        client.connect(server.bind("tcp://127.0.0.1:*"));
        assertArrayEquals(bytes("client"), receiveFrom(server, ""));
        sendOrFail(server, pooled("client", "welcome"));
        try (Message m = client.receive(PATIENCE)) {
            assertNotNull(m);
            assertEquals(5, m.frame(0).size(), "the server announced no identity: a generated id");
            assertEquals("welcome", m.frame(1).toUtf8());
        }
    }

    /** A DEALER with nowhere to deliver queues SNDHWM messages, then blocks (never drops), until a peer appears. */
    @Test
    void dealerBlocksAtSndhwm() {
        int port = freePort();
        Socket dealer = ctx.socket(SocketType.DEALER)
                .set(SocketOption.SNDHWM, 4)
                .set(SocketOption.LINGER, Duration.ZERO);
        dealer.connect("tcp://127.0.0.1:" + port);
        for (int i = 0; i < 4; i++) {
            assertTrue(dealer.trySend(pooled("m" + i)), "message " + i + " fits under SNDHWM");
        }
        try (Message m = pooled("one too many")) {
            long start = System.nanoTime();
            assertFalse(dealer.send(m, Duration.ofMillis(200)), "blocks, then times out");
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 190);
            assertEquals("one too many", text(m));
        }
        Socket router = ctx.socket(SocketType.ROUTER);
        router.bind("tcp://127.0.0.1:" + port);
        for (int i = 0; i < 4; i++) {
            receiveFrom(router, "m" + i);
        }
        sendOrFail(dealer, pooled("room again"));
        receiveFrom(router, "room again");
    }

    private static final int PAYLOAD = 32 * 1024;

    /**
     * A DEALER that does not read: a plain ROUTER keeps taking messages and drops what does not fit, while a
     * ROUTER_MANDATORY one reports "would block" at the same point.
     */
    @Test
    void routerDropsAtSndhwmUnlessMandatory() {
        Socket router = ctx.socket(SocketType.ROUTER)
                .set(SocketOption.SNDHWM, 10)
                .set(SocketOption.LINGER, Duration.ZERO);
        Socket dealer = ctx.socket(SocketType.DEALER)
                .set(SocketOption.ROUTING_ID, bytes("slow"))
                .set(SocketOption.RCVHWM, 10);
        dealer.connect(router.bind("tcp://127.0.0.1:*"));
        sendOrFail(dealer, pooled("hello"));
        receiveFrom(router, "hello");

        router.set(SocketOption.ROUTER_MANDATORY, true);
        int fitted = 0;
        while (true) {
            Message m = bulk("slow", "m" + fitted);
            if (!router.send(m, Duration.ofMillis(300))) {
                m.close();
                break;
            }
            fitted++;
            assertTrue(fitted < 5000, "never blocked");
        }
        assertTrue(fitted >= 10, "at least SNDHWM fitted: " + fitted);

        router.set(SocketOption.ROUTER_MANDATORY, false);
        int extra = 200;
        for (int i = 0; i < extra; i++) {
            assertTrue(router.trySend(bulk("slow", "dropped" + i)), "a plain ROUTER never blocks");
        }
        int received = 0;
        int dropped = 0;
        while (true) {
            try (Message got = dealer.receive(Duration.ofMillis(500))) {   // until the backlog is drained
                if (got == null) {
                    break;
                }
                String label = got.frame(0).toUtf8();
                if (label.startsWith("dropped")) {
                    dropped++;
                } else {
                    assertEquals("m" + received, label, "the mandatory ones arrive, in order");
                    received++;
                }
            }
        }
        assertEquals(fitted, received);
        assertTrue(dropped < extra, "some messages were dropped at SNDHWM: " + dropped + " of " + extra);
    }

    private static Message bulk(String id, String label) {
        Message m = pooled(id, label);
        m.add(io.jzmtp.msg.Frame.of(new byte[PAYLOAD]));
        return m;
    }

    /** A raw ZMTP 3.0 DEALER announcing {@code identity}, handshaken with the ROUTER at {@code port}. */
    private static RawZmtpPeer rawDealer(int port, String identity) throws IOException {
        java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream out = s.getOutputStream();
        out.write(RawZmtpPeer.greeting());
        out.write(readyWithIdentity("DEALER", bytes(identity)));
        out.flush();
        RawZmtpPeer peer = RawZmtpPeer.accepted(s);
        byte[] greeting = peer.read(64);
        assertEquals((byte) 0xff, greeting[0]);
        byte[] header = peer.read(2);
        assertEquals(0x04, header[0], "a short command frame (READY)");
        peer.read(header[1] & 0xff);
        return peer;
    }

    private static byte[] readyWithIdentity(String socketType, byte[] identity) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(5);
        body.writeBytes("READY".getBytes(StandardCharsets.US_ASCII));
        property(body, "Socket-Type", socketType.getBytes(StandardCharsets.US_ASCII));
        property(body, "Identity", identity);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x04);
        frame.write(b.length);
        frame.writeBytes(b);
        return frame.toByteArray();
    }

    private static void property(ByteArrayOutputStream out, String name, byte[] value) {
        out.write(name.length());
        out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(value.length);
        out.writeBytes(value);
    }
}
