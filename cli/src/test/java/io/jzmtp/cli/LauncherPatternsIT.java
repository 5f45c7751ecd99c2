package io.jzmtp.cli;

import io.jzmtp.SocketType;
import io.jzmtp.interop.Peer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every {@code bin/jzmtp TYPE} as a real child process, against a jzmtp socket and a libzmq socket (python3-zmq),
 * over tcp and ipc, with the launcher binding and with the peer binding: what goes in on stdin arrives at the peer frame for frame, and
 * what the peer sends comes out on stdout in the documented line format, with the documented exit status.
 */
class LauncherPatternsIT {

    private static final Duration SHORT = Duration.ofMillis(50);
    private static final String WARM_UP = "warm";

    /** Who binds; the other end connects to the endpoint it got. */
    enum Binder {
        LAUNCHER, PEER;

        @Override
        public String toString() {
            return this == LAUNCHER ? "jzmtp binds" : "peer binds";
        }
    }

    private final List<AutoCloseable> opened = new ArrayList<>();
    /** The transport of the test's counterpart: a wildcard endpoint that either end may bind. */
    private String anyEndpoint;

    static Stream<Arguments> counterpartsAndBinders() {
        return Stream.of(Counterpart.values())
                .flatMap(c -> Stream.of(Binder.values()).map(b -> Arguments.of(c, b)));
    }

    @AfterEach
    void closeEverything() {
        for (AutoCloseable c : opened) {
            try {
                c.close();   // each on its own, so one failure leaves no child running
            } catch (Exception e) {
                System.err.println("closing " + c + ": " + e);
            }
        }
    }

    // ---- senders: pub, xpub, push ----

    @ParameterizedTest(name = "pub to {0} SUB, {1}")
    @MethodSource("counterpartsAndBinders")
    void pubSendsEachLineAsAMessageAndOnlySubscribedTopicsArrive(Counterpart counterpart, Binder binder) {
        Peer sub = peer(counterpart, SocketType.SUB);
        sub.subscribe(bytes("det"));
        Launcher pub = link(binder, sub, "pub");

        warmUpFromLauncher(pub, sub);
        pub.writeLine("other\tnot for this subscriber");
        pub.writeLine("det\t1");
        pub.writeLine("det\t2");
        pub.closeInput();

        assertEquals(List.of(List.of("det", "1"), List.of("det", "2")), receiveSkippingWarmUps(sub, 2));
        assertExit(pub, ExitStatus.OK);
    }

    @ParameterizedTest(name = "xpub to {0} SUB, {1}")
    @MethodSource("counterpartsAndBinders")
    void xpubReportsTheSubscriptionAndPublishes(Counterpart counterpart, Binder binder) {
        Peer sub = peer(counterpart, SocketType.SUB);
        sub.subscribe(bytes("det"));
        Launcher xpub = link(binder, sub, "xpub");

        warmUpFromLauncher(xpub, sub); // receiving also lets a bound libzmq SUB attach and send its subscription
        xpub.awaitStderr(line -> line.equals("jzmtp: subscribe 'det'"), "the peer's subscription");
        xpub.writeLine("det\t1");
        xpub.closeInput();

        assertEquals(List.of(List.of("det", "1")), receiveSkippingWarmUps(sub, 1));
        assertExit(xpub, ExitStatus.OK);
    }

    @ParameterizedTest(name = "push to {0} PULL, {1}")
    @MethodSource("counterpartsAndBinders")
    void pushSendsEveryLineThenDeliversTheQueueAtEndOfInput(Counterpart counterpart, Binder binder) {
        Peer pull = peer(counterpart, SocketType.PULL);
        Launcher push = link(binder, pull, "push");

        push.writeLine("job-1");
        push.writeLine("a\tb\tc");
        push.writeLine("");
        push.writeLine("héllo wörld");
        push.closeInput();

        Peer.Received first = receive(pull);
        assertEquals(List.of("job-1"), texts(first));
        assertEquals("PUSH", first.peerSocketType(), "the Socket-Type the launcher announced");
        assertEquals(List.of("a", "b", "c"), texts(receive(pull)));
        assertEquals(List.of(""), texts(receive(pull)), "an empty line is one empty frame");
        assertEquals(List.of("héllo wörld"), texts(receive(pull)));
        assertExit(push, ExitStatus.OK);
    }

