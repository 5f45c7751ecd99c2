package io.jzmtp.interop;

import io.jzmtp.SocketType;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A libzmq socket in a child process: {@code zmq_peer.py} (next to this class) driven by one request line per call,
 * answered by one line (see the script's docstring for the protocol). Every answer is awaited with a deadline, so a
 * stuck child fails the test; {@link #close()} ends the child for certain. The socket's monitor runs from creation, so
 * {@link #awaitEvent} sees every event (libzmq's view of the handshake).
 */
public final class LibzmqPeer implements Peer {

    /** Added to the libzmq-side timeout when waiting for an answer line. */
    private static final Duration SLACK = Duration.ofSeconds(5);
    /** Deadline for requests that do not wait for the network. */
    private static final Duration QUICK = Duration.ofSeconds(10);
    private static final String EOF = "\u0000EOF";
    private static final HexFormat HEX = HexFormat.of();

    private final Process process;
    private final Writer requests;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private String label;
    private boolean broken;

    private LibzmqPeer(Process process, SocketType type) {
        this.process = process;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        daemon("libzmq-peer-stdout", () -> pumpAnswers(process.getInputStream()));
        daemon("libzmq-peer-stderr", () -> pumpStderr(process.getErrorStream()));
        this.label = "libzmq " + type;
    }

    /** Starts a child process holding one libzmq socket of {@code type}, with its monitor on. */
    public static LibzmqPeer open(SocketType type) {
        Libzmq.requireAvailable();
        ProcessBuilder pb = new ProcessBuilder(Libzmq.PYTHON, "-u", script().toString());
        pb.environment().remove("PYTHONPATH");
        pb.environment().remove("PYTHONHOME");
        // libzmq makes ipc://* paths under TMPDIR, or relative to its working directory when it is unset.
        pb.environment().put("TMPDIR", System.getProperty("java.io.tmpdir"));
        LibzmqPeer peer;
        try {
            peer = new LibzmqPeer(pb.start(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + Libzmq.PYTHON, e);
        }
        try {
            String version = peer.ok("version", QUICK);
            peer.ok("socket " + type.name(), QUICK);
            peer.ok("monitor", QUICK);
            peer.label = "libzmq " + version + " " + type;
            return peer;
        } catch (RuntimeException | Error e) {
            peer.close();
            throw e;
        }
    }

    @Override
    public String describe() {
        return label;
    }

    @Override
    public String bind(String endpoint) {
        return ok("bind " + endpoint, QUICK);
    }

    @Override
    public void connect(String endpoint) {
        ok("connect " + endpoint, QUICK);
    }

    @Override
    public void send(byte[]... frames) {
        String answer = request("send " + hexFrames(frames), Duration.ofSeconds(10).plus(SLACK));
        if (!answer.equals("ok")) {
            fail(describe() + " could not send a message of " + frames.length + " frame(s): " + answer + stderrNote());
        }
    }

    @Override
    public boolean trySend(byte[]... frames) {
        String answer = request("trysend " + hexFrames(frames), QUICK);
        if (answer.equals("ok")) {
            return true;
        }
        if (answer.equals("again")) {
            return false;
        }
        return fail(describe() + " could not send a message of " + frames.length + " frame(s): " + answer
                + stderrNote());
    }

    @Override
    public List<Received> drain(Duration quiet) {
        String answer = request("drain " + quiet.toMillis(), Duration.ofSeconds(60));
        String[] parts = answer.split(" ", 3);
        if (!parts[0].equals("ok") || parts.length < 2) {
            fail(describe() + " answered '" + abbreviate(answer) + "' to drain" + stderrNote());
        }
        int count = Integer.parseInt(parts[1]);
        List<Received> messages = new ArrayList<>(count);
        if (count > 0) {
            for (String message : (parts.length > 2 ? parts[2] : "").split(";", -1)) {
                messages.add(new Received(parseFrames(message), null));
            }
        }
        if (messages.size() != count) {
            fail(describe() + " drained " + count + " messages but sent " + messages.size());
        }
        return messages;
    }

    @Override
    public void setOption(String name, int value) {
        ok("setsockopt " + name + " " + value, QUICK);
    }

    @Override
    public void setOption(String name, byte[] value) {
        ok("setbytes " + name + " " + HEX.formatHex(value), QUICK);
    }

    @Override
    public void pump() {
        ok("events", QUICK);
    }

    @Override
    public void subscribe(byte[] topic) {
        ok("subscribe " + HEX.formatHex(topic), QUICK);
    }

    @Override
    public void unsubscribe(byte[] topic) {
        ok("unsubscribe " + HEX.formatHex(topic), QUICK);
    }

    private static String hexFrames(byte[]... frames) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < frames.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(HEX.formatHex(frames[i]));
        }
        return line.toString();
    }

    private static List<byte[]> parseFrames(String hexFrames) {
        List<byte[]> frames = new ArrayList<>();
        for (String hex : hexFrames.split(",", -1)) {
            frames.add(HEX.parseHex(hex));
        }
        return frames;
    }

    @Override
    public Received receive(Duration timeout) {
        return receive("recv", timeout);
    }

    /** {@code recv} or {@code recvuser}: a message line {@code msg <property or -> frames}, or {@code null}. */
    private Received receive(String verb, Duration timeout) {
        String answer = request(verb + " " + timeout.toMillis(), timeout.plus(SLACK));
        if (answer.equals("timeout")) {
            return null;
        }
        if (!answer.startsWith("msg ")) {
            fail(describe() + " answered '" + answer + "' to " + verb + stderrNote());
        }
        String[] parts = answer.split(" ", 3);
        return new Received(parseFrames(parts.length > 2 ? parts[2] : ""), parts[1].equals("-") ? null : parts[1]);
    }

    /**
     * Starts a ZAP handler in the peer's process (a REP socket at {@code inproc://zeromq.zap.01}) that answers every
     * request with {@code status} and {@code userId}, and metadata {@code X-Role=tester}. Call before bind or connect.
     */
    @Override
    public void startZapHandler(int status, String userId) {
        ok("zap " + status + " " + userId, QUICK);
    }

    /** The frames of the last ZAP request the handler saw, or an empty list when it saw none. */
    @Override
    public List<byte[]> lastZapRequest() {
        String[] parts = ok("zaprequests", QUICK).split(" ");
        return parts.length < 2 ? List.of() : parseFrames(parts[1]);
    }

    /** The next message and its {@code User-Id} property (in {@link Received#peerSocketType}), or {@code null}. */
    @Override
    public Received receiveWithUserId(Duration timeout) {
        return receive("recvuser", timeout);
    }

    /**
     * Waits for the next monitor event named in {@code wanted} (e.g. {@code HANDSHAKE_SUCCEEDED}), skipping others,
     * and returns its line ({@code event NAME value endpoint}); fails the test if none arrives in time or an event
     * named in {@code forbidden} comes first.
     */
    String awaitEvent(Set<String> wanted, Set<String> forbidden, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> seen = new ArrayList<>();
        while (true) {
            long left = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            String answer = request("event " + left, Duration.ofMillis(left).plus(SLACK));
            if (answer.equals("timeout")) {
                return fail(describe() + " reported none of " + wanted + " within " + timeout + "; events seen: "
                        + seen);
            }
            if (!answer.startsWith("event ")) {
                return fail(describe() + " answered '" + answer + "' to event" + stderrNote());
            }
            String name = answer.split(" ")[1];
            if (wanted.contains(name)) {
                return answer;
            }
            seen.add(answer.substring("event ".length()));
            if (forbidden.contains(name)) {
                return fail(describe() + " reported " + name + " while waiting for " + wanted + "; events seen: "
                        + seen);
            }
        }
    }

    /**
     * Every monitor event libzmq reports within {@code window} (lines {@code NAME value endpoint}, in order); waits
     * the whole window. For asserting that something (e.g. DISCONNECTED) did not happen during a period.
     */
    List<String> eventsWithin(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        List<String> seen = new ArrayList<>();
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return seen;
            }
            String answer = request("event " + left, Duration.ofMillis(left).plus(SLACK));
            if (answer.equals("timeout")) {
                return seen;
            }
            if (!answer.startsWith("event ")) {
                return fail(describe() + " answered '" + answer + "' to event" + stderrNote());
            }
            seen.add(answer.substring("event ".length()));
        }
    }

    /**
     * Kills the child process with SIGKILL, as a crash would: libzmq closes nothing in an orderly way (the kernel
     * closes its sockets). The peer is unusable afterwards; {@link #close()} is still safe.
     */
    void kill() {
        broken = true;
        process.destroyForcibly();   // SIGKILL on Linux
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                fail(describe() + " (pid " + process.pid() + ") did not die of SIGKILL within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while killing " + describe());
        }
    }

    @Override
    public void close() {
        try {
            if (!broken && process.isAlive()) {
                requests.write("quit\n");
                requests.flush();
                process.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            // the child is gone already; destroy below makes sure
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- the line protocol ------------------------------------------------------------------------------------------

    /** Sends a request that must answer {@code ok [value]}; returns the value (or empty). */
    private String ok(String line, Duration wait) {
        String answer = request(line, wait);
        if (answer.equals("ok")) {
            return "";
        }
        if (answer.startsWith("ok ")) {
            return answer.substring(3);
        }
        return fail(describe() + " answered '" + answer + "' to '" + abbreviate(line) + "'" + stderrNote());
    }

    private String request(String line, Duration wait) {
        if (broken) {
            fail(describe() + " is unusable after an earlier failure" + stderrNote());
        }
        try {
            requests.write(line);
            requests.write('\n');
            requests.flush();
            String answer = answers.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (answer == null) {
                broken = true;
                return fail(describe() + " did not answer '" + abbreviate(line) + "' within " + wait + stderrNote());
            }
            if (answer.equals(EOF)) {
                broken = true;
                return fail(describe() + " exited while answering '" + abbreviate(line) + "'" + stderrNote());
            }
            return answer;
        } catch (IOException e) {
            broken = true;
            return fail(describe() + " cannot take requests: " + e + stderrNote());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broken = true;
            return fail("interrupted while waiting for " + describe());
        }
    }

    private String stderrNote() {
        String err = stderr.toString().trim();
        return err.isEmpty() ? "" : "; its stderr: " + err;
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 80) + "… (" + line.length() + " chars)";
    }

    private void pumpAnswers(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                answers.add(line);
            }
        } catch (IOException e) {
            // the process ended; EOF below tells a waiting request
        }
        answers.add(EOF);
    }

    private void pumpStderr(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                stderr.append(line).append('\n');
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private static Path script() {
        URL url = LibzmqPeer.class.getResource("zmq_peer.py");
        if (url == null) {
            throw new IllegalStateException("zmq_peer.py is missing from the test classpath (io/jzmtp/interop/)");
        }
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            // Inside the test-jar that other modules use: python needs a real file.
            Path copy = Files.createTempFile("zmq_peer", ".py");
            copy.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot locate zmq_peer.py at " + url, e);
        }
    }
}
