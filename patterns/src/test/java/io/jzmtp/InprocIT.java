package io.jzmtp;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.transport.BindFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static io.jzmtp.TestSupport.PATIENCE;
import static io.jzmtp.TestSupport.nextEvent;
import static io.jzmtp.TestSupport.pooled;
import static io.jzmtp.TestSupport.receiveText;
import static io.jzmtp.TestSupport.sendOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code inproc://} within one Context: every compatible pair of socket types in both bind orders (bind then
 * connect, connect then bind) and both roles, messages passed by reference, the checks a handshake makes, HWM as the
 * sum of both sides, two sockets sending to each other at full speed from two threads, and close while a peer waits.
 */
class InprocIT {

    private Context ctx;
    private int names;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    private String name() {
        return "inproc://test-" + names++;
    }

    /** How two connected sockets show that they talk: each scenario sends one way and, where it can, back. */
    private interface Exchange {
        void run(Socket a, Socket b) throws Exception;
    }

    private record Scenario(SocketType a, SocketType b, Exchange exchange) {
        @Override
        public String toString() {
            return a + "-" + b;
        }
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario(SocketType.PUSH, SocketType.PULL, (push, pull) -> {
                sendOrFail(push, pooled("work"));
                assertEquals("work", receiveText(pull));
            }),
            new Scenario(SocketType.PAIR, SocketType.PAIR, (x, y) -> {
                sendOrFail(x, pooled("ping"));
                assertEquals("ping", receiveText(y));
                sendOrFail(y, pooled("pong"));
                assertEquals("pong", receiveText(x));
            }),
            new Scenario(SocketType.REQ, SocketType.REP, (req, rep) -> {
                sendOrFail(req, pooled("question"));
                assertEquals("question", receiveText(rep));
                sendOrFail(rep, pooled("answer"));
                assertEquals("answer", receiveText(req));
            }),
            new Scenario(SocketType.REQ, SocketType.ROUTER, (req, router) -> {
                sendOrFail(req, pooled("question"));
                try (Message m = router.receive(PATIENCE)) {
                    assertNotNull(m);
                    assertEquals(3, m.size(), "routing id, delimiter, body");
                    assertEquals("question", m.frame(2).toUtf8());
                    sendOrFail(router, pooled("").push(Frame.of(m.frame(0).toBytes())).add("answer"));
                }
                assertEquals("answer", receiveText(req));
            }),
            new Scenario(SocketType.DEALER, SocketType.REP, (dealer, rep) -> {
                sendOrFail(dealer, pooled("", "question"));
                assertEquals("question", receiveText(rep));
                sendOrFail(rep, pooled("answer"));
                assertEquals("|answer", receiveText(dealer));
            }),
            new Scenario(SocketType.DEALER, SocketType.ROUTER, (dealer, router) -> {
                sendOrFail(dealer, pooled("hello"));
                try (Message m = router.receive(PATIENCE)) {
                    assertNotNull(m);
                    assertEquals("hello", m.frame(1).toUtf8());
                    sendOrFail(router, pooled("back").push(Frame.of(m.frame(0).toBytes())));
                }
                assertEquals("back", receiveText(dealer));
            }),
            new Scenario(SocketType.DEALER, SocketType.DEALER, (x, y) -> {
                sendOrFail(x, pooled("a"));
                assertEquals("a", receiveText(y));
                sendOrFail(y, pooled("b"));
                assertEquals("b", receiveText(x));
            }),
            new Scenario(SocketType.PUB, SocketType.SUB, (pub, sub) -> {
                sub.subscribe("news");
                publishUntilHeard(pub, sub, "news flash");
            }),
            new Scenario(SocketType.XPUB, SocketType.XSUB, (xpub, xsub) -> {
                sendOrFail(xsub, Message.subscription(true, "t".getBytes()));
                try (Message m = xpub.receive(PATIENCE)) {
                    assertNotNull(m, "XPUB never saw the subscription");
                    assertEquals("\u0001t", m.first().toUtf8());
                }
                publishUntilHeard(xpub, xsub, "t1");
            }),
            new Scenario(SocketType.XPUB, SocketType.SUB, (xpub, sub) -> {
                sub.subscribe("");
                try (Message m = xpub.receive(PATIENCE)) {
                    assertNotNull(m, "XPUB never saw the subscription");
                }
                publishUntilHeard(xpub, sub, "all");
            }));