    // ---- receivers: sub, xsub, pull ----

    @ParameterizedTest(name = "sub from {0} PUB, {1}")
    @MethodSource("counterpartsAndBinders")
    void subPrintsItsTopicsOnlyAndTimesOutWithStatus3(Counterpart counterpart, Binder binder) {
        Peer pub = peer(counterpart, SocketType.PUB);
        Launcher sub = link(binder, pub, "sub", "--subscribe", "det", "--subscribe", "alarm", "--timeout", "2500");

        warmUpToLauncher(pub, sub);
        pub.send(bytes("other"), bytes("x"));
        pub.send(bytes("det"), bytes("1"));
        pub.send(bytes("alarm"), bytes("3"));
        pub.send(bytes("det"), bytes("2"));

        assertEquals(List.of("det\t1", "alarm\t3", "det\t2"), linesSkippingWarmUps(sub, 3));
        assertExit(sub, ExitStatus.TIMEOUT);
        assertTrue(sub.stderr().contains("jzmtp: no message within 2500 ms"), sub.stderr());
    }

    @ParameterizedTest(name = "xsub from {0} PUB, {1}")
    @MethodSource("counterpartsAndBinders")
    void xsubSubscribesByMessageAndPrintsItsTopicOnly(Counterpart counterpart, Binder binder) {
        Peer pub = peer(counterpart, SocketType.PUB);
        Launcher xsub = link(binder, pub, "xsub", "--subscribe", "det", "--timeout", "2500");

        warmUpToLauncher(pub, xsub);
        pub.send(bytes("other"), bytes("x"));
        pub.send(bytes("det"), bytes("1"));

        assertEquals(List.of("det\t1"), linesSkippingWarmUps(xsub, 1));
        assertExit(xsub, ExitStatus.TIMEOUT);
    }

    @ParameterizedTest(name = "pull from {0} PUSH, {1}")
    @MethodSource("counterpartsAndBinders")
    void pullPrintsHexFramesAndStopsAtCount(Counterpart counterpart, Binder binder) {
        Peer push = peer(counterpart, SocketType.PUSH);
        Launcher pull = link(binder, push, "pull", "--hex", "--count", "3");

        push.send(new byte[] {0, (byte) 0xff, 0x10});
        push.send(bytes("hi"), new byte[] {0});
        push.send(new byte[0]);

        assertEquals("00ff10", pull.nextLine());
        assertEquals("6869\t00", pull.nextLine());
        assertEquals("", pull.nextLine());
        assertExit(pull, ExitStatus.OK);
    }

    // ---- request-reply: req, rep ----

    @ParameterizedTest(name = "req to {0} REP, {1}")
    @MethodSource("counterpartsAndBinders")
    void reqPrintsTheReplyToEachLine(Counterpart counterpart, Binder binder) {
        Peer rep = peer(counterpart, SocketType.REP);
        Launcher req = link(binder, rep, "req");

        req.writeLine("hello 1");
        req.writeLine("hello\t2");
        req.closeInput();
        Peer.Received first = receive(rep);
        assertEquals(List.of("hello 1"), texts(first));
        assertEquals("REQ", first.peerSocketType());
        rep.send(bytes("world 1"));
        assertEquals(List.of("hello", "2"), texts(receive(rep)));
        rep.send(bytes("world"), bytes("2"));

        assertEquals("world 1", req.nextLine());
        assertEquals("world\t2", req.nextLine());
        assertExit(req, ExitStatus.OK);
    }

    @ParameterizedTest(name = "rep to {0} REQ, {1}")
    @MethodSource("counterpartsAndBinders")
    void repPrintsEachRequestAndAnswersWithTheReply(Counterpart counterpart, Binder binder) {
        Peer req = peer(counterpart, SocketType.REQ);
        Launcher rep = link(binder, req, "rep", "--reply", "world", "--count", "2");

        for (int i = 1; i <= 2; i++) {
            req.send(bytes("hello " + i));
            assertEquals(List.of("world"), texts(receive(req)));
            assertEquals("hello " + i, rep.nextLine());
        }
        assertExit(rep, ExitStatus.OK);
    }

