package io.jzmtp.interop;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Whether libzmq is reachable through Debian's {@code python3-zmq}, and what a test does when it is not: on CI
 * ({@code CI=true}) it fails, because a skipped interop test would hide a missing peer; on a developer machine it is
 * skipped with a message saying what to install.
 */
public final class Libzmq {

    /** Debian's interpreter, which has python3-zmq; the {@code python3} on PATH may be another one without it. */
    public static final String PYTHON = "/usr/bin/python3";

    private static final Object LOCK = new Object();
    private static String problem;
    private static boolean checked;

    private Libzmq() {
    }

    /** Fails (on CI) or aborts (elsewhere) the calling test unless libzmq can be driven. */
    public static void requireAvailable() {
        String why = problem();
        if (why == null) {
            return;
        }
        String message = "libzmq peer unavailable: " + why + " (install Debian's python3-zmq so that " + PYTHON
                + " -c 'import zmq' works)";
        if (isCi(System.getenv("CI"))) {
            Assertions.fail(message + "; CI=true, so libzmq interop tests must not be skipped");
        }
        Assumptions.abort(message + "; skipped because CI is not 'true'");
    }

    /**
     * Whether the {@code CI} variable says we run on CI. Failsafe passes {@code ${env.CI}} through, which arrives as
     * that literal text (or empty) when CI is unset; only {@code true} or {@code 1} count.
     */
    static boolean isCi(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim();
        return v.equalsIgnoreCase("true") || v.equals("1");
    }

    private static String problem() {
        synchronized (LOCK) {
            if (!checked) {
                problem = probe();
                checked = true;
            }
            return problem;
        }
    }

    /** Runs {@code python3 -c 'import zmq'}; {@code null} when it works, else what went wrong. */
    private static String probe() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import zmq").redirectErrorStream(true).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return PYTHON + " -c 'import zmq' did not finish within 20 s";
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 ? null
                    : PYTHON + " -c 'import zmq' exited with " + p.exitValue() + ": " + output;
        } catch (IOException e) {
            return "cannot run " + PYTHON + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing " + PYTHON;
        }
    }
}
