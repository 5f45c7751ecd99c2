package io.jzmtp.jeromq;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link JeromqSide} running in a child JVM on real JeroMQ 0.6.0 (the jar named by the {@code jeromq.jar} system
 * property, which the build sets; JeroMQ is kept off this JVM's class path, where the drop-in's {@code org.zeromq}
 * lives). Every wait has a deadline, and the child is killed when the test ends.
 */
final class JeromqProcess implements AutoCloseable {

    private static final long WAIT_SECONDS = 20;

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder stderr = new StringBuilder();

    private JeromqProcess(Process process) {
        this.process = process;
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
    }

    /** Starts {@code JeromqSide mode bind|connect endpoint count} on JeroMQ. */
    static JeromqProcess start(String mode, boolean bind, String endpoint, int count) {
        String jar = System.getProperty("jeromq.jar");
        assertNotNull(jar, "the build sets -Djeromq.jar to JeroMQ 0.6.0's jar");
        assertTrue(Files.isRegularFile(Path.of(jar)), "JeroMQ's jar is missing: " + jar);
        String classes = Path.of(JeromqSide.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-cp", jar + File.pathSeparator + classes,
                JeromqSide.class.getName(), mode, bind ? "bind" : "connect", endpoint, Integer.toString(count));
        try {
            return new JeromqProcess(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for JeroMQ", e);
        }
    }

    private void pump(BufferedReader reader, boolean out) {
        Thread t = new Thread(() -> {
            try (reader) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (out) {
                        lines.add(line);
                    } else {
                        synchronized (stderr) {
                            stderr.append(line).append('\n');
                        }
                    }
                }
            } catch (IOException e) {
                // the child is gone; what it said so far is kept
            }
        }, "jeromq-child-" + (out ? "out" : "err"));
        t.setDaemon(true);
        t.start();
    }

    /** Waits for the child's READY line and returns the endpoint it bound or connected. */
    String ready() {
        String line = nextLine();
        assertTrue(line.startsWith("READY "), "expected READY from JeroMQ, got '" + line + "'" + stderrNote());
        return line.substring("READY ".length());
    }

    /** The child's next output line (one received message, frames joined by '|'). */
    String nextLine() {
        try {
            String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                fail("JeroMQ said nothing for " + WAIT_SECONDS + " s" + stderrNote());
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next {@code n} lines. */
    List<String> lines(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(nextLine());
        }
        return out;
    }

    /** Waits for the child to finish its exchanges and exit 0. */
    void awaitSuccess() {
        try {
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                fail("JeroMQ did not finish within " + WAIT_SECONDS + " s" + stderrNote());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        assertEquals(0, process.exitValue(), "JeroMQ's exit status (2 = a receive timed out)" + stderrNote());
    }

    private String stderrNote() {
        synchronized (stderr) {
            return stderr.length() == 0 ? "" : "; its stderr:\n" + stderr;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