    @ParameterizedTest(name = "rep to {0} REQ, {1}")
    @MethodSource("counterpartsAndBinders")
    void repEchoesByDefault(Counterpart counterpart, Binder binder) {
        Peer req = peer(counterpart, SocketType.REQ);
        Launcher rep = link(binder, req, "rep", "--count", "1", "--quiet");

        req.send(bytes("a"), new byte[0], bytes("c"));
        assertEquals(List.of("a", "", "c"), texts(receive(req)));
        assertExit(rep, ExitStatus.OK);
        assertEquals(List.of(), rep.remainingLines(), "--quiet prints nothing");
    }

    // ---- dealer, router, pair: both directions at once ----

    @ParameterizedTest(name = "dealer to {0} ROUTER, {1}")
    @MethodSource("counterpartsAndBinders")
    void dealerSendsWithItsIdentityAndPrintsWhatComesBack(Counterpart counterpart, Binder binder) {
        Peer router = peer(counterpart, SocketType.ROUTER);
        Launcher dealer = link(binder, router, "dealer", "--identity", "cli-d", "--count", "1");

        dealer.writeLine("hi\tthere");
        assertEquals(List.of("cli-d", "hi", "there"), texts(receive(router)));
        router.send(bytes("cli-d"), bytes("back"));

        assertEquals("back", dealer.nextLine());
        assertExit(dealer, ExitStatus.OK);
    }

    @ParameterizedTest(name = "router to {0} DEALER, {1}")
    @MethodSource("counterpartsAndBinders")
    void routerPrintsTheRoutingIdInHexAndRoutesStdinLinesByIt(Counterpart counterpart, Binder binder) {
        Peer dealer = peer(counterpart, SocketType.DEALER);
        dealer.setOption("ROUTING_ID", bytes("peer-a"));
        Launcher router = link(binder, dealer, "router", "--count", "2");
        String id = "706565722d61"; // "peer-a"

        dealer.send(bytes("ping"));
        assertEquals(id + "\tping", router.nextLine());
        router.writeLine(id + "\tpong\t!");
        assertEquals(List.of("pong", "!"), texts(receive(dealer)));
        dealer.send(bytes("bye"));
        assertEquals(id + "\tbye", router.nextLine());
        assertExit(router, ExitStatus.OK);
    }

    @ParameterizedTest(name = "router --echo to {0} DEALER, {1}")
    @MethodSource("counterpartsAndBinders")
    void routerEchoSendsEachMessageBackToItsSender(Counterpart counterpart, Binder binder) {
        Peer dealer = peer(counterpart, SocketType.DEALER);
        dealer.setOption("ROUTING_ID", new byte[] {1, 2, 3});
        Launcher router = link(binder, dealer, "router", "--echo", "--count", "2");

        dealer.send(bytes("a"));
        assertEquals(List.of("a"), texts(receive(dealer)));
        dealer.send(bytes("b"), bytes("c"));
        assertEquals(List.of("b", "c"), texts(receive(dealer)));
        assertEquals("010203\ta", router.nextLine());
        assertEquals("010203\tb\tc", router.nextLine());
        assertExit(router, ExitStatus.OK);
    }

    @ParameterizedTest(name = "pair with {0} PAIR, {1}")
    @MethodSource("counterpartsAndBinders")
    void pairSendsLinesAndPrintsMessages(Counterpart counterpart, Binder binder) {
        Peer pair = peer(counterpart, SocketType.PAIR);
        Launcher cli = link(binder, pair, "pair", "--count", "1", "--delimiter", "|");

        cli.writeLine("{\"basket\":[1,2]}|{\"total\":3}");
        assertEquals(List.of("{\"basket\":[1,2]}", "{\"total\":3}"), texts(receive(pair)));
        pair.send(bytes("{\"ack\":3}"), bytes("ok"));
        assertEquals("{\"ack\":3}|ok", cli.nextLine());
        assertExit(cli, ExitStatus.OK);
    }

