package io.jzmtp.interop;

import io.jzmtp.SocketType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.jzmtp.interop.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * PUB/XPUB → SUB/XSUB on the wire against libzmq (ZMTP 3.1: SUBSCRIBE/CANCEL commands) and JeroMQ (3.0:
 * {@code 01 topic} messages), ours on either end, either side binding. The scenario is the first seed's: a publisher
 * with a {@code detection} topic and a {@code heartbeat} topic, a subscriber to both. It checks that subscriptions made
 * before and after connecting both reach the publisher (an XPUB hands them to the application as {@code 01 topic}),
 * that the publisher delivers exactly the messages whose first frame starts with a subscribed topic, whole and in
 * order, and that an unsubscription stops delivery (an XPUB sees {@code 00 topic}).
 */
class PubSubInteropIT extends InteropScenario {

    static final byte[] DETECTION = utf8("detection");
    static final byte[] HEARTBEAT = utf8("heartbeat");
    private static final String SYNC = "sync-";

    @ParameterizedTest(name = "their {0} PUB, {1}")
    @MethodSource("peersAndBinders")
    void ourSubTheirPub_tcp(PeerKind kind, Binder binder) {
        topicsWithHeartbeat(theirSide(kind, SocketType.PUB), ourSide(SocketType.SUB), binder);
    }

    @ParameterizedTest(name = "their {0} PUB, {1}")
    @MethodSource("peersAndBinders")
    void ourXsubTheirPub_tcp(PeerKind kind, Binder binder) {
        topicsWithHeartbeat(theirSide(kind, SocketType.PUB), ourSide(SocketType.XSUB), binder);
    }

    @ParameterizedTest(name = "their {0} XPUB, {1}")
    @MethodSource("peersAndBinders")
    void ourSubTheirXpub_tcp(PeerKind kind, Binder binder) {
        topicsWithHeartbeat(theirSide(kind, SocketType.XPUB), ourSide(SocketType.SUB), binder);
    }

    @ParameterizedTest(name = "their {0} XPUB, {1}")
    @MethodSource("peersAndBinders")
    void ourXsubTheirXpub_tcp(PeerKind kind, Binder binder) {
        topicsWithHeartbeat(theirSide(kind, SocketType.XPUB), ourSide(SocketType.XSUB), binder);
    }

    @ParameterizedTest(name = "their {0} SUB, {1}")
    @MethodSource("peersAndBinders")
    void theirSubOurPub_tcp(PeerKind kind, Binder binder) {
        topicsWithHeartbeat(ourSide(SocketType.PUB), theirSide(kind, SocketType.SUB), binder);
    }

    @ParameterizedTest(name = "their {0} XSUB, {1}")
    @MethodSource("peersAndBinders")
    void theirXsubOurPub_tcp(PeerKind kind, Binder binder) {
        topicsWithHeartbeat(ourSide(SocketType.PUB), theirSide(kind, SocketType.XSUB), binder);
    }

    @ParameterizedTest(name = "their {0} SUB, {1}")
    @MethodSource("peersAndBinders")
    void theirSubOurXpub_tcp(PeerKind kind, Binder binder) {
        topicsWithHeartbeat(ourSide(SocketType.XPUB), theirSide(kind, SocketType.SUB), binder);
    }

    @ParameterizedTest(name = "their {0} XSUB, {1}")
    @MethodSource("peersAndBinders")
    void theirXsubOurXpub_tcp(PeerKind kind, Binder binder) {
        topicsWithHeartbeat(ourSide(SocketType.XPUB), theirSide(kind, SocketType.XSUB), binder);
    }

    private void topicsWithHeartbeat(Side pub, Side sub, Binder binder) {
        sub.subscribe(DETECTION);   // before any connection: sent when the connection is made
        if (pub.isOurs()) {
            Side.link(pub, sub, binder);
        } else {
            Side.link(sub, pub, binder);
        }
        sub.subscribe(HEARTBEAT);   // on a connection that may or may not be up yet
        if (pub.type() == SocketType.XPUB) {
            expectSubscriptions(pub, sub, subscription(1, DETECTION), subscription(1, HEARTBEAT));
        }
        awaitDelivery(pub, sub, DETECTION, HEARTBEAT);

        byte[][][] published = {
            {DETECTION, utf8("message1 for detection")},
            {utf8("other"), utf8("not subscribed")},
            {HEARTBEAT, utf8("heartbeat")},
            {utf8("detectio"), utf8("shorter than the topic")},
            {utf8("detection.zone2"), utf8("prefix match"), utf8("third frame")},
            {new byte[0]},
            {utf8("Heartbeat"), utf8("other case")},
            {HEARTBEAT, utf8("end")},
        };
        for (byte[][] m : published) {
            pub.send(m);
        }
        Peer.Received first = receiveAfterSync(sub);
        assertFrames(sub.describe() + ", first message", published[0], first.frames());
        assertEquals(pub.type().name(), first.peerSocketType(), sub.describe() + " reports the publisher's type");
        expectMessage(sub, "heartbeat", published[2]);
        expectMessage(sub, "three frames by prefix match", published[4]);
        expectMessage(sub, "the end marker (nothing unsubscribed in between)", published[7]);

        sub.unsubscribe(DETECTION);
        if (pub.type() == SocketType.XPUB) {
            expectSubscriptions(pub, sub, subscription(0, DETECTION));
        }
        awaitCancelled(pub, sub, DETECTION, HEARTBEAT);
        pub.send(DETECTION, utf8("after cancel"));
        pub.send(HEARTBEAT, utf8("end2"));
        expectMessage(sub, "only the heartbeat after cancelling detection", HEARTBEAT, utf8("end2"));
        assertNothingArrives(sub, Duration.ofMillis(50));
    }

