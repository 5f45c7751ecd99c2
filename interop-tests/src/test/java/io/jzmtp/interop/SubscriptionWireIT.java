package io.jzmtp.interop;

import io.jzmtp.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.jzmtp.interop.Payloads.utf8;
import static io.jzmtp.interop.RawZmtp.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Subscriptions on the wire, checked byte for byte with a hand-written ZMTP peer (ZMTP.md §8). Every scenario runs
 * with our socket and, as a reference for the expected bytes, with libzmq's in the same place.
 * <ul>
 *   <li>A SUB/XSUB connected to a raw publisher that greets as 3.1 sends {@code 04 <n> 09 "SUBSCRIBE" topic} and
 *   {@code 04 <n> 06 "CANCEL" topic} commands; to one that greets as 3.0, {@code 00 <n> 01 topic} and
 *   {@code 00 <n> 00 topic} messages. Each subscribe is sent, a cancel only when the last one is withdrawn; XSUB
 *   forwards what the application sends as a message even to 3.1, and re-sends on connect in the peer's form.</li>
 *   <li>After a reconnect, the current subscriptions (only those) are sent again, in the new peer's form.</li>
 *   <li>A PUB/XPUB takes both forms from a raw 3.0 and a raw 3.1 subscriber, filters at the publisher (only matching
 *   messages cross the wire, whole), and stops after either form of cancel; an XPUB hands both forms to the
 *   application as {@code 01 topic} / {@code 00 topic}, and other messages as they are.</li>
 * </ul>
 */
class SubscriptionWireIT extends InteropScenario {

    /** Whose socket faces the raw peer. */
    enum Subject {
        OURS("our"),
        LIBZMQ("libzmq (reference)");

        private final String label;