    // ---- helpers ----

    private Peer peer(Counterpart counterpart, SocketType type) {
        Peer peer = counterpart.open(type);
        opened.add(peer);
        anyEndpoint = counterpart.anyEndpoint();
        return peer;
    }

    /**
     * Starts {@code bin/jzmtp type options…} with {@code --verbose}, linked to {@code peer}: the launcher binds the
     * counterpart's wildcard endpoint and the peer connects to the endpoint it reports, or the peer binds and the
     * launcher connects.
     */
    private Launcher link(Binder binder, Peer peer, String type, String... options) {
        List<String> args = new ArrayList<>(List.of(type, "--verbose"));
        String peerEndpoint = binder == Binder.PEER ? peer.bind(anyEndpoint) : null;
        args.addAll(List.of(binder == Binder.PEER ? "--connect" : "--bind", binder == Binder.PEER ? peerEndpoint
                : anyEndpoint));
        args.addAll(List.of(options));
        Launcher launcher = Launcher.start(args.toArray(String[]::new));
        opened.add(0, launcher); // closed before the peers
        if (binder == Binder.LAUNCHER) {
            peer.connect(launcher.awaitListening());
        }
        return launcher;
    }

    /** Publishes warm-up lines until the subscriber has one: its subscription has then reached the launcher. */
    private static void warmUpFromLauncher(Launcher pub, Peer sub) {
        long deadline = System.nanoTime() + Launcher.PATIENCE.toNanos();
        do {
            pub.writeLine("det\t" + WARM_UP);
            if (sub.receive(SHORT) != null) {
                return;
            }
        } while (System.nanoTime() < deadline);
        fail(sub.describe() + " received nothing from " + pub.describe() + "; stderr: " + pub.stderr());
    }

    /** Publishes warm-up messages until the launcher prints one: its subscription has then reached the peer. */
    private static void warmUpToLauncher(Peer pub, Launcher sub) {
        long deadline = System.nanoTime() + Launcher.PATIENCE.toNanos();
        do {
            pub.send(bytes("det"), bytes(WARM_UP));
            if (sub.nextLine(SHORT) != null) {
                return;
            }
        } while (System.nanoTime() < deadline);
        fail(sub.describe() + " printed nothing from " + pub.describe() + "; stderr: " + sub.stderr());
    }

    /** The next {@code n} messages at {@code peer} that are not warm-ups, as text frames. */
    private static List<List<String>> receiveSkippingWarmUps(Peer peer, int n) {
        List<List<String>> got = new ArrayList<>();
        while (got.size() < n) {
            List<String> frames = texts(receive(peer));
            if (!frames.equals(List.of("det", WARM_UP))) {
                got.add(frames);
            }
        }
        return got;
    }

    /** The next {@code n} stdout lines of {@code launcher} that are not warm-ups. */
    private static List<String> linesSkippingWarmUps(Launcher launcher, int n) {
        List<String> got = new ArrayList<>();
        while (got.size() < n) {
            String line = launcher.nextLine();
            if (!line.equals("det\t" + WARM_UP)) {
                got.add(line);
            }
        }
        return got;
    }

    private static Peer.Received receive(Peer peer) {
        Peer.Received r = peer.receive(Launcher.PATIENCE);
        assertNotNull(r, peer.describe() + " received nothing within " + Launcher.PATIENCE.toSeconds() + " s");
        return r;
    }

    private static void assertExit(Launcher launcher, int expected) {
        assertEquals(expected, launcher.awaitExit(), launcher.describe() + " exit status; stderr: "
                + launcher.stderr());
        assertTrue(!launcher.stderr().contains("\tat ") && !launcher.stderr().contains("Exception"),
                "no stack trace on stderr: " + launcher.stderr());
    }

    private static List<String> texts(Peer.Received r) {
        List<String> texts = new ArrayList<>();
        for (byte[] frame : r.frames()) {
            texts.add(new String(frame, StandardCharsets.UTF_8));
        }
        return texts;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
