package io.jzmtp.interop;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The stage for bad-input tests: our PULL bound on loopback, a well-behaved JeroMQ PUSH connected to it, and raw TCP
 * connections that misbehave. Each test checks that (a) our side closes the raw connection, (b) it sends an ERROR
 * command where ZMTP allows one, with the reason logged by {@code ConnectionGuard}, and (c) the PULL keeps serving the
 * good peer before and after.
 */
abstract class BadInputScenario {

    /** How long our side may take to close a connection it should close at once; generous for slow CI machines. */
    static final Duration CLOSE_DEADLINE = Duration.ofSeconds(3);
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Context context;
    private Socket pull;
    private String endpoint;
    private JeromqPeer goodPush;
    private int served;
    GuardLog log;

    @BeforeEach
    void createContext() {
        context = Context.create();
        log = GuardLog.capture();
    }

    @AfterEach
    void closeEverything() throws Exception {
        try {
            for (AutoCloseable c : closeables) {
                c.close();
            }
        } finally {
            context.close();
            log.close();
        }
    }

    /** Binds our PULL with default options, connects the good peer and checks that a message passes. */
    void startPull() {
        startPull(s -> { });
    }

    /** Like {@link #startPull()}, with options set by {@code configure} before the bind. */
    void startPull(Consumer<Socket> configure) {
        pull = context.socket(SocketType.PULL);
        pull.set(SocketOption.RCVTIMEO, TIMEOUT);
        pull.set(SocketOption.LINGER, Duration.ZERO);
        configure.accept(pull);
        endpoint = pull.bind("tcp://127.0.0.1:*");
        goodPush = new JeromqPeer(SocketType.PUSH);
        closeables.add(goodPush);
        goodPush.connect(endpoint);
        assertStillServing();
    }

    Socket pull() {
        return pull;
    }

    /** A raw TCP connection to our PULL, closed after the test. */
    RawConnection attack() {
        RawConnection raw = RawConnection.open(endpoint);
        closeables.add(raw);
        return raw;
    }

    /** The good peer's next message reaches our PULL intact, and nothing arrives before it. */
    void assertStillServing() {
        String text = "good-" + served++;
        goodPush.send(text.getBytes(StandardCharsets.UTF_8));
        try (Message m = pull.receive()) {
            assertNotNull(m, "our PULL stopped serving the good peer: '" + text + "' did not arrive within " + TIMEOUT);
            assertEquals(1, m.size(), "frames of " + text);
            assertEquals(text, m.frame(0).toUtf8(), "the good peer's message, and nothing from the bad connection");
            assertEquals("PUSH", m.metadata().socketType().orElse(null));
        }
    }

    /** Receives a message the raw connection sent and checks it. */
    void expectFromRaw(byte[]... frames) {
        try (Message m = pull.receive()) {
            assertNotNull(m, "the raw peer's message did not arrive within " + TIMEOUT);
            List<byte[]> got = new ArrayList<>();
            for (int i = 0; i < m.size(); i++) {
                got.add(m.frame(i).toBytes());
            }
            InteropScenario.assertFrames("message from the raw peer", frames, got);
            assertEquals("PUSH", m.metadata().socketType().orElse(null));
        }
    }

    /** Nothing is waiting on our PULL (in particular nothing from a bad connection). */
    void assertNothingElseDelivered() {
        try (Message m = pull.tryReceive()) {
            assertNull(m, "our PULL delivered something it should not have");
        }
    }

    /**
     * Waits for our side to close {@code raw} and for the guard's log line about it, and checks its reason. Returns
     * what our side sent.
     */
    RawConnection.Closed assertClosedFor(RawConnection raw, String reason) {
        RawConnection.Closed closed = raw.awaitClosed(CLOSE_DEADLINE);
        assertEquals(reason, log.awaitReason(raw.localPort(), CLOSE_DEADLINE),
                "reason logged for the connection from port " + raw.localPort());
        return closed;
    }

    /** Connects raw, sends a valid greeting and READY as a PUSH, and checks the handshake by passing a message. */
    RawConnection handshakenRawPush() {
        RawConnection raw = attack();
        raw.send(RawZmtp.greeting(), RawZmtp.ready("PUSH"), RawZmtp.message("raw-hello"));
        expectFromRaw("raw-hello".getBytes(StandardCharsets.UTF_8));
        return raw;
    }

    /** Our side sent a well-formed ERROR command after its greeting; returns its reason. */
    static String assertErrorCommand(RawConnection.Closed closed) {
        assertTrue(closed.sent().length > RawZmtp.GREETING_LENGTH,
                "our side closed without completing its greeting, so no ERROR: " + RawZmtp.hex(closed.sent()));
        List<RawZmtp.Command> commands = RawZmtp.commandsAfterGreeting(closed.sent());
        for (RawZmtp.Command c : commands) {
            if (c.name().equals("ERROR")) {
                String reason = c.errorReason();
                assertFalse(reason.isBlank(), "ERROR reason is empty");
                return reason;
            }
        }
        return fail("no ERROR command among what our side sent after its greeting: " + names(commands) + " in "
                + RawZmtp.hex(closed.sent()));
    }

    /** Our side sent only (a prefix of) its signature and major version: nothing a non-ZMTP-3 peer could misread. */
    static void assertSentAtMostSignatureAndMajor(RawConnection.Closed closed) {
        byte[] expected = {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 1, 0x7f, 3};
        byte[] sent = closed.sent();
        assertTrue(sent.length <= expected.length, "our side sent more than its signature and major version: "
                + RawZmtp.hex(sent));
        for (int i = 0; i < sent.length; i++) {
            assertEquals(expected[i], sent[i], "byte " + i + " of what our side sent: " + RawZmtp.hex(sent));
        }
    }

    private static List<String> names(List<RawZmtp.Command> commands) {
        return commands.stream().map(RawZmtp.Command::name).toList();
    }
}
