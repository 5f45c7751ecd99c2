package io.jzmtp.cli;

import io.jzmtp.bench.Harness;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code jzmtp bench}: the benchmarks module's harness behind one command.
 * <ul>
 *   <li>no arguments (or {@code --scale F}): throughput and latency of jzmtp against itself, two processes over
 *       loopback, as the shared perf contract runs them, then inproc between two threads of one process;</li>
 *   <li>{@code MODE ENDPOINT SIZE COUNT}: that contract itself (thr-recv, thr-send, pubsub-recv, pubsub-send,
 *       lat-server, lat-client), so {@code bin/jzmtp bench} can stand in the side-by-side runner;</li>
 *   <li>{@code peers [run-peers options]}: the side-by-side run with libzmq and JeroMQ through the shared toolkit's
 *       {@code run-peers.sh} ({@code JZMTP_BENCH_TOOLKIT} names its folder);</li>
 *   <li>{@code harness [messages] [size]}: PUB → 4 SUBs and DEALER → ROUTER in one JVM; {@code jmh [options]}: JMH.</li>
 * </ul>
 */
final class Bench {

    private static final Set<String> CONTRACT_MODES = Set.of("thr-recv", "thr-send", "pubsub-recv", "pubsub-send",
            "lat-server", "lat-client");
    private static final long CHILD_LIMIT_SECONDS = 120;
    private static final long INPROC_COUNT = 2_000_000;

    /** One test of the quick suite: the measuring mode, the other side, message size and count at scale 1. */
    private record Test(String label, String measuring, String other, int size, long count) {
    }

    private static final List<Test> QUICK = List.of(
            new Test("thr 64 B", "thr-recv", "thr-send", 64, 2_000_000),
            new Test("thr 1 KiB", "thr-recv", "thr-send", 1024, 500_000),
            new Test("pubsub 64 B", "pubsub-recv", "pubsub-send", 64, 1_000_000),
            new Test("lat 1 B", "lat-client", "lat-server", 1, 20_000));

