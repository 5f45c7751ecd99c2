package io.jzmtp.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real {@code bin/jzmtp} as a child process: stdin to write lines to, stdout and stderr read line by line on
 * daemon threads, and deadlines on every wait so a stuck child fails the test instead of hanging it. The jar must
 * already be built (failsafe runs after {@code package}); the launcher would otherwise start a nested Maven build.
 */
final class Launcher implements AutoCloseable {

    /** {@code bin/jzmtp} of this checkout; the tests run with the cli module as working directory. */
    static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("bin").resolve("jzmtp");
    private static final Path JAR = Path.of("").toAbsolutePath().resolve("target").resolve("jzmtp-cli.jar");
    /** How long any single expected line or exit may take; generous, it only matters when a test is failing. */
    static final Duration PATIENCE = Duration.ofSeconds(15);

    private final List<String> command;
    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> stderrQueue = new LinkedBlockingQueue<>();
    private final List<String> stderr = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();

    private Launcher(List<String> command, Process process) {
        this.command = command;
        this.process = process;
        this.stdin = process.getOutputStream();
        readers.add(pump(process.getInputStream(), "stdout", stdout::add));
        readers.add(pump(process.getErrorStream(), "stderr", line -> {
            synchronized (stderr) {
                stderr.add(line);
            }
            stderrQueue.add(line);
        }));
    }

    /** Starts {@code bin/jzmtp args…} with this JVM's {@code java}. */
    static Launcher start(String... args) {
        return startScript(SCRIPT, args);
    }

    /** Starts {@code script args…} (a launcher in {@code bin/}) with this JVM's {@code java}. */
    static Launcher startScript(Path script, String... args) {
        return startScript(script, Map.of(), args);
    }

    /**
     * As {@link #startScript(Path, String...)}, with extra environment variables; {@code JAVA_OPTS} given there is
     * added to the leak detector setting.
     */
    static Launcher startScript(Path script, Map<String, String> env, String... args) {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run the cli module's package phase first");
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.environment().put("JAVA", ProcessHandle.current().info().command().orElse("java"));
        // The child runs with the leak detector at its strictest too; awaitExit fails on any report it prints.
        pb.environment().put("JAVA_OPTS", "-Dio.netty.leakDetection.level=paranoid "
                + env.getOrDefault("JAVA_OPTS", ""));
        try {
            return new Launcher(command, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Runs {@code bin/jzmtp args…} with no input and waits for it to exit. */
    static Launcher run(String... args) {
        return run(List.of(), args);
    }

    /**
     * Runs {@code bin/jzmtp args…} with {@code stdin} as its input lines and waits for it to exit; a child that
     * does not exit in time is ended before the test fails.
     */
    static Launcher run(List<String> stdin, String... args) {
        Launcher launcher = start(args);
        try {
            stdin.forEach(launcher::writeLine);
            launcher.closeInput();
            launcher.awaitExit();
            return launcher;
        } catch (AssertionError e) {
            launcher.close();
            throw e;
        }
    }

    /** Writes one line to the child's stdin and flushes it. */
    void writeLine(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            fail(describe() + ": cannot write to stdin (exited early?): " + e + "; stderr: " + stderr());
        }
    }

    /** Ends the child's stdin. */
    void closeInput() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone: its exit status says why
        }
    }

    /** The next stdout line, or {@code null} when none comes within {@code timeout}. */
    String nextLine(Duration timeout) {
        try {
            return stdout.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next stdout line; fails the test when none comes within {@link #PATIENCE}. */
    String nextLine() {
        String line = nextLine(PATIENCE);
        if (line == null) {
            fail(describe() + ": no stdout line within " + PATIENCE.toSeconds() + " s; stderr: " + stderr());
        }
        return line;
    }

    /** Waits for a stderr line that {@code wanted} accepts and returns it; fails after {@link #PATIENCE}. */
    String awaitStderr(Predicate<String> wanted, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try {
            while (true) {
                String line = stderrQueue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    return fail(describe() + ": no stderr line with " + what + " within " + PATIENCE.toSeconds()
                            + " s; stderr: " + stderr());
                }
                if (wanted.test(line)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** With {@code --verbose} and {@code --bind tcp://127.0.0.1:*}: the endpoint the child reports listening on. */
    String awaitListening() {
        String line = awaitStderr(l -> l.startsWith("jzmtp: listening on "), "'listening on'");
        return line.substring("jzmtp: listening on ".length()).trim();
    }

    /**
     * Waits for the child to exit and for its output to be read to the end; returns its status. Fails the test after
     * {@link #PATIENCE}.
     */
    int awaitExit() {
        try {
            if (!process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(describe() + ": still running after " + PATIENCE.toSeconds() + " s; stderr: " + stderr());
            }
            for (Thread reader : readers) {
                reader.join(PATIENCE.toMillis());
            }
            if (stderr().contains("LEAK:")) {
                fail(describe() + ": Netty reported a leak; stderr: " + stderr());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return process.exitValue();
    }

    /** Whether the child is still running. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Every stderr line so far, joined by newlines. */
    String stderr() {
        synchronized (stderr) {
            return String.join("\n", stderr);
        }
    }

    /** The stdout lines not yet taken by {@link #nextLine}; complete once {@link #awaitExit} has returned. */
    List<String> remainingLines() {
        List<String> lines = new ArrayList<>();
        stdout.drainTo(lines);
        return lines;
    }

    /** The command line, for failure messages. */
    String describe() {
        return String.join(" ", command);
    }

    /** Ends the child for certain. */
    @Override
    public void close() {
        closeInput();
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(InputStream in, String name, Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the child is gone
            }
        }, "launcher-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
