package io.jzmtp.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Captures the lines jzmtp logs under {@code io.jzmtp.connection} when it closes a connection for a reason:
 * {@code "<channel> closing connection: <REASON>: <detail>"} at WARN (a peer broke the protocol) or INFO (a timeout),
 * through Netty's logger, which falls back to java.util.logging when no other logging library is present (none is on
 * this module's class path).
 */
final class GuardLog implements AutoCloseable {

    static final String LOGGER = "io.jzmtp.connection";
    private static final Pattern REASON = Pattern.compile("closing connection: ([A-Z_]+): ");

    private final Logger logger = Logger.getLogger(LOGGER);   // held, so JUL keeps our handler's logger alive
    private final List<String> lines = new ArrayList<>();
    private final boolean parentHandlers;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                synchronized (lines) {
                    lines.add(record.getMessage());
                    lines.notifyAll();
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Captures instead of printing: expected warnings would only clutter the build output (failures quote them). */
    private GuardLog() {
        parentHandlers = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    /** Starts capturing; close to stop. */
    static GuardLog capture() {
        return new GuardLog();
    }

    /**
     * Waits for the line about the connection from {@code remotePort} and returns its reason (a {@code ZmtpError}
     * name); fails if none is logged within {@code timeout}.
     */
    String awaitReason(int remotePort, Duration timeout) {
        String line = awaitLine(remotePort, timeout);
        Matcher m = REASON.matcher(line);
        if (!m.find()) {
            fail("log line without a reason: " + line);
        }
        return m.group(1);
    }

    /** Every captured line about the connection from {@code remotePort}. */
    List<String> linesFor(int remotePort) {
        synchronized (lines) {
            return lines.stream().filter(l -> isAbout(l, remotePort)).toList();
        }
    }

    /** Waits until at least {@code count} lines with {@code reason} are logged, about any connection. */
    void awaitReasonCount(String reason, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (countOf(reason) < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("expected " + count + " line(s) with " + reason + " within " + timeout + "; logged: " + lines);
                }
                waitNanos(left);
            }
        }
    }

    /** Waits the whole {@code period} and fails as soon as more than {@code count} lines with {@code reason} exist. */
    void assertReasonCountStays(String reason, int count, Duration period) {
        long deadline = System.nanoTime() + period.toNanos();
        synchronized (lines) {
            while (true) {
                if (countOf(reason) > count) {
                    fail("expected " + count + " line(s) with " + reason + " over " + period + ", got more: " + lines);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                waitNanos(left);
            }
        }
    }

    /** Number of captured lines with {@code reason}. */
    int countOf(String reason) {
        synchronized (lines) {
            return (int) lines.stream().filter(l -> l.contains("closing connection: " + reason + ": ")).count();
        }
    }

    private String awaitLine(int remotePort, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                for (String l : lines) {
                    if (isAbout(l, remotePort)) {
                        return l;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return fail("no " + LOGGER + " warning about the connection from port " + remotePort + " within "
                            + timeout + "; captured: " + new ArrayList<>(lines));
                }
                waitNanos(left);
            }
        }
    }

    private void waitNanos(long nanos) {
        try {
            lines.wait(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Netty names a channel {@code [id: 0x…, L:/127.0.0.1:a - R:/127.0.0.1:b]} (or {@code R:127.0.0.1/127.0.0.1:b}
     * when it connected by name); match the remote port exactly.
     */
    private static boolean isAbout(String line, int remotePort) {
        return Pattern.compile(" - R:[^ \\]]*:" + remotePort + "]").matcher(line).find();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parentHandlers);
    }
}