        Subject(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** How a raw subscriber sends its subscriptions. */
    enum Form {
        COMMAND, MESSAGE
    }

    private static final Duration GRACE = Duration.ofMillis(100);
    private static final byte[] TOPIC = utf8("topic");
    private static final byte[] NEWS = utf8("news");

    private final List<AutoCloseable> raw = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void closeRaw() throws Exception {
        for (AutoCloseable c : raw) {
            c.close();
        }
    }

    @Test
    void rawFormsAreTheCapturedBytes() {
        assertEquals("04 0f 09 53 55 42 53 43 52 49 42 45 74 6f 70 69 63", hex(RawZmtp.subscribeCommand(TOPIC)));
        assertEquals("04 0c 06 43 41 4e 43 45 4c 74 6f 70 69 63", hex(RawZmtp.cancelCommand(TOPIC)));
        assertEquals("00 06 01 74 6f 70 69 63", hex(RawZmtp.subscribeMessage(TOPIC)));
        assertEquals("00 06 00 74 6f 70 69 63", hex(RawZmtp.cancelMessage(TOPIC)));
    }

    static Stream<Arguments> subscribers() {
        return Stream.of(Subject.values()).flatMap(subject -> Stream.of(SocketType.SUB, SocketType.XSUB)
                .flatMap(type -> Stream.of(1, 0).map(minor -> Arguments.of(subject, type, minor))));
    }

    // ---- SUB/XSUB → raw publisher -----------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1} to a raw ZMTP 3.{2} PUB")
    @MethodSource("subscribers")
    void subscriberSendsSubscriptionsInThePublishersForm(Subject subject, SocketType type, int minor) {
        Side sub = subject(subject, type);
        sub.subscribe(TOPIC);
        sub.subscribe(new byte[0]);
        RawPeer.Listener listener = listener();
        sub.connect(listener.endpoint());
        RawPeer pub = accept(listener, minor, "PUB").pumping(sub::pump);
        assertReady(pub, type);

        // Subscriptions made before the connection go out when it is made, in the peer's form, in any order.
        assertSameSet(List.of(subscribe(minor, TOPIC), subscribe(minor, new byte[0])), pub.awaitFrames(2));

        // What an XSUB's application sends goes out as a message, whatever the version (ZMTP.md §8.2).
        int form = type == SocketType.XSUB ? 0 : minor;
        sub.subscribe(NEWS);
        sub.subscribe(NEWS);            // counted: sent again
        sub.unsubscribe(NEWS);          // one left: nothing sent
        sub.unsubscribe(NEWS);          // the last one: cancel
        sub.unsubscribe(utf8("never")); // unknown: nothing sent
        sub.unsubscribe(TOPIC);
        List<byte[]> expected = new ArrayList<>(List.of(subscribe(form, NEWS), subscribe(form, NEWS),
                cancel(form, NEWS), cancel(form, TOPIC)));
        if (type == SocketType.XSUB) {
            sub.send(RawZmtp.concat(new byte[] {2}, utf8("other")));   // neither 00 nor 01: passed on as it is
            expected.add(RawZmtp.message(RawZmtp.concat(new byte[] {2}, utf8("other"))));
        }
        List<RawZmtp.WireFrame> after = pub.awaitExactly(2 + expected.size(), GRACE);
        assertWire(expected, after.subList(2, after.size()));
    }

    @ParameterizedTest(name = "{0} {1}, first publisher 3.{2}")
    @MethodSource("subscribers")
    void subscriptionsAreResentAfterReconnect(Subject subject, SocketType type, int firstMinor) {
        int secondMinor = 1 - firstMinor;
        Side sub = subject(subject, type);
        byte[] a = utf8("A");
        byte[] b = utf8("B");
        sub.subscribe(a);
        sub.subscribe(b);
        RawPeer.Listener listener = listener();
        sub.connect(listener.endpoint());
        RawPeer first = accept(listener, firstMinor, "PUB").pumping(sub::pump);
        assertSameSet(List.of(subscribe(firstMinor, a), subscribe(firstMinor, b)), first.awaitFrames(2));
        sub.unsubscribe(a);
        first.awaitFrames(3);
        first.close();   // the publisher goes away; the subscriber reconnects by itself

        RawPeer second = accept(listener, secondMinor, "PUB").pumping(sub::pump);
        assertReady(second, type);
        assertWire(List.of(subscribe(secondMinor, b)), second.awaitExactly(1, GRACE));
        if (type == SocketType.SUB) {
            sub.subscribe(utf8("C"));
            assertWire(List.of(subscribe(secondMinor, b), subscribe(secondMinor, utf8("C"))),
                    second.awaitExactly(2, GRACE));
        }
    }

    // ---- raw subscriber → PUB/XPUB ----------------------------------------------------------------------------------

    static Stream<Arguments> publishers() {
        return Stream.of(Subject.values()).flatMap(subject -> Stream.of(SocketType.PUB, SocketType.XPUB)
                .flatMap(type -> Stream.of(1, 0).flatMap(minor -> Stream.of(Form.values())
                        .map(form -> Arguments.of(subject, type, minor, form)))));
    }

    @ParameterizedTest(name = "{0} {1}, raw ZMTP 3.{2} SUB subscribing by {3}")
    @MethodSource("publishers")
    void publisherTakesEitherFormAndFiltersOnTheWire(Subject subject, SocketType type, int minor, Form form) {
        Side pub = subject(subject, type);
        RawPeer sub = RawPeer.connect(pub.bind(), minor, "SUB").pumping(pub::pump);
        raw.add(sub);
        // Subscribe only once the publisher's READY is here: libzmq fails the handshake (UNEXPECTED_COMMAND) when
        // anything after our READY arrives before it has sent its own.
        assertReady(sub, type);
        byte[] a = utf8("A");
        byte[] z = utf8("Z");
        sub.send(form == Form.COMMAND ? RawZmtp.subscribeCommand(a) : RawZmtp.subscribeMessage(a));
        sub.send(form == Form.COMMAND ? RawZmtp.subscribeCommand(z) : RawZmtp.subscribeMessage(z));
        sub.send(RawZmtp.message("hello"));   // not a subscription: XPUB hands it on, PUB drops it
        if (type == SocketType.XPUB) {
            expectMessage(pub, "subscription to A", PubSubInteropIT.subscription(1, a));
            expectMessage(pub, "subscription to Z", PubSubInteropIT.subscription(1, z));
            expectMessage(pub, "the upstream message", utf8("hello"));
        }
        awaitFirstMessage(pub, sub, a);

        byte[][][] published = {
            {utf8("B-1")},
            {utf8("A-1")},
            {utf8("C-2"), utf8("x"), utf8("y")},
            {utf8("A-2"), utf8("x"), new byte[0]},
            {new byte[0]},
            {utf8("a-lower")},
            {utf8("Z-end")},
        };
        for (byte[][] m : published) {
            pub.send(m);
        }
        List<List<byte[]>> got = withoutSync(sub.messagesUntil(utf8("Z-end")));
        assertMessages(List.of(published[1], published[3], published[6]), got);
        // and on the wire, exactly: 01 03 "A-2" | 01 01 "x" | 00 00
        List<RawZmtp.WireFrame> frames = sub.framesAfterReady();
        int at = indexOfFrame(frames, utf8("A-2"));
        assertEquals("01 03 41 2d 32 01 01 78 00 00", hex(RawZmtp.concat(frames.get(at).wire(),
                frames.get(at + 1).wire(), frames.get(at + 2).wire())), "A-2 on the wire");

        sub.send(form == Form.COMMAND ? RawZmtp.cancelCommand(a) : RawZmtp.cancelMessage(a));
        if (type == SocketType.XPUB) {
            expectMessage(pub, "cancel of A", PubSubInteropIT.subscription(0, a));
        }
        awaitCancelled(pub, sub, a, z);
        pub.send(a, utf8("final"));
        pub.send(z, utf8("final-end"));
        List<List<byte[]>> all = sub.messagesUntil(utf8("final-end"));
        assertMessages(List.<byte[][]>of(new byte[][] {z, utf8("final-end")}), all.subList(all.size() - 1, all.size()));
        assertTrue(Arrays.equals(all.get(all.size() - 2).get(0), z), "the message before final-end is a probe, not"
                + " the cancelled 'final': " + show(all.get(all.size() - 2)));
        assertTrue(!sub.closedByOurSide(), "the publisher closed the raw subscriber's connection");
    }

    /**
     * No libzmq row here: libzmq 4.3.4 keeps a connecting PUB's pipe, and with it the old subscriptions, across a
     * reconnect, so it would still send {@code A} to the new subscriber (which then filters it out locally). Ours
     * forgets them with the connection: the subscriber re-sends what it still wants.
     */
    @Test
    void connectingPublisherForgetsTheSubscriptionsOfALostConnection() {
        Side pub = ourSide(SocketType.PUB);
        RawPeer.Listener listener = listener();
        pub.connect(listener.endpoint());
        byte[] a = utf8("A");
        byte[] b = utf8("B");
        RawPeer first = accept(listener, 1, "SUB").pumping(pub::pump);
        first.awaitReady();
        first.send(RawZmtp.subscribeCommand(a));
        awaitFirstMessage(pub, first, a);
        first.close();

        // The subscriber comes back (after a restart, say) with other subscriptions: only those count now.
        RawPeer second = accept(listener, 1, "SUB").pumping(pub::pump);
        second.awaitReady();
        second.send(RawZmtp.subscribeCommand(b));
        awaitFirstMessage(pub, second, b);
        pub.send(a, utf8("stale"));
        pub.send(b, utf8("end"));
        List<List<byte[]>> got = withoutSync(second.messagesUntil(utf8("end")));
        assertMessages(List.<byte[][]>of(new byte[][] {b, utf8("end")}), got);
    }

    @ParameterizedTest(name = "raw ZMTP 3.{0} SUB")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 0})
    void ourPubTakesSubscriptionSentWithTheHandshake(int minor) {
        // Greeting, READY and the subscription in one write, before our greeting even arrived: jzmtp accepts any
        // order (libzmq would fail such a handshake with UNEXPECTED_COMMAND, so there is no reference row here).
        Side pub = ourSide(SocketType.PUB);
        String endpoint = pub.bind();
        RawConnection connection = RawConnection.open(endpoint);
        raw.add(connection);
        byte[] topic = utf8("T");
        connection.send(RawZmtp.concat(RawZmtp.greeting(minor), RawZmtp.ready("SUB"),
                minor == 1 ? RawZmtp.subscribeCommand(topic) : RawZmtp.subscribeMessage(topic)));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (int i = 0; ; i++) {
            pub.send(utf8("U"), utf8("unsubscribed"));
            pub.send(topic, utf8("sync-" + i));
            byte[] got = connection.readUntil(bytes -> bytes.length > RawZmtp.GREETING_LENGTH
                    && !RawPeer.messages(RawZmtp.frames(bytes, RawZmtp.GREETING_LENGTH)).isEmpty(),
                    Duration.ofMillis(20));
            if (got != null) {
                List<List<byte[]>> messages = RawPeer.messages(RawZmtp.frames(got, RawZmtp.GREETING_LENGTH));
                assertEquals("T", new String(messages.get(0).get(0)), "only the subscribed topic crosses the wire");
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("our PUB sent nothing within " + TIMEOUT + ": " + hex(connection.received()));
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private Side subject(Subject subject, SocketType type) {
        return subject == Subject.OURS ? ourSide(type) : theirSide(PeerKind.LIBZMQ, type);
    }

    private RawPeer.Listener listener() {
        RawPeer.Listener l = new RawPeer.Listener();
        raw.add(l);
        return l;
    }

    private RawPeer accept(RawPeer.Listener listener, int minor, String type) {
        RawPeer p = RawPeer.accept(listener, minor, type);
        raw.add(p);
        return p;
    }

    private static void assertReady(RawPeer peer, SocketType type) {
        RawZmtp.WireFrame ready = peer.awaitReady();
        String body = new String(ready.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(body.contains("Socket-Type\u0000\u0000\u0000" + (char) type.name().length() + type.name()),
                "READY announces " + type + ": " + ready);
    }

    /** The SUBSCRIBE command for 3.1 ({@code minor} 1), the {@code 01 topic} message for 3.0. */
    private static byte[] subscribe(int minor, byte[] topic) {
        return minor == 1 ? RawZmtp.subscribeCommand(topic) : RawZmtp.subscribeMessage(topic);
    }

    private static byte[] cancel(int minor, byte[] topic) {
        return minor == 1 ? RawZmtp.cancelCommand(topic) : RawZmtp.cancelMessage(topic);
    }

    private static void assertWire(List<byte[]> expected, List<RawZmtp.WireFrame> actual) {
        List<String> want = expected.stream().map(RawZmtp::hex).toList();
        List<String> got = actual.stream().map(f -> hex(f.wire())).toList();
        assertEquals(want, got, "frames on the wire, in order");
    }

    private static void assertSameSet(List<byte[]> expected, List<RawZmtp.WireFrame> actual) {
        Set<String> want = new TreeSet<>(expected.stream().map(RawZmtp::hex).toList());
        Set<String> got = new TreeSet<>(actual.subList(0, Math.min(actual.size(), expected.size())).stream()
                .map(f -> hex(f.wire())).toList());
        assertEquals(want, got, "the subscriptions sent on connect");
    }

    private static void assertMessages(List<byte[][]> expected, List<List<byte[]>> actual) {
        List<String> want = expected.stream().map(m -> show(Arrays.asList(m))).toList();
        List<String> got = actual.stream().map(InteropScenario::show).toList();
        assertEquals(want, got, "the messages that crossed the wire");
    }

    private static int indexOfFrame(List<RawZmtp.WireFrame> frames, byte[] body) {
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i).body(), body)) {
                return i;
            }
        }
        return fail("no frame " + new String(body) + " in " + frames);
    }

