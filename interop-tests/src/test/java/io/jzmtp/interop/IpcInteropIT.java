package io.jzmtp.interop;

import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ipc://} against libzmq on real Unix domain sockets (JeroMQ has no real ipc: it fakes it over TCP, so it
 * cannot take part): every compatible pair of socket types, jzmtp on either end, either side binding, on a fresh
 * {@code ipc://*} path; and the seeds' PAIR whose libzmq peer closes and comes back.
 */
class IpcInteropIT extends InteropScenario {

    /** How two linked sides show that they talk; {@code a} and {@code b} are the scenario's two types in order. */
    private interface Exchange {
        void run(Side a, Side b);
    }

    private record Pair(SocketType a, SocketType b, Exchange exchange) {
        @Override
        public String toString() {
            return a + "-" + b;
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] EMPTY = new byte[0];

    private static final List<Pair> PAIRS = List.of(
            new Pair(SocketType.PUSH, SocketType.PULL, (push, pull) -> {
                push.send(b("task"));
                expectMessage(pull, "the task", b("task"));
            }),
            new Pair(SocketType.PAIR, SocketType.PAIR, (x, y) -> {
                x.send(b("Hello from A"));
                expectMessage(y, "A's hello", b("Hello from A"));
                y.send(b("Hello from B"));
                expectMessage(x, "B's hello", b("Hello from B"));
            }),
            new Pair(SocketType.REQ, SocketType.REP, (req, rep) -> {
                req.send(b("question"));
                expectMessage(rep, "the request", b("question"));
                rep.send(b("answer"));
                expectMessage(req, "the reply", b("answer"));
            }),
            new Pair(SocketType.REQ, SocketType.ROUTER, (req, router) -> {
                req.send(b("question"));
                Peer.Received r = router.receive(TIMEOUT);
                assertNotNull(r, "the ROUTER got nothing");
                assertEquals(3, r.frames().size());
                assertArrayEquals(b("question"), r.frames().get(2));
                router.send(r.frames().get(0), EMPTY, b("answer"));
                expectMessage(req, "the reply", b("answer"));
            }),
            new Pair(SocketType.DEALER, SocketType.REP, (dealer, rep) -> {
                dealer.send(EMPTY, b("question"));
                expectMessage(rep, "the request", b("question"));
                rep.send(b("answer"));
                expectMessage(dealer, "the reply", EMPTY, b("answer"));
            }),
            new Pair(SocketType.DEALER, SocketType.ROUTER, (dealer, router) -> {
                dealer.send(b("hello"));
                Peer.Received r = router.receive(TIMEOUT);
                assertNotNull(r, "the ROUTER got nothing");
                assertArrayEquals(b("hello"), r.frames().get(1));
                router.send(r.frames().get(0), b("back"));
                expectMessage(dealer, "the ROUTER's answer", b("back"));
            }),
            new Pair(SocketType.DEALER, SocketType.DEALER, (x, y) -> {
                x.send(b("a"));
                expectMessage(y, "x's message", b("a"));
                y.send(b("b"));
                expectMessage(x, "y's message", b("b"));
            }),
            new Pair(SocketType.PUB, SocketType.SUB, (pub, sub) -> {
                sub.subscribe(b("news"));
                publishUntilHeard(pub, sub, b("news flash"));
            }),
            new Pair(SocketType.XPUB, SocketType.XSUB, (xpub, xsub) -> {
                xsub.subscribe(b("t"));
                expectSubscription(xpub, xsub);
                publishUntilHeard(xpub, xsub, b("t1"));
            }),
            new Pair(SocketType.PUB, SocketType.XSUB, (pub, xsub) -> {
                xsub.subscribe(b(""));
                publishUntilHeard(pub, xsub, b("anything"));
            }),
            new Pair(SocketType.XPUB, SocketType.SUB, (xpub, sub) -> {
                sub.subscribe(b("t"));
                expectSubscription(xpub, sub);
                publishUntilHeard(xpub, sub, b("t2"));
            }));

    /** The XPUB receives {@code \x01t}; their library, if it is the subscriber, is pumped meanwhile. */
    private static void expectSubscription(Side xpub, Side subscriber) {
        Peer.Received r = xpub.receiveWhilePumping(subscriber, TIMEOUT);
        assertNotNull(r, xpub.describe() + " never received the subscription");
        assertArrayEquals(b("\u0001t"), r.frames().get(0));
    }

    /** Subscriptions travel on their own: publish until the subscriber hears one (their library pumped meanwhile). */
    private static void publishUntilHeard(Side pub, Side sub, byte[] message) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            pub.send(message);
            Peer.Received r = sub.receiveWhilePumping(pub, Duration.ofMillis(50));
            if (r != null) {
                assertArrayEquals(message, r.frames().get(0));
                return;
            }
        }
        throw new AssertionError(sub.describe() + " never heard " + pub.describe());
    }

    static Stream<Arguments> everyPairEveryRoleEveryBinder() {
        List<Arguments> all = new ArrayList<>();
        for (Pair p : PAIRS) {
            for (boolean oursIsA : new boolean[] {true, false}) {
                for (Binder binder : Binder.values()) {
                    all.add(Arguments.of(p, oursIsA ? "ours " + p.a() : "ours " + p.b(), oursIsA, binder));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, {1}, {3}")
    @MethodSource("everyPairEveryRoleEveryBinder")
    void everyPairTalksWithLibzmqOverIpc(Pair pair, String label, boolean oursIsA, Binder binder) {
        Side a = oursIsA ? ourSide(pair.a()) : theirSide(PeerKind.LIBZMQ, pair.a());
        Side b = oursIsA ? theirSide(PeerKind.LIBZMQ, pair.b()) : ourSide(pair.b());
        Side ours = oursIsA ? a : b;
        Side theirs = oursIsA ? b : a;
        if (binder == Binder.OURS) {
            String ep = ours.bind("ipc://*");
            assertTrue(ep.startsWith("ipc:///"), ep);
            theirs.connect(ep);
        } else {
            String ep = theirs.bind("ipc://*");
            assertTrue(ep.startsWith("ipc:///"), "libzmq's wildcard path: " + ep);
            ours.connect(ep);
        }
        pair.exchange().run(a, b);
    }

    /**
     * The seeds' program: a PAIR bound on an ipc path, its peer connected; the bound libzmq side closes and a new one
     * binds the same path; our PAIR reconnects and messages flow again.
     */
    @Test
    void ourPairReconnectsWhenTheLibzmqPairComesBack() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("jzmtp-seed");
        String ep = "ipc://" + dir.resolve("pair.ipc");
        try {
            Socket ours = ours(SocketType.PAIR);
            ours.set(SocketOption.RECONNECT_IVL, Duration.ofMillis(50));
            Peer firstPeer = theirs(PeerKind.LIBZMQ, SocketType.PAIR);
            Side first = Side.theirs(firstPeer, SocketType.PAIR);
            first.bind(ep);
            ours.connect(ep);
            Side us = Side.ours(ours);
            first.send(b("Hello from A"));
            expectMessage(us, "A's hello", b("Hello from A"));
            us.send(b("Hello from B"));
            expectMessage(first, "B's hello", b("Hello from B"));

            firstPeer.close();   // the process A of the seed goes away (closing twice, at teardown, is harmless)
            // Until ours has seen A go, a message may be written into the dying connection and lost (libzmq too).
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ours.statistics().currentPeers() != 0) {
                assertTrue(System.nanoTime() < deadline, "our PAIR never saw the first peer go");
                Thread.sleep(5);
            }
            Side second = theirSide(PeerKind.LIBZMQ, SocketType.PAIR);
            second.bind(ep);
            us.send(b("after the restart"));
            expectMessage(second, "the message after the restart", b("after the restart"));
            second.send(b("welcome back"));
            expectMessage(us, "the new A's message", b("welcome back"));
        } finally {
            java.nio.file.Files.deleteIfExists(dir.resolve("pair.ipc"));
            java.nio.file.Files.deleteIfExists(dir);
        }
    }
}