    /** {@code 01 topic} or {@code 00 topic}: how an XPUB hands a (un)subscription to the application. */
    static byte[] subscription(int on, byte[] topic) {
        return RawZmtp.concat(new byte[] {(byte) on}, topic);
    }

    /**
     * The XPUB {@code pub} receives exactly these single-frame subscription messages from {@code sub}, in any order.
     */
    static void expectSubscriptions(Side pub, Side sub, byte[]... expected) {
        Set<String> want = new TreeSet<>();
        for (byte[] e : expected) {
            want.add(HexFormat.of().formatHex(e));
        }
        Set<String> got = new TreeSet<>();
        for (int i = 0; i < expected.length; i++) {
            Peer.Received r = pub.receiveWhilePumping(sub, TIMEOUT);
            assertNotNull(r, pub.describe() + " received " + got + " of the subscriptions " + want + " within "
                    + TIMEOUT);
            assertEquals(1, r.frames().size(), "a subscription is one frame: " + show(r.frames()));
            got.add(HexFormat.of().formatHex(r.frames().get(0)));
        }
        assertEquals(want, got, pub.describe() + ": subscription messages (hex)");
    }

    /**
     * Publishes {@code sync-N} on every topic until {@code sub} has received one of each: then the publisher has
     * applied every subscription. Subscribers cannot know that otherwise (ZeroMQ's "slow joiner").
     */
    static void awaitDelivery(Side pub, Side sub, byte[]... topics) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Set<String> seen = new TreeSet<>();
        for (int i = 0; seen.size() < topics.length; i++) {
            if (System.nanoTime() - deadline > 0) {
                fail(sub.describe() + " received sync messages of only " + seen + " within " + TIMEOUT);
            }
            for (byte[] t : topics) {
                pub.send(t, utf8(SYNC + i));
            }
            for (Peer.Received r = sub.receive(Duration.ofMillis(20)); r != null; r = sub.receive(Duration.ZERO)) {
                seen.add(new String(r.frames().get(0)));
            }
        }
    }

    /**
     * After an unsubscription from {@code cancelled}: publishes it followed by a {@code probe} until a probe arrives
     * without a cancelled message before it, i.e. until the publisher has applied the cancel (SUB would filter
     * locally anyway; XSUB does not).
     */
    static void awaitCancelled(Side pub, Side sub, byte[] cancelled, byte[] probe) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (int i = 0; ; i++) {
            if (System.nanoTime() - deadline > 0) {
                fail(sub.describe() + " still receives '" + new String(cancelled) + "' " + TIMEOUT
                        + " after unsubscribing");
            }
            pub.send(cancelled, utf8(SYNC + "c" + i));
            pub.send(probe, utf8(SYNC + "p" + i));
            boolean clean = true;
            while (true) {
                Peer.Received r = sub.receive(TIMEOUT);
                assertNotNull(r, sub.describe() + " did not receive probe " + i);
                if (java.util.Arrays.equals(r.frames().get(0), cancelled)) {
                    clean = false;
                } else if (new String(r.frames().get(1)).equals(SYNC + "p" + i)) {
                    break;
                }
            }
            if (clean) {
                return;
            }
        }
    }

    /** The next message that is not a sync message (those all come first). */
    static Peer.Received receiveAfterSync(Side sub) {
        List<String> skipped = new ArrayList<>();
        while (true) {
            Peer.Received r = sub.receive(TIMEOUT);
            assertNotNull(r, sub.describe() + " received nothing after " + skipped.size() + " sync messages");
            if (r.frames().size() == 2 && new String(r.frames().get(1)).startsWith(SYNC)) {
                skipped.add(new String(r.frames().get(1)));
                continue;
            }
            return r;
        }
    }
}