    /** Publishes {@code topic sync-N} until the raw subscriber has a message: the subscription is applied. */
    private static void awaitFirstMessage(Side pub, RawPeer sub, byte[] topic) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (int i = 0; !sub.awaitAnyMessage(Duration.ofMillis(20)); i++) {
            if (System.nanoTime() - deadline > 0) {
                fail(pub.describe() + " sent nothing to the " + sub + " within " + TIMEOUT);
            }
            pub.send(topic, utf8("sync-" + i));
        }
    }

    private static List<List<byte[]>> withoutSync(List<List<byte[]>> messages) {
        return messages.stream().filter(m -> !(m.size() == 2 && new String(m.get(1)).startsWith("sync-"))).toList();
    }

    /** Publishes the cancelled topic then a probe until a probe arrives with no cancelled message since the last. */
    private static void awaitCancelled(Side pub, RawPeer sub, byte[] cancelled, byte[] probe) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int seen = sub.messagesUntilQuiet(Duration.ZERO).size();
        for (int i = 0; ; i++) {
            if (System.nanoTime() - deadline > 0) {
                fail(pub.describe() + " still sends '" + new String(cancelled) + "' " + TIMEOUT + " after the cancel");
            }
            pub.send(cancelled, utf8("late-" + i));
            pub.send(probe, utf8("probe-" + i));
            List<List<byte[]>> all = sub.messagesUntil(utf8("probe-" + i));
            boolean clean = all.subList(seen, all.size()).stream().noneMatch(m -> Arrays.equals(m.get(0), cancelled));
            seen = all.size();
            if (clean) {
                return;
            }
        }
    }
}
