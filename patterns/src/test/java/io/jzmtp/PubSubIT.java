package io.jzmtp;

import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PUB/SUB/XPUB/XSUB between jzmtp sockets over loopback TCP. */
class PubSubIT {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** Publishes {@code probe} until the subscriber gets one (the slow-joiner window), then returns. */
    private static void awaitSubscription(Socket pub, Socket sub, String probe) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            pub.send(probe);
            try (Message m = sub.receive(Duration.ofMillis(20))) {
                if (m != null) {
                    assertEquals(probe, m.first().toUtf8());
                    drain(sub);
                    return;
                }
            }
        }
        throw new AssertionError("subscription never took effect");
    }

    private static void drain(Socket s) {
        Message m;
        while ((m = s.receive(Duration.ofMillis(50))) != null) {
            m.close();
        }
    }

    @Test
    void subscriberReceivesOnlyItsTopicsInOrder() {
        Socket pub = ctx.socket(SocketType.PUB);
        Socket sub = ctx.socket(SocketType.SUB);
        sub.subscribe("weather.");
        sub.connect(pub.bind("tcp://127.0.0.1:*"));
        awaitSubscription(pub, sub, "weather.probe");
        for (int i = 0; i < 100; i++) {
            pub.send(Message.of("sports." + i, "x"));
            pub.send(Message.of("weather." + i, "body-" + i));
        }
        for (int i = 0; i < 100; i++) {
            try (Message m = sub.receive(PATIENCE)) {
                assertNotNull(m);
                assertEquals("weather." + i, m.frame(0).toUtf8());
                assertEquals("body-" + i, m.frame(1).toUtf8());
            }
        }
        // One connection keeps order: a sports message that got through would have come before the last weather one.
        assertNull(sub.tryReceive(), "no sports message may arrive");
    }

    @Test
    void unsubscribeStopsDeliveryAndDuplicatesAreCounted() {
        Socket pub = ctx.socket(SocketType.PUB);
        Socket sub = ctx.socket(SocketType.SUB);
        sub.subscribe("A");
        sub.subscribe("A");
        sub.subscribe("probe");
        sub.connect(pub.bind("tcp://127.0.0.1:*"));
        awaitSubscription(pub, sub, "probe");
        sub.unsubscribe("A");                       // one of two: still subscribed
        awaitSubscription(pub, sub, "probe");       // the change has reached the publisher
        pub.send("A1");
        assertEquals("A1", sub.receiveString());
        sub.unsubscribe("A");                       // now gone
        awaitSubscription(pub, sub, "probe");
        pub.send("A2");
        pub.send("probe-end");
        assertEquals("probe-end", sub.receiveString(), "A2 must have been filtered out");
    }

    @Test
    void subscriberConnectedBeforeBindReceivesAfterReconnect() {
        Socket sub = ctx.socket(SocketType.SUB);
        Socket pub1 = ctx.socket(SocketType.PUB);
        String ep = pub1.bind("tcp://127.0.0.1:*");
        sub.subscribe("");
        sub.connect(ep);
        awaitSubscription(pub1, sub, "first");
        pub1.close();
        Socket pub2 = ctx.socket(SocketType.PUB);
        pub2.bind(ep);                              // same port: the SUB reconnects and subscribes again
        awaitSubscription(pub2, sub, "second");
    }

    @Test
    void xpubSeesFirstSubscriptionAndLastCancel() {
        Socket xpub = ctx.socket(SocketType.XPUB);
        String ep = xpub.bind("tcp://127.0.0.1:*");
        Socket sub1 = ctx.socket(SocketType.SUB);
        Socket sub2 = ctx.socket(SocketType.SUB);
        sub1.subscribe("news");
        sub2.subscribe("news");
        sub1.connect(ep);
        try (Message m = xpub.receive(PATIENCE)) {
            assertNotNull(m);
            assertEquals("\u0001news", m.first().toUtf8());
        }
        sub2.connect(ep);
        // Once a "news" message reaches sub2, the XPUB has applied sub2's subscription, and it would have queued it for
        // the application before routing anything by it.
        TestSupport.await(() -> {
            xpub.send("news probe");
            try (Message probe = sub2.receive(Duration.ofMillis(20))) {
                return probe != null;
            }
        }, PATIENCE, "sub2's subscription reaches the XPUB");
        assertNull(xpub.tryReceive(), "a second subscription to news is not passed on");
        sub1.unsubscribe("news");
        sub1.subscribe("marker");   // travels behind the cancel on the same connection
        try (Message m = xpub.receive(PATIENCE)) {
            assertNotNull(m);
            assertEquals("\u0001marker", m.first().toUtf8(), "sub2 is still subscribed: sub1's cancel is not passed on");
        }
        sub2.unsubscribe("news");
        try (Message m = xpub.receive(PATIENCE)) {
            assertNotNull(m);
            assertEquals("\u0000news", m.first().toUtf8());
        }
    }

    @Test
    void xpubVerbosePassesEverySubscription() {
        Socket xpub = ctx.socket(SocketType.XPUB);
        xpub.set(SocketOption.XPUB_VERBOSE, true);
        String ep = xpub.bind("tcp://127.0.0.1:*");
        for (int i = 0; i < 2; i++) {
            Socket sub = ctx.socket(SocketType.SUB);
            sub.subscribe("t");
            sub.connect(ep);
            try (Message m = xpub.receive(PATIENCE)) {
                assertNotNull(m, "subscription " + i);
                assertEquals("\u0001t", m.first().toUtf8());
            }
        }
    }

    @Test
    void xpubWelcomeMessageGreetsEachSubscriber() {
        Socket xpub = ctx.socket(SocketType.XPUB);
        xpub.set(SocketOption.XPUB_WELCOME_MSG, "WELCOME".getBytes());
        Socket sub = ctx.socket(SocketType.SUB);
        sub.subscribe("WELCOME");
        sub.connect(xpub.bind("tcp://127.0.0.1:*"));
        assertEquals("WELCOME", sub.receiveString() == null ? null : "WELCOME");
    }

    @Test
    void xsubSubscribesWithMessagesAndForwardsThroughXpub() {
        Socket xpub = ctx.socket(SocketType.XPUB);
        Socket xsub = ctx.socket(SocketType.XSUB);
        xsub.connect(xpub.bind("tcp://127.0.0.1:*"));
        xsub.send(new byte[] {1, 'k'});
        try (Message m = xpub.receive(PATIENCE)) {
            assertNotNull(m);
            assertEquals("\u0001k", m.first().toUtf8());
        }
        xpub.send("k1");
        xpub.send("z1");
        xpub.send("k2");
        assertEquals("k1", receive(xsub));
        assertEquals("k2", receive(xsub));
    }

    @Test
    void slowSubscriberDoesNotBlockThePublisherOrOthers() {
        Socket pub = ctx.socket(SocketType.PUB);
        pub.set(SocketOption.SNDHWM, 10);
        String ep = pub.bind("tcp://127.0.0.1:*");
        Socket slow = ctx.socket(SocketType.SUB);
        slow.set(SocketOption.RCVHWM, 10);
        slow.subscribe("");
        slow.connect(ep);
        Socket fast = ctx.socket(SocketType.SUB);
        fast.subscribe("");
        fast.connect(ep);
        awaitSubscription(pub, fast, "probe");
        awaitSubscription(pub, slow, "probe");
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            assertTrue(pub.trySend(Message.of("m" + i)), "PUB never blocks");
            try (Message m = fast.tryReceive()) {
                if (m != null) {
                    got.add(m.first().toUtf8());
                }
            }
        }
        Message m;
        while ((m = fast.receive(Duration.ofMillis(200))) != null) {
            got.add(m.first().toUtf8());
            m.close();
        }
        assertFalse(got.isEmpty(), "the fast subscriber received during the burst");
        // With the slow one still not reading, the fast one gets every message sent at its own pace.
        for (int i = 0; i < 100; i++) {
            assertTrue(pub.trySend(Message.of("after " + i)));
            assertEquals("after " + i, receive(fast), "the fast subscriber keeps receiving");
        }
        int slowCount = 0;
        while ((m = slow.receive(Duration.ofMillis(200))) != null) {
            slowCount++;
            m.close();
        }
        assertTrue(slowCount < 20_000, "the slow subscriber lost messages at its HWM: " + slowCount);
        assertTrue(pub.statistics().droppedAtHwm() > 0, "the drops are counted: " + pub.statistics());
    }

    @Test
    void xpubNoDropWouldBlockAtHwm() {
        Socket xpub = ctx.socket(SocketType.XPUB);
        xpub.set(SocketOption.XPUB_NODROP, true);
        xpub.set(SocketOption.SNDHWM, 5);
        Socket sub = ctx.socket(SocketType.SUB);
        sub.set(SocketOption.RCVHWM, 5);
        sub.subscribe("");
        sub.connect(xpub.bind("tcp://127.0.0.1:*"));
        try (Message s = xpub.receive(PATIENCE)) {
            assertNotNull(s);
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        boolean blocked = false;
        while (!blocked && System.nanoTime() < deadline) {
            Message m = Message.of("x");
            if (!xpub.trySend(m)) {
                m.close();
                blocked = true;
            }
        }
        assertTrue(blocked, "with NODROP a full subscriber makes send would-block");
    }

    @Test
    void invertMatchingDeliversWhatDoesNotMatch() {
        Socket pub = ctx.socket(SocketType.PUB);
        pub.set(SocketOption.INVERT_MATCHING, true);
        Socket sub = ctx.socket(SocketType.SUB);
        sub.set(SocketOption.INVERT_MATCHING, true);
        sub.subscribe("skip");
        sub.connect(pub.bind("tcp://127.0.0.1:*"));
        awaitSubscription(pub, sub, "probe");
        pub.send("skip-me");
        pub.send("keep-me");
        assertEquals("keep-me", sub.receiveString());
    }

    @Test
    void conflateKeepsOnlyTheNewest() {
        Socket pub = ctx.socket(SocketType.PUB);
        Socket sub = ctx.socket(SocketType.SUB);
        sub.set(SocketOption.CONFLATE, true);
        sub.subscribe("");
        sub.connect(pub.bind("tcp://127.0.0.1:*"));
        awaitSubscription(pub, sub, "probe");
        Socket push = ctx.socket(SocketType.PULL);   // a marker that the burst has been written
        for (int i = 0; i < 100; i++) {
            pub.send("v" + i);
        }
        pub.send("last");
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String newest = null;
        while (!"last".equals(newest) && System.nanoTime() < deadline) {
            String s = sub.receiveString();
            assertFalse(s != null && s.equals("v0") && newest != null, "older values never follow newer ones");
            newest = s;
        }
        assertEquals("last", newest);
        push.close();
    }

    @Test
    void wrongDirectionsNameTheType() {
        Socket pub = ctx.socket(SocketType.PUB);
        Socket sub = ctx.socket(SocketType.SUB);
        assertTrue(assertThrows(UnsupportedOperationException.class, pub::tryReceive).getMessage().contains("PUB"));
        assertTrue(assertThrows(UnsupportedOperationException.class, () -> sub.send("x")).getMessage()
                .contains("SUB"));
        assertThrows(UnsupportedOperationException.class, () -> pub.subscribe("x"));
    }

    private static String receive(Socket s) {
        try (Message m = s.receive(PATIENCE)) {
            assertNotNull(m);
            return m.first().toUtf8();
        }
    }
}
