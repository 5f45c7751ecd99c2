package io.jzmtp.cli;

import io.jzmtp.interop.Libzmq;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A libzmq socket with PLAIN or CURVE security in a child process ({@code secure_peer.py} next to this class, through
 * Debian's python3-zmq), driven one request line at a time; see the script for the protocol. The interop tests' peer
 * has no security requests, hence this one. Every answer is awaited with a deadline, and {@link #close()} ends the
 * child for certain.
 */
final class SecurePeer implements AutoCloseable {

    /** Deadline for requests that do not wait for the network. */
    private static final Duration QUICK = Duration.ofSeconds(10);
    /** Added to a request's own timeout when waiting for its answer. */
    private static final Duration SLACK = Duration.ofSeconds(5);
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final Writer requests;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();

    private SecurePeer(Process process) {
        this.process = process;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        daemon(() -> pump(process.getInputStream(), answers::add), "secure-peer-stdout");
        daemon(() -> pump(process.getErrorStream(), line -> {
            if (!line.equals(EOF)) {
                stderr.append(line).append('\n');
            }
        }), "secure-peer-stderr");
    }

    /** A child process with one libzmq socket of {@code type} (e.g. {@code REP}), its monitor on. */
    static SecurePeer open(String type) {
        Libzmq.requireAvailable();
        ProcessBuilder pb = new ProcessBuilder(Libzmq.PYTHON, "-u", script().toString());
        pb.environment().remove("PYTHONPATH");
        pb.environment().remove("PYTHONHOME");
        SecurePeer peer;
        try {
            peer = new SecurePeer(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + Libzmq.PYTHON, e);
        }
        try {
            peer.ok("socket " + type);
            return peer;
        } catch (RuntimeException | Error e) {
            peer.close();
            throw e;
        }
    }

    /** Sets a socket option: {@code PLAIN_SERVER}/{@code CURVE_SERVER} take 0 or 1, CURVE keys Z85, others text. */
    SecurePeer set(String option, Object value) {
        ok("set " + option + " " + value);
        return this;
    }

    /** Answers every ZAP request of this process with {@code status} and {@code userId}; call before bind. */
    SecurePeer zap(int status, String userId) {
        ok("zap " + status + " " + userId);
        return this;
    }

    /** The last ZAP request as {@code DOMAIN MECHANISM WHO SECRET} ("-" for empty), or {@code none}. */
    String lastZapRequest() {
        String answer = request("zaprequest", QUICK);
        return answer.startsWith("ok ") ? answer.substring(3) : answer;
    }

    /** Binds and returns the endpoint bound. */
    String bind(String endpoint) {
        return ok("bind " + endpoint);
    }

    void connect(String endpoint) {
        ok("connect " + endpoint);
    }

    void send(String text) {
        ok("send " + text);
    }

    /** {@code USER-ID TEXT} ("-" for no User-Id) of the next message; fails after {@code timeout}. */
    String receive(Duration timeout) {
        String answer = request("recv " + timeout.toMillis(), timeout.plus(SLACK));
        if (!answer.startsWith("msg ")) {
            fail("libzmq answered '" + answer + "' to recv within " + timeout.toMillis() + " ms" + stderrNote());
        }
        return answer.substring(4);
    }

    /**
     * {@code NAME VALUE} of the next monitor event with one of {@code names} (e.g. HANDSHAKE_FAILED_AUTH); fails
     * after {@code timeout}.
     */
    String awaitEvent(Duration timeout, String... names) {
        return requestOk("event " + String.join("|", names) + " " + timeout.toMillis(), timeout.plus(SLACK));
    }

    /** Closes the socket and opens a new one of {@code type} in the same process (and ZAP handler). */
    void reopen(String type) {
        ok("close");
        ok("socket " + type);
    }

    /** {@code PUBLIC SECRET} (secret "-" if none) of the certificate file, as {@code zmq.auth} reads it. */
    String loadCertificate(Path file) {
        return ok("certificate " + file);
    }

    /** Makes a certificate pair with {@code zmq.auth.create_certificates}; returns {@code PUBLIC_FILE SECRET_FILE}. */
    String makeCertificate(Path dir, String name) {
        return ok("makecert " + dir + " " + name);
    }

    private String ok(String line) {
        return requestOk(line, QUICK);
    }

    private String requestOk(String line, Duration timeout) {
        String answer = request(line, timeout);
        if (answer.equals("ok")) {
            return "";
        }
        if (!answer.startsWith("ok ")) {
            fail("libzmq answered '" + answer + "' to '" + line + "'" + stderrNote());
        }
        return answer.substring(3);
    }

    private String request(String line, Duration timeout) {
        try {
            requests.write(line + "\n");
            requests.flush();
            String answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer == null || answer.equals(EOF)) {
                fail("libzmq peer: no answer to '" + line + "' within " + timeout.toMillis() + " ms" + stderrNote());
            }
            return answer;
        } catch (IOException e) {
            return fail("libzmq peer is gone (" + e + ")" + stderrNote());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private String stderrNote() {
        return stderr.length() == 0 ? "" : "; its stderr: " + stderr;
    }

    @Override
    public void close() {
        try {
            requests.write("quit\n");
            requests.flush();
            process.waitFor(QUICK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.destroyForcibly();
        }
    }

    private static Path script() {
        URL url = SecurePeer.class.getResource("secure_peer.py");
        if (url == null) {
            throw new IllegalStateException("secure_peer.py is missing from the test classpath (io/jzmtp/cli/)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate secure_peer.py at " + url, e);
        }
    }

    private static void pump(InputStream in, Consumer<String> sink) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                sink.accept(line);
            }
        } catch (IOException e) {
            // the child is gone
        }
        sink.accept(EOF);
    }

    private static void daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
