package io.jzmtp.cli;

import io.jzmtp.SocketType;
import io.jzmtp.interop.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's contract as scripts see it: exit statuses, one clear line on stderr for each expected failure and
 * never a stack trace, the help text, {@code demo}, and two launchers talking to each other through a pipe of lines.
 */
class LauncherIT {

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of(), "missing the socket type (one of pub sub xpub xsub push pull req rep dealer "
                        + "router pair)"),
                Arguments.of(List.of("pubb", "--bind", "tcp://*:5555"), "unknown socket type 'pubb'"),
                Arguments.of(List.of("pub"), "at least one --bind or --connect endpoint is required"),
                Arguments.of(List.of("pub", "--connect", "tcp://localhost"),
                        "invalid endpoint 'tcp://localhost': missing ':port'"),
                Arguments.of(List.of("push", "--connect", "udp://127.0.0.1:5555"),
                        "invalid endpoint 'udp://127.0.0.1:5555': unsupported transport 'udp'"),
                Arguments.of(List.of("pull", "--bind", "tcp://127.0.0.1:*", "--bogus"), "unknown option '--bogus'"),
                Arguments.of(List.of("pub", "--bind", "tcp://127.0.0.1:*", "--subscribe", "x"),
                        "--subscribe does not apply to pub (only to sub xsub)"),
                Arguments.of(List.of("pull", "--bind", "tcp://127.0.0.1:*", "--count", "many"),
                        "--count needs a whole number, got 'many'"),
                Arguments.of(List.of("pull", "--bind", "tcp://127.0.0.1:*", "--count", "0"),
                        "--count must be at least 1, got '0'"),
                Arguments.of(List.of("sub", "--connect"), "--connect needs a value (EP)"),
                Arguments.of(List.of("pull", "--hex=yes", "--bind", "tcp://127.0.0.1:*"), "--hex takes no value"),
                Arguments.of(List.of("rep", "--bind", "tcp://127.0.0.1:*", "--reply", "a", "--echo"),
                        "--reply and --echo exclude each other"),
                Arguments.of(List.of("pair", "--bind", "tcp://127.0.0.1:*", "--delimiter", ""),
                        "--delimiter must not be empty"),
                Arguments.of(List.of("rep", "--bind", "tcp://127.0.0.1:*", "--hex", "--reply", "xyz"),
                        "--reply: frame 'xyz' is not hex"),
                Arguments.of(List.of("pull", "--bind", "tcp://127.0.0.1:*", "--sndhwm", "-5"),
                        "--sndhwm must not be negative, got '-5'"),
                Arguments.of(List.of("pull", "--bind", "tcp://127.0.0.1:*", "--interval", "10"),
                        "--interval does not apply to pull"),
                Arguments.of(List.of("pull", "stray", "--bind", "tcp://127.0.0.1:*"),
                        "unexpected argument 'stray' (options start with --)"),
                Arguments.of(List.of("pair", "--bind", "tcp://127.0.0.1:*", "--connect", "tcp://127.0.0.1:9"),
                        "pair takes one --bind or --connect (a PAIR socket has one peer), got 2"),
                Arguments.of(List.of("demo", "--fast"), "demo takes no arguments, got '--fast'"),
                Arguments.of(List.of("pull", "--bind", "inproc://jobs"),
                        "inproc://jobs: inproc:// reaches only sockets of the same process"),
                Arguments.of(List.of("push", "--connect", "ipc:///tmp/" + "d".repeat(120)),
                        "invalid endpoint 'ipc:///tmp/" + "d".repeat(120) + "': the path is 125 bytes, more than the"
                                + " 107"),
                Arguments.of(List.of("bench", "sideways"), "unknown bench mode 'sideways'"),
                Arguments.of(List.of("req", "--connect", "tcp://127.0.0.1:9", "--curve-serverkey", "x".repeat(39)),
                        "--curve-serverkey must be 40 Z85 characters, not 39"),
                Arguments.of(List.of("rep", "--bind", "tcp://127.0.0.1:*", "--plain-server", "--curve-server"),
                        "--plain-server and --curve-server exclude each other"),
                Arguments.of(List.of("keygen", "--out"), "--out needs a value (BASENAME)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void usageErrorsExitWith2AndNameTheProblem(List<String> args, String problem) {
        Launcher run = Launcher.run(args.toArray(String[]::new));
        assertEquals(ExitStatus.USAGE, run.awaitExit(), run.stderr());
        assertTrue(run.stderr().startsWith("jzmtp: " + problem), run.stderr());
        assertNoStackTrace(run);
        assertEquals(List.of(), run.remainingLines(), "nothing on stdout");
    }

    @Test
    void addressInUseIsARuntimeFailureWithOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String endpoint = "tcp://127.0.0.1:" + taken.getLocalPort();
            Launcher run = Launcher.run("pull", "--bind", endpoint);
            assertEquals(ExitStatus.FAILURE, run.awaitExit(), run.stderr());
            List<String> lines = run.stderr().lines().toList();
            assertEquals(1, lines.size(), run.stderr());
            assertTrue(lines.get(0).startsWith("jzmtp: ") && lines.get(0).contains(endpoint)
                    && lines.get(0).toLowerCase(Locale.ROOT).contains("in use"), run.stderr());
        }
    }

    @Test
    void aReceiverThatHearsNothingExitsWith3() {
        Launcher run = Launcher.run("pull", "--bind", "tcp://127.0.0.1:*", "--timeout", "300");
        assertEquals(ExitStatus.TIMEOUT, run.awaitExit(), run.stderr());
        assertTrue(run.stderr().matches("jzmtp: no message within 300 ms \\(no peer connected to "
                + "tcp://127\\.0\\.0\\.1:[0-9]+\\)"), run.stderr());
    }

    @Test
    void aRequestWithoutAReplyExitsWith3() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Accepts TCP but never greets: the request is queued, the reply never comes.
            Launcher req = Launcher.run(List.of("anyone there?"), "req", "--connect",
                    "tcp://127.0.0.1:" + silent.getLocalPort(), "--timeout", "300");
            assertEquals(ExitStatus.TIMEOUT, req.awaitExit(), req.stderr());
            assertEquals("jzmtp: no reply within 300 ms (never connected: the ZMTP handshake did not complete at "
                    + "tcp://127.0.0.1:" + silent.getLocalPort() + ")", req.stderr());
        }
    }

    @Test
    void aRequestThatNoPeerTakesExitsWith3() {
        // A bound REQ with nobody connected has nowhere to send: --timeout bounds that wait as well.
        Launcher req = Launcher.run(List.of("anyone there?"), "req", "--bind", "tcp://127.0.0.1:*", "--timeout", "300");
        assertEquals(ExitStatus.TIMEOUT, req.awaitExit(), req.stderr());
        assertTrue(req.stderr().matches("jzmtp: no reply within 300 ms \\(no peer took the request: no peer connected "
                + "to tcp://127\\.0\\.0\\.1:[0-9]+\\)"), req.stderr());
    }

    @Test
    void aRequestWhoseReplyNeverComesExitsWith3() {
        try (JzmtpPeer rep = new JzmtpPeer(SocketType.REP)) {
            // Long enough for a cold JVM's first handshake, which the timeout includes.
            try (Launcher req = Launcher.start("req", "--connect", rep.bind("tcp://127.0.0.1:*"), "--timeout",
                    "3000")) {
                req.writeLine("hello");
                req.closeInput();
                Peer.Received request = rep.receive(Launcher.PATIENCE);
                assertNotNull(request, "the request reached the REP");
                assertEquals(List.of("hello"), request.frames().stream()
                        .map(f -> new String(f, StandardCharsets.UTF_8)).toList());
                assertEquals(ExitStatus.TIMEOUT, req.awaitExit(), req.stderr());
                assertEquals("jzmtp: no reply within 3000 ms", req.stderr());
            }
        }
    }

    @Test
    void aDuplexTypeThatHearsNothingExitsWith3() {
        try (Launcher pair = Launcher.start("pair", "--bind", "tcp://127.0.0.1:*", "--timeout", "300")) {
            assertEquals(ExitStatus.TIMEOUT, pair.awaitExit(), pair.stderr());
            assertTrue(pair.stderr().matches("jzmtp: no message within 300 ms \\(no peer connected to "
                    + "tcp://127\\.0\\.0\\.1:[0-9]+\\)"), pair.stderr());
        }
    }

    @Test
    void anUnreadableLineEndsTheRunAtOnceWithoutWaitingForLinger() {
        // Nobody listens: the first line stays queued. A failed run drops it instead of waiting the 30 s LINGER
        // (longer than the launcher's patience, so awaitExit would fail).
        Launcher push = Launcher.run(List.of("00", "zz"), "push", "--connect", "tcp://127.0.0.1:9", "--hex");
        assertEquals(ExitStatus.FAILURE, push.awaitExit(), push.stderr());
        assertEquals("jzmtp: stdin line 2: frame 'zz' is not hex (an even number of 0-9a-f digits)", push.stderr());
    }

    /**
     * A sender whose messages never reach anyone ends with status 1 and says how many were lost and why (here: the
     * connection is refused), after saying what it waits for; --linger bounds that wait (30 s by default).
     */
    @Test
    void aPushToADeadEndpointExits1AndSaysWhatWasLostAndWhy() throws IOException {
        int port = closedPort();
        Launcher push = Launcher.run(List.of("one", "two"), "push", "--connect", "tcp://127.0.0.1:" + port,
                "--linger", "500");
        assertEquals(ExitStatus.FAILURE, push.awaitExit(), push.stderr());
        List<String> lines = push.stderr().lines().toList();
        assertTrue(lines.get(0).startsWith("jzmtp: waiting up to 500 ms (--linger) to deliver 2 messages: "),
                push.stderr());
        assertEquals("jzmtp: 2 of 2 messages not delivered within 500 ms (--linger): never connected: connection "
                + "refused at tcp://127.0.0.1:" + port, lines.get(lines.size() - 1));
    }

    @Test
    void aPublisherNobodyEverListenedToExits1() {
        Launcher pub = Launcher.run(List.of("news"), "pub", "--bind", "tcp://127.0.0.1:*");
        assertEquals(ExitStatus.FAILURE, pub.awaitExit(), pub.stderr());
        assertTrue(pub.stderr().matches("jzmtp: 1 message published to nobody: no peer connected to "
                + "tcp://127\\.0\\.0\\.1:[0-9]+"), pub.stderr());
    }

    @Test
    void aTimeoutAfterRefusedConnectionsSaysSo() throws IOException {
        int port = closedPort();
        Launcher req = Launcher.run(List.of("anyone?"), "req", "--connect", "tcp://127.0.0.1:" + port,
                "--timeout", "1000");
        assertEquals(ExitStatus.TIMEOUT, req.awaitExit(), req.stderr());
        assertEquals("jzmtp: no reply within 1000 ms (never connected: connection refused at tcp://127.0.0.1:"
                + port + ")", req.stderr());
    }

    /** The child resolves names from a hosts file of ours (no DNS query leaves the machine). */
    @Test
    void aTimeoutWithAnUnknownHostSaysSo() throws IOException {
        Path hosts = Files.createTempFile("hosts", ".txt");
        try {
            Files.writeString(hosts, "127.0.0.1 localhost\n");
            try (Launcher pull = Launcher.startScript(Launcher.SCRIPT, Map.of("JAVA_OPTS", "-Djdk.net.hosts.file="
                    + hosts), "pull", "--connect", "tcp://no-such-host.invalid:5555", "--timeout", "1000")) {
                pull.closeInput();
                assertEquals(ExitStatus.TIMEOUT, pull.awaitExit(), pull.stderr());
                assertEquals("jzmtp: no message within 1000 ms (never connected: unknown host 'no-such-host.invalid' "
                        + "at tcp://no-such-host.invalid:5555)", pull.stderr());
            }
        } finally {
            Files.deleteIfExists(hosts);
        }
    }

    @Test
    void versionNamesTheBuildAndWhatItRunsOn() {
        Launcher version = Launcher.run("--version");
        assertEquals(ExitStatus.OK, version.awaitExit(), version.stderr());
        String line = version.remainingLines().get(0);
        assertTrue(line.matches("jzmtp [0-9]+\\.[0-9]+\\.[0-9]+(-SNAPSHOT)? \\(ZMTP 3\\.1, Netty 4\\.2\\.[^,]+, "
                + "Java [^)]+\\)"), line);
    }

    /** A port nothing listens on: connections to it are refused. */
    private static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void maxMsgSizeReachesTheSocketAndDropsAnOversizePeer() {
        try (JzmtpPeer push = new JzmtpPeer(SocketType.PUSH);
             Launcher pull = Launcher.start("pull", "--connect", push.bind("tcp://127.0.0.1:*"), "--maxmsgsize", "100",
                     "--verbose", "--timeout", "2000")) {
            // (libzmq applies MAXMSGSIZE to the handshake's commands as well, so it stays above READY's size.)
            push.send(new byte[101]);
            pull.awaitStderr(l -> l.startsWith("jzmtp: disconnected from ") && l.endsWith(
                    "PROTOCOL_ERROR FRAME_TOO_LARGE (frame of 101 bytes exceeds MAXMSGSIZE 100)"), "the reason");
            // Nothing is printed, and, as in libzmq, a protocol error is not reconnected: the run times out.
            assertEquals(ExitStatus.TIMEOUT, pull.awaitExit(), pull.stderr());
            assertEquals(List.of(), pull.remainingLines());
            assertTrue(pull.stderr().lines().allMatch(l -> l.startsWith("jzmtp: ")), "one format for every line, "
                    + "the library's logged reasons included: " + pull.stderr());
            assertTrue(pull.stderr().contains("jzmtp: WARNING: "), pull.stderr());
        }
    }

    @Test
    void anUnreadableRouterLineNamesItsLineNumber() {
        try (Launcher router = Launcher.start("router", "--bind", "tcp://127.0.0.1:*")) {
            router.writeLine("zz\thello");
            assertEquals(ExitStatus.FAILURE, router.awaitExit(), router.stderr());
            assertTrue(router.stderr().startsWith("jzmtp: stdin line 1: routing id 'zz' is not hex"),
                    router.stderr());
            assertNoStackTrace(router);
        }
    }

    @Test
    void aRouterLineForAnUnknownPeerIsReportedAndTheRunGoesOn() {
        try (Launcher router = Launcher.start("router", "--bind", "tcp://127.0.0.1:*", "--verbose", "--count", "1");
             JzmtpPeer dealer = new JzmtpPeer(SocketType.DEALER)) {
            String endpoint = router.awaitListening();
            router.writeLine("0102\thello");
            router.awaitStderr(l -> l.equals("jzmtp: message dropped: no peer has routing id 0x0102 (2 bytes); "
                    + "ROUTER_MANDATORY is set, so the message was not sent"), "the unknown peer");
            dealer.setOption("ROUTING_ID", new byte[] {7});
            dealer.connect(endpoint);
            dealer.send("still here".getBytes(StandardCharsets.UTF_8));
            assertEquals("07\tstill here", router.nextLine());
            assertEquals(ExitStatus.OK, router.awaitExit(), router.stderr());
        }
    }

    @Test
    void helpListsEveryTypeAndOption() {
        Launcher run = Launcher.run("--help");
        assertEquals(ExitStatus.OK, run.awaitExit(), run.stderr());
        String help = String.join("\n", run.remainingLines());
        assertTrue(help.startsWith("usage: jzmtp TYPE [OPTIONS]        TYPE: pub sub xpub xsub push pull req rep "
                + "dealer router pair\n"), help);
        for (CliOptions.CliOption option : CliOptions.all()) {
            assertTrue(help.contains(option.name()), option.name() + " in " + help);
        }
    }

    @Test
    void demoVerifiesEveryStep() {
        Launcher demo = Launcher.run("demo");
        assertEquals(ExitStatus.OK, demo.awaitExit(), demo.stderr());
        List<String> report = demo.remainingLines();
        String last = report.get(report.size() - 1);
        assertTrue(last.matches("ok: 6 of 6 steps verified in \\d+\\.\\d s"), String.join("\n", report));
        for (String step : List.of("pub/sub", "req/rep", "pipeline", "pair/json", "router/dealer", "large arrays")) {
            assertTrue(report.stream().anyMatch(l -> l.startsWith("  " + step + ": ") && l.endsWith(" ok")),
                    step + " verified in:\n" + String.join("\n", report));
        }
        assertFalse(String.join("\n", report).contains("WRONG"), String.join("\n", report));
    }

    @Test
    void benchMeasuresJzmtpAgainstItselfInTwoProcessesAndInproc() {
        Launcher bench = Launcher.run("bench", "--scale", "0.01");
        assertEquals(ExitStatus.OK, bench.awaitExit(), bench.stderr());
        String report = String.join("\n", bench.remainingLines());
        assertTrue(report.matches("(?s).*\nthr 64 B +[1-9][0-9.]* +[0-9.]+\n.*"), report);
        assertTrue(report.matches("(?s).*\nthr 1 KiB +[1-9][0-9.]* +[0-9.]+\n.*"), report);
        assertTrue(report.matches("(?s).*\npubsub 64 B +[1-9][0-9.]* +[0-9.]+\n.*"), report);
        assertTrue(report.matches("(?s).*\nlat 1 B +[0-9.]+ / [0-9.]+ / [0-9.]+\n.*"), report);
        assertTrue(report.matches("(?s).*\nthr 64 B inproc +[1-9][0-9.]* +[0-9.]+\n.*"), report);
        assertTrue(report.matches("(?s).*\nlat 64 B inproc +[0-9.]+ \\(mean\\)\n.*"), report);
    }

    @Test
    void anExampleRunsWithItsOneCommand() {
        Launcher example = Launcher.startScript(Launcher.SCRIPT.resolveSibling("example"), "PairFilter");
        example.closeInput();
        assertEquals(ExitStatus.OK, example.awaitExit(), example.stderr());
        assertEquals(List.of("  pair filter: 200 messages 10 ms apart, one per 100 ms window: 20 kept (#0, #10 ... "
                + "#190) ok"), example.remainingLines());
        Launcher usage = Launcher.startScript(Launcher.SCRIPT.resolveSibling("example"));
        usage.closeInput();
        assertEquals(ExitStatus.USAGE, usage.awaitExit());
        assertTrue(usage.stderr().startsWith("usage: bin/example NAME [ARGS]"), usage.stderr());
        Launcher unknown = Launcher.startScript(Launcher.SCRIPT.resolveSibling("example"), "Nope");
        unknown.closeInput();
        assertEquals(ExitStatus.USAGE, unknown.awaitExit());
        assertEquals("bin/example: no example named 'Nope'\nexamples: QuickStart MorePatterns LocalTransports "
                + "SecureChannel PubSubTopics ReqRepRetry Pipeline RouterDealer PairJson PairFilter LargeArrays "
                + "DetectionBroadcast",
                unknown.stderr());
    }

    @Test
    void twoLaunchersPipeLinesThroughPushAndPull() {
        try (Launcher pull = Launcher.start("pull", "--bind", "tcp://127.0.0.1:*", "--verbose", "--count", "3");
             Launcher push = Launcher.start("push", "--connect", pull.awaitListening(), "--hex")) {
            push.writeLine("6a6f622d31");           // "job-1"
            push.writeLine("61\t62");               // "a", "b"
            push.writeLine("00ff");                 // not UTF-8: arrives as the replacement character
            push.closeInput();
            assertEquals(ExitStatus.OK, push.awaitExit(), push.stderr());
            assertEquals("job-1", pull.nextLine());
            assertEquals("a\tb", pull.nextLine());
            assertEquals("\u0000\ufffd", pull.nextLine());
            assertEquals(ExitStatus.OK, pull.awaitExit(), pull.stderr());
        }
    }

    @Test
    void anIpcBindOverAFileThatIsNoSocketFailsAndLeavesTheFile(@TempDir Path dir) throws IOException {
        Path notes = Files.writeString(dir.resolve("notes"), "keep me");
        Launcher run = Launcher.run("pull", "--bind", "ipc://" + notes);
        assertEquals(ExitStatus.FAILURE, run.awaitExit(), run.stderr());
        List<String> lines = run.stderr().lines().toList();
        assertEquals(1, lines.size(), run.stderr());
        assertTrue(lines.get(0).contains(notes.toString()) && lines.get(0).contains("address in use"), run.stderr());
        assertEquals("keep me", Files.readString(notes));
    }

    @Test
    void anIpcBindTakesOverAStaleSocketFileAndRemovesItsFileAtExit(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("feed");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(path));   // closing leaves the file: what a killed process leaves
        }
        assertTrue(Files.exists(path));
        try (Launcher pull = Launcher.start("pull", "--bind", "ipc://" + path, "--verbose", "--count", "1");
             Launcher push = Launcher.start("push", "--connect", "ipc://" + path)) {
            assertEquals("ipc://" + path, pull.awaitListening());
            push.writeLine("over ipc");
            push.closeInput();
            assertEquals(ExitStatus.OK, push.awaitExit(), push.stderr());
            assertEquals("over ipc", pull.nextLine());
            assertEquals(ExitStatus.OK, pull.awaitExit(), pull.stderr());
        }
        assertFalse(Files.exists(path), "the socket file outlived the process that bound it");
    }

    @Test
    void anAbstractIpcNameReachesLibzmq() {
        String endpoint = "ipc://@jzmtp-cli-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (Launcher pull = Launcher.start("pull", "--bind", endpoint, "--verbose", "--count", "1")) {
            assertEquals(endpoint, pull.awaitListening());
            Peer push = Counterpart.LIBZMQ.open(SocketType.PUSH);
            try {
                push.connect(endpoint);
                push.send("from libzmq".getBytes(StandardCharsets.UTF_8));
                assertEquals("from libzmq", pull.nextLine());
                assertEquals(ExitStatus.OK, pull.awaitExit(), pull.stderr());
            } finally {
                push.close();
            }
        }
    }

    private static void assertNoStackTrace(Launcher run) {
        assertFalse(run.stderr().contains("\tat ") || run.stderr().contains("Exception"), run.stderr());
    }
}