    private Bench() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String mode = args.length == 0 ? "--scale" : args[0];
        if (CONTRACT_MODES.contains(mode) || mode.equals("jmh")) {
            out.flush();
            io.jzmtp.bench.Main.main(args);
            return ExitStatus.OK;
        }
        switch (mode) {
            case "--scale" -> {
                return quick(args.length > 1 ? scale(args[1]) : 1.0, out);
            }
            case "harness" -> {
                out.flush();
                Harness.main(Arrays.copyOfRange(args, 1, args.length));
                return ExitStatus.OK;
            }
            case "peers" -> {
                return peers(Arrays.copyOfRange(args, 1, args.length), err);
            }
            case "-h", "--help" -> {
                out.println("usage: jzmtp bench [--scale F] | MODE ENDPOINT SIZE COUNT | peers [run-peers options]"
                        + " | harness [messages] [size] | jmh [JMH options]");
                return ExitStatus.OK;
            }
            default -> throw new UsageException("unknown bench mode '" + mode + "' (see jzmtp bench --help)");
        }
    }

    private static double scale(String text) {
        try {
            double f = Double.parseDouble(text);
            if (f > 0 && f <= 100) {
                return f;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--scale needs a number above 0 and at most 100, got '" + text + "'");
    }

    /** The quick suite: each test as two child JVMs of this jar, printing the measuring side's figures. */
    private static int quick(double scale, PrintStream out) throws Exception {
        out.printf("jzmtp bench: jzmtp to jzmtp over tcp loopback, two processes per test, then inproc (scale %s)%n",
                scale);
        out.printf("%-12s %14s %10s %28s%n", "test", "msgs/s", "MB/s", "RTT mean / p50 / p99 (us)");
        out.flush();
        for (Test test : QUICK) {
            long count = Math.max(100, (long) (test.count() * scale));
            Map<String, String> result = runPair(test, count);
            if (test.measuring().startsWith("lat")) {
                out.printf("%-12s %14s %10s %28s%n", test.label(), "", "", result.get("rtt_mean_us") + " / "
                        + result.get("rtt_p50_us") + " / " + result.get("rtt_p99_us"));
            } else {
                out.printf("%-12s %14s %10s%n", test.label(), result.get("msgs_per_s"), result.get("mb_per_s"));
            }
            out.flush();
        }
        for (Map<String, String> result : inproc(Math.max(1000, (long) (INPROC_COUNT * scale)))) {
            String label = result.get("test").startsWith("thr") ? "thr 64 B inproc" : "lat 64 B inproc";
            if (result.containsKey("msgs_per_s")) {
                out.printf("%-16s %10s %10s%n", label, result.get("msgs_per_s"), result.get("mb_per_s"));
            } else {
                out.printf("%-16s %10s %10s %28s%n", label, "", "", result.get("rtt_mean_us") + " (mean)");
            }
        }
        out.println("side by side with libzmq and JeroMQ: jzmtp bench peers (needs the shared bench toolkit)");
        return ExitStatus.OK;
    }

    /** inproc between two threads of one child JVM (PUSH to PULL, then REQ to REP), its RESULT lines in order. */
    private static List<Map<String, String>> inproc(long count) throws Exception {
        Path output = Files.createTempFile("jzmtp-bench", ".out");
        try {
            List<String> command = List.of(javaCommand(), "-Dinproc.impl=jzmtp", "-cp",
                    System.getProperty("java.class.path"), "io.jzmtp.bench.Main", "inproc", "64", Long.toString(count));
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.to(output.toFile()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                if (!p.waitFor(CHILD_LIMIT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw CliFailure.failure("inproc: the benchmark process failed or did not finish within "
                            + CHILD_LIMIT_SECONDS + " s");
                }
            } finally {
                p.destroyForcibly();
            }
            List<Map<String, String>> results = new ArrayList<>();
            for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                if (line.startsWith("RESULT ")) {
                    results.add(resultFields(line, "inproc"));
                }
            }
            if (results.isEmpty()) {
                throw CliFailure.failure("inproc: no RESULT line from the benchmark process");
            }
            return results;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * Runs the two sides of {@code test} as child JVMs, the measuring side's stdout going to a file, so that a stuck
     * child is ended after {@link #CHILD_LIMIT_SECONDS} instead of blocking a read forever.
     */
    private static Map<String, String> runPair(Test test, long count) throws Exception {
        String endpoint = "tcp://127.0.0.1:" + freePort();
        boolean measuringBinds = test.measuring().endsWith("recv");
        Path output = Files.createTempFile("jzmtp-bench", ".out");
        List<Process> children = new ArrayList<>();
        try {
            String firstMode = measuringBinds ? test.measuring() : test.other();
            String secondMode = measuringBinds ? test.other() : test.measuring();
            children.add(child(firstMode, endpoint, test.size(), count, measuringBinds ? output : null));
            children.add(child(secondMode, endpoint, test.size(), count, measuringBinds ? null : output));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_LIMIT_SECONDS);
            for (Process p : children) {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!p.waitFor(left, TimeUnit.NANOSECONDS) || p.exitValue() != 0) {
                    throw CliFailure.failure(test.label() + ": a benchmark process failed or did not finish within "
                            + CHILD_LIMIT_SECONDS + " s");
                }
            }
            return resultFields(Files.readString(output, StandardCharsets.UTF_8), test.label());
        } finally {
            children.forEach(Process::destroyForcibly);
            Files.deleteIfExists(output);
        }
    }

    /** One side of a test; its stdout goes to {@code output}, or is discarded when that is {@code null}. */
    private static Process child(String mode, String endpoint, int size, long count, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-cp", System.getProperty("java.class.path"),
                "io.jzmtp.bench.Main", mode, endpoint, Integer.toString(size), Long.toString(count)));
        return new ProcessBuilder(command)
                .redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(
                        output.toFile()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static Map<String, String> resultFields(String output, String label) {
        for (String line : output.split("\n")) {
            if (line.startsWith("RESULT ")) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (String kv : line.substring(7).trim().split("\\s+")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        fields.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
                return fields;
            }
        }
        throw CliFailure.failure(label + ": no RESULT line from the measuring process");
    }

    /** Runs the shared toolkit's {@code run-peers.sh} with this launcher registered as the {@code jzmtp} impl. */
    private static int peers(String[] options, PrintStream err) throws Exception {
        Path script = toolkit().resolve("run-peers.sh");
        if (!Files.isRegularFile(script)) {
            throw CliFailure.failure("the side-by-side runner " + script + " is missing; set JZMTP_BENCH_TOOLKIT to "
                    + "the folder holding run-peers.sh (the shared bench toolkit; its README says how to build it)");
        }
        String self = javaCommand() + " -cp " + System.getProperty("java.class.path") + " io.jzmtp.cli.Main bench";
        List<String> command = new ArrayList<>(List.of("bash", script.toString(), "--impl", "jzmtp", "java", self));
        if (!Arrays.asList(options).contains("--only")) {
            command.addAll(List.of("--only", "libzmq,jeromq,jzmtp"));
        }
        if (!Arrays.asList(options).contains("--out")) {
            // The toolkit would write into its own folder, which may be read-only (a shared checkout).
            command.addAll(List.of("--out", Files.createTempDirectory("jzmtp-bench-peers").toString()));
        }
        command.addAll(Arrays.asList(options));
        err.println("jzmtp: running " + String.join(" ", command));
        Process p = new ProcessBuilder(command).inheritIO().start();
        return p.waitFor() == 0 ? ExitStatus.OK : ExitStatus.FAILURE;
    }

    /** {@code JZMTP_BENCH_TOOLKIT}, else {@code ../shared/bench} next to the checkout this jar was built in. */
    private static Path toolkit() {
        String configured = System.getenv("JZMTP_BENCH_TOOLKIT");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path jar = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0])
                .toAbsolutePath();
        Path checkout = jar.getParent() == null ? jar : jar.getParent().getParent().getParent();
        return checkout.resolveSibling("shared").resolve("bench");
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }
}
