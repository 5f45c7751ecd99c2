package io.jzmtp.interop;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;
import io.jzmtp.testing.CpuContention;
import io.jzmtp.wire.Splits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The handshake stress against libzmq, on real loopback sockets and under CPU contention: two thousand connection lives
 * in each bind direction (a new libzmq or jzmtp REQ per cycle: connect, greeting, READY, request, reply, close), and
 * libzmq's own captured greeting and READY bytes fed to our socket in every fragmentation. A step that does not
 * finish within {@link #STALL} is a stall and fails the test; HANDSHAKE_IVL stays at its 30 s default on both sides,
 * so no retry can hide one.
 */
class HandshakeStressInteropIT {

    private static final int CYCLES = 2_000;
    private static final Duration STALL = Duration.ofSeconds(20);
    private static final HexFormat HEX = HexFormat.of();

    /** libzmq 4.3.4 DEALER without identity: its greeting (ZMTP.md §2.2) and READY (§5.3), byte for byte. */
    private static final byte[] LIBZMQ_DEALER_GREETING_AND_READY = HEX.parseHex(
            "ff00000000000000017f"                                   // signature
            + "03"                                                   // major
            + "01" + "4e554c4c" + "00".repeat(16) + "00" + "00".repeat(31)   // minor, NULL, as-server, filler
            + "0429" + "055245414459"                               // READY command, 41-byte body
            + "0b536f636b65742d54797065" + "00000006" + "4445414c4552"   // Socket-Type = DEALER
            + "084964656e74697479" + "00000000");                    // Identity = ""
    private static final byte[] HELLO = HEX.parseHex("000568656c6c6f");   // one frame: "hello"

    private Context context;
    private CpuContention contention;

    @BeforeEach
    void start() {
        Libzmq.requireAvailable();
        context = Context.create();
        contention = CpuContention.moreThreadsThanCores(2);
    }

    @AfterEach
    void stop() {
        contention.close();
        context.close();
    }

    @Test
    void theirReqConnectsEveryCycleToOurRep_tcp() throws Exception {
        Socket rep = context.socket(SocketType.REP);
        String endpoint = rep.bind("tcp://127.0.0.1:*");
        AtomicReference<Throwable> serverFailure = new AtomicReference<>();
        Thread server = new Thread(() -> serve(rep, serverFailure), "our-rep");
        server.start();
        long start = System.nanoTime();
        try (Cycler libzmq = Cycler.start("req-connect", endpoint, String.valueOf(CYCLES))) {
            assertEquals("ok " + CYCLES, libzmq.lastLine(Duration.ofSeconds(300)),
                    "libzmq REQ cycles against our REP (" + serverFailure.get() + ")");
        }
        server.join(STALL.toMillis());
        assertEquals(null, serverFailure.get(), "our REP");
        report("libzmq REQ connects per cycle -> our REP", start);
    }

    @Test
    void ourReqConnectsEveryCycleToTheirRep_tcp() throws Exception {
        long start = System.nanoTime();
        try (Cycler libzmq = Cycler.start("rep-bind", String.valueOf(CYCLES))) {
            String endpoint = "tcp://127.0.0.1:" + libzmq.port(STALL);
            for (int n = 0; n < CYCLES; n++) {
                try (Socket req = context.socket(SocketType.REQ)) {
                    req.set(SocketOption.LINGER, Duration.ZERO);
                    req.connect(endpoint);
                    String request = "cycle-" + n;
                    assertTrue(req.send(Message.of(request), STALL), "cycle " + n + ": STALL, request not sent");
                    try (Message reply = req.receive(STALL)) {
                        assertNotNull(reply, "cycle " + n + ": STALL, no reply from libzmq within " + STALL);
                        assertEquals("re-" + request, reply.first().toUtf8(), "cycle " + n);
                    }
                }
            }
            assertEquals("ok " + CYCLES, libzmq.lastLine(STALL), "libzmq REP");
        }
        report("our REQ connects per cycle -> libzmq REP", start);
    }

    /**
     * libzmq's bytes as a raw peer sends them, cut into every fragmentation (whole, byte by byte, two parts at every
     * offset). Each part goes out on its own (TCP_NODELAY); while the greeting is under way the next part waits until
     * our side has answered the previous one as libzmq's staging expects, so those parts arrive in separate reads.
     */
    @Test
    void libzmqGreetingAndReadyInEveryFragmentationOverRealSockets_tcp() throws Exception {
        Socket router = context.socket(SocketType.ROUTER);
        String endpoint = router.bind("tcp://127.0.0.1:*");
        byte[] input = concat(LIBZMQ_DEALER_GREETING_AND_READY, HELLO);
        List<Splits.Split> splits = Splits.of(input);
        long start = System.nanoTime();
        for (Splits.Split split : splits) {
            try (RawConnection raw = RawConnection.open(endpoint)) {
                int sent = 0;
                for (byte[] part : split.chunks()) {
                    raw.send(part);
                    sent += part.length;
                    int answered = ourBytesAfter(sent);
                    if (answered > 0) {
                        raw.awaitReceived(answered, STALL);
                    }
                }
                try (Message m = router.receive(STALL)) {
                    assertNotNull(m, split + ": STALL, our ROUTER received nothing within " + STALL);
                    assertEquals(2, m.size(), split + ": routing id + body");
                    assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), m.frame(1).toBytes(),
                            split.name());
                    assertEquals("DEALER", m.metadata().socketType().orElse(null), split.name());
                }
            }
        }
        report(splits.size() + " fragmentations of libzmq's " + input.length + " bytes -> our ROUTER", start);
    }

    /**
     * How many bytes our side must have sent once the peer has sent {@code peerBytes}, per the staged greeting: the
     * signature at once, the major after the peer's signature, the rest after the peer's major; 0 once the greeting
     * is complete (our READY's arrival proves nothing about when the READY parts are read).
     */
    private static int ourBytesAfter(int peerBytes) {
        if (peerBytes >= 64) {
            return 0;
        }
        if (peerBytes >= 11) {
            return 64;
        }
        return peerBytes >= 10 ? 11 : 10;
    }

    private static void serve(Socket rep, AtomicReference<Throwable> failure) {
        try {
            for (int n = 0; n < CYCLES; n++) {
                try (Message request = rep.receive(STALL)) {
                    if (request == null) {
                        throw new AssertionError("request " + n + ": STALL, nothing within " + STALL);
                    }
                    if (!rep.send(Message.of("re-" + request.first().toUtf8()), STALL)) {
                        throw new AssertionError("reply " + n + ": STALL, not sent within " + STALL);
                    }
                }
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    private void report(String what, long startNanos) {
        System.out.printf("HandshakeStressInteropIT: %s, %d busy threads, %d ms, 0 stalls%n", what,
                contention.threads(), (System.nanoTime() - startNanos) / 1_000_000);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** {@code handshake_cycles.py} in a child process, its output lines read with deadlines. */
    private static final class Cycler implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Cycler(Process process) {
            this.process = process;
            Thread pump = new Thread(this::pump, "handshake-cycles-stdout");
            pump.setDaemon(true);
            pump.start();
        }

        static Cycler start(String... args) {
            List<String> command = new java.util.ArrayList<>(List.of(Libzmq.PYTHON, "-u", script().toString()));
            command.addAll(List.of(args));
            try {
                return new Cycler(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
        }

        private void pump() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.US_ASCII))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("error reading the child's output: " + e);
            }
        }

        int port(Duration timeout) throws InterruptedException {
            String line = next(timeout);
            if (!line.startsWith("port ")) {
                fail("expected 'port P' from handshake_cycles.py, got: " + line);
            }
            return Integer.parseInt(line.substring(5).trim());
        }

        String lastLine(Duration timeout) throws InterruptedException {
            return next(timeout);
        }

        private String next(Duration timeout) throws InterruptedException {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                fail("handshake_cycles.py said nothing within " + timeout);
            }
            return line;
        }

        @Override
        public void close() {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        private static Path script() {
            URL url = HandshakeStressInteropIT.class.getResource("handshake_cycles.py");
            if (url == null) {
                throw new IllegalStateException("handshake_cycles.py is missing from the test classpath");
            }
            try {
                if (url.getProtocol().equals("file")) {
                    return Path.of(url.toURI());
                }
                Path copy = Files.createTempFile("handshake_cycles", ".py");
                copy.toFile().deleteOnExit();
                try (InputStream in = url.openStream()) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                return copy;
            } catch (URISyntaxException | IOException e) {
                throw new IllegalStateException("cannot locate handshake_cycles.py at " + url, e);
            }
        }
    }
}