    /** Subscriptions travel asynchronously: publish until the subscriber hears one. */
    private static void publishUntilHeard(Socket pub, Socket sub, String text) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            pub.send(text);
            try (Message m = sub.receive(Duration.ofMillis(20))) {
                if (m != null) {
                    assertEquals(text, m.first().toUtf8());
                    return;
                }
            }
        }
        throw new AssertionError("the subscriber never heard " + text);
    }

    static Stream<Arguments> everyPairInEveryOrder() {
        List<Arguments> all = new ArrayList<>();
        for (Scenario s : SCENARIOS) {
            for (boolean aBinds : new boolean[] {true, false}) {
                for (boolean bindFirst : new boolean[] {true, false}) {
                    all.add(Arguments.of(s, aBinds, bindFirst));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, first binds={1}, bind before connect={2}")
    @MethodSource("everyPairInEveryOrder")
    void everyCompatiblePairTalksInEitherBindOrder(Scenario s, boolean aBinds, boolean bindFirst) throws Exception {
        String ep = name();
        Socket a = ctx.socket(s.a());
        Socket b = ctx.socket(s.b());
        Socket binder = aBinds ? a : b;
        Socket connecter = aBinds ? b : a;
        if (bindFirst) {
            binder.bind(ep);
            connecter.connect(ep);
        } else {
            connecter.connect(ep);   // waits for the name, as in libzmq 4.x
            binder.bind(ep);
        }
        s.exchange().run(a, b);
    }

    @Test
    void messagesPassByReferenceWithThePeersMetadata() {
        String ep = name();
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind(ep);
        Socket push = ctx.socket(SocketType.PUSH);
        push.set(SocketOption.METADATA, java.util.Map.of("X-Service", "orders"));
        push.connect(ep);
        Message sent = pooled("by reference");
        sendOrFail(push, sent);
        try (Message received = pull.receive(PATIENCE)) {
            assertSame(sent, received, "the very message, not a copy");
            assertEquals("PUSH", received.metadata().socketType().orElseThrow());
            assertEquals("orders", received.metadata().get("X-Service").orElseThrow());
        }
    }

    @Test
    void theRoutingIdTravels() {
        String ep = name();
        Socket router = ctx.socket(SocketType.ROUTER);
        router.bind(ep);
        Socket dealer = ctx.socket(SocketType.DEALER);
        dealer.set(SocketOption.ROUTING_ID, "alice".getBytes());
        dealer.connect(ep);
        sendOrFail(dealer, pooled("hi"));
        assertEquals("alice|hi", receiveText(router));
    }

    @Test
    void incompatibleTypesAreRefusedOnBothSides() throws Exception {
        String ep = name();
        Socket pub = ctx.socket(SocketType.PUB);
        BlockingQueue<SocketEvent> pubEvents = new LinkedBlockingQueue<>();
        pub.monitor(pubEvents::add);
        pub.bind(ep);
        Socket push = ctx.socket(SocketType.PUSH);
        BlockingQueue<SocketEvent> pushEvents = new LinkedBlockingQueue<>();
        push.monitor(pushEvents::add);
        push.connect(ep);
        SocketEvent.HandshakeFailed onPub = nextEvent(pubEvents, SocketEvent.HandshakeFailed.class);
        SocketEvent.HandshakeFailed onPush = nextEvent(pushEvents, SocketEvent.HandshakeFailed.class);
        assertEquals(io.jzmtp.wire.ZmtpError.INCOMPATIBLE_PEER, onPub.reason());
        assertEquals(io.jzmtp.wire.ZmtpError.INCOMPATIBLE_PEER, onPush.reason());
        assertFalse(push.trySend(Message.of("x")), "no peer: nothing to send to");
    }

    @Test
    void monitorsSeeTheConnectionComeAndGoAsOnANetwork() throws Exception {
        String ep = name();
        Socket pull = ctx.socket(SocketType.PULL);
        BlockingQueue<SocketEvent> pullEvents = new LinkedBlockingQueue<>();
        pull.monitor(pullEvents::add);
        pull.bind(ep);
        Socket push = ctx.socket(SocketType.PUSH);
        BlockingQueue<SocketEvent> pushEvents = new LinkedBlockingQueue<>();
        push.monitor(pushEvents::add);
        push.connect(ep);
        assertEquals(ep, nextEvent(pushEvents, SocketEvent.Connected.class).endpoint());
        assertEquals("PULL",
                nextEvent(pushEvents, SocketEvent.HandshakeSucceeded.class).peer().socketType().orElseThrow());
        assertEquals(ep, nextEvent(pullEvents, SocketEvent.Accepted.class).endpoint());
        assertEquals("PUSH",
                nextEvent(pullEvents, SocketEvent.HandshakeSucceeded.class).peer().socketType().orElseThrow());
        pull.close();
        assertEquals(ep, nextEvent(pushEvents, SocketEvent.Disconnected.class).endpoint());
    }

    @Test
    void aNameIsBoundOnceUntilItIsUnbound() {
        String ep = name();
        Socket first = ctx.socket(SocketType.PULL);
        first.bind(ep);
        Socket second = ctx.socket(SocketType.PULL);
        BindFailedException e = assertThrows(BindFailedException.class, () -> second.bind(ep));
        assertTrue(e.getMessage().contains(ep) && e.getMessage().contains("address in use"), e.getMessage());
        first.unbind(ep);
        assertEquals(ep, second.bind(ep), "the name is free again");
    }

    @Test
    void namesBelongToTheirContext() throws Exception {
        String ep = name();
        try (Context other = Context.create()) {
            Socket pull = other.socket(SocketType.PULL);
            pull.bind(ep);
            Socket push = ctx.socket(SocketType.PUSH);
            push.set(SocketOption.LINGER, Duration.ZERO);
            push.connect(ep);   // waits for a bind in its own context, which never comes
            assertTrue(push.trySend(Message.of("queued")), "queued for a peer, as before any connect completes");
            assertNull(pull.receive(Duration.ofMillis(100)), "the other context's socket is not that peer");
            assertEquals(0, push.statistics().currentPeers());
        }
    }

    @Test
    void aConnectWaitsAgainWhenItsPeerGoesAwayAndJoinsTheNextBinder() {
        String ep = name();
        Socket pair = ctx.socket(SocketType.PAIR);
        pair.connect(ep);
        Socket first = ctx.socket(SocketType.PAIR);
        first.bind(ep);
        sendOrFail(pair, pooled("one"));
        assertEquals("one", receiveText(first));
        first.close();
        Socket second = ctx.socket(SocketType.PAIR);
        second.bind(ep);
        sendOrFail(pair, pooled("two"));
        assertEquals("two", receiveText(second));
    }

    @Test
    void highWaterMarkIsTheSumOfBothSides() {
        String ep = name();
        Socket pull = ctx.socket(SocketType.PULL);
        pull.set(SocketOption.RCVHWM, 10);
        pull.bind(ep);
        Socket push = ctx.socket(SocketType.PUSH);
        push.set(SocketOption.SNDHWM, 7);
        push.connect(ep);
        int accepted = 0;
        Message m;
        while (push.trySend(m = Message.of("m" + accepted))) {
            accepted++;
            assertTrue(accepted <= 1000, "no back-pressure at all");
        }
        m.close();
        assertEquals(17, accepted, "SNDHWM 7 + RCVHWM 10");
        for (int i = 0; i < 17; i++) {
            assertEquals("m" + i, receiveText(pull), "in order, none lost");
        }
        assertTrue(push.trySend(Message.of("after")), "room again once the receiver took its messages");
        assertEquals("after", receiveText(pull));
    }

    /** Both threads send and receive as fast as they can through small queues: neither ever waits on the other. */
    @Test
    void twoSocketsSendingToEachOtherFromTwoThreadsNeverDeadlock() throws Exception {
        String ep = name();
        Socket x = ctx.socket(SocketType.PAIR);
        Socket y = ctx.socket(SocketType.PAIR);
        for (Socket s : List.of(x, y)) {
            s.set(SocketOption.SNDHWM, 16);
            s.set(SocketOption.RCVHWM, 16);
        }
        x.bind(ep);
        y.connect(ep);
        int n = 200_000;
        CompletableFuture<Integer> fromX = CompletableFuture.supplyAsync(() -> pump(x, n));
        CompletableFuture<Integer> fromY = CompletableFuture.supplyAsync(() -> pump(y, n));
        assertEquals(n, fromX.get(60, TimeUnit.SECONDS), "x received all of y's messages");
        assertEquals(n, fromY.get(60, TimeUnit.SECONDS), "y received all of x's messages");
    }

    /** Sends {@code n} messages and receives {@code n}, interleaved, never blocking; returns how many it received. */
    private static int pump(Socket s, int n) {
        int sent = 0;
        int received = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((sent < n || received < n) && System.nanoTime() < deadline) {
            if (sent < n) {
                Message m = Message.of("m");
                if (s.trySend(m)) {
                    sent++;
                } else {
                    m.close();
                }
            }
            Message in;
            while ((in = s.tryReceive()) != null) {
                in.close();
                received++;
            }
        }
        return received;
    }

    @Test
    void closingASocketWakesNobodyWronglyAndTheWaitingPeerCanClose() throws Exception {
        String ep = name();
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind(ep);
        Socket push = ctx.socket(SocketType.PUSH);
        push.connect(ep);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread receiver = new Thread(() -> {
            try {
                pull.receive();   // blocks: nothing is ever sent
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        receiver.start();
        push.close();   // the peer goes away: the receiver keeps waiting, unharmed
        receiver.join(200);
        assertTrue(receiver.isAlive(), "a peer closing is no reason to return");
        pull.close();   // closing the socket itself wakes it
        receiver.join(PATIENCE.toMillis());
        assertFalse(receiver.isAlive());
        assertInstanceOf(SocketClosedException.class, outcome.get());
    }

    /**
     * A sender blocked on a full peer is not harmed when that peer closes: its queue waits for the next socket to
     * bind the name, which then gets what was queued and lets the blocked send through.
     */
    @Test
    void aSenderBlockedOnAFullPeerGoesOnWithTheNextBinder() throws Exception {
        String ep = name();
        Socket pull = ctx.socket(SocketType.PULL);
        pull.set(SocketOption.RCVHWM, 1);
        pull.set(SocketOption.LINGER, Duration.ZERO);
        pull.bind(ep);
        Socket push = ctx.socket(SocketType.PUSH);
        push.set(SocketOption.SNDHWM, 1);
        push.connect(ep);
        assertTrue(push.trySend(Message.of("1")));   // into the PULL's queue
        assertTrue(push.trySend(Message.of("2")));   // waits in the PUSH's queue
        CompletableFuture<Boolean> blocked = push.sendAsync(Message.of("3"));
        assertFalse(blocked.isDone(), "both queues are full");
        pull.close();   // "1" goes with it, unread
        Socket next = ctx.socket(SocketType.PULL);
        next.bind(ep);
        assertEquals("2", receiveText(next));
        assertTrue(blocked.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals("3", receiveText(next));
    }
}
