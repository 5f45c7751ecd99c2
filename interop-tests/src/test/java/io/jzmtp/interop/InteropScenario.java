package io.jzmtp.interop;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.provider.Arguments;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared life cycle and assertions for the interop scenarios: one jzmtp context per test, their peer closed after
 * each test, helpers to link our socket with theirs in either bind direction and to send and check messages on both
 * sides byte for byte. Subclasses hold only the scenarios.
 */
abstract class InteropScenario {

    static final String ANY_PORT = "tcp://127.0.0.1:*";
    /** Deadline for any single message to arrive; generous, as it only matters when a test is failing. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<Peer> peers = new ArrayList<>();
    private Context context;

    /** Every peer kind, each with both bind directions: the arguments of every scenario. */
    static Stream<Arguments> peersAndBinders() {
        return Stream.of(PeerKind.values())
                .flatMap(kind -> Stream.of(Binder.values()).map(binder -> Arguments.of(kind, binder)));
    }

    @BeforeEach
    void createContext() {
        context = Context.create();
    }

    @AfterEach
    void closeEverything() {
        try {
            for (Peer p : peers) {
                p.close();
            }
        } finally {
            context.close();
        }
    }

    /** The context of this test's jzmtp sockets. */
    Context context() {
        return context;
    }

    /** A jzmtp socket of {@code type} whose blocking calls give up after {@link #TIMEOUT}. */
    Socket ours(SocketType type) {
        Socket s = context.socket(type);
        s.set(SocketOption.RCVTIMEO, TIMEOUT);
        s.set(SocketOption.SNDTIMEO, TIMEOUT);
        s.set(SocketOption.LINGER, Duration.ofSeconds(1));
        return s;
    }

    /** Their socket of {@code type}, closed after the test. */
    Peer theirs(PeerKind kind, SocketType type) {
        Peer p = kind.open(type);
        peers.add(p);
        return p;
    }

    /**
     * Sends {@code frames} from our socket, waiting up to {@code timeout} ({@link Duration#ZERO}: trySend). Returns
     * whether it was sent; if not, the message is closed here, so no caller leaks it.
     */
    static boolean offer(Socket socket, Duration timeout, byte[]... frames) {
        Message m = Message.of(frames);
        boolean sent = false;
        try {
            sent = timeout.isZero() ? socket.trySend(m) : socket.send(m, timeout);
            return sent;
        } finally {
            if (!sent) {
                m.close();
            }
        }
    }

    /** Our socket of {@code type} as a {@link Side}. */
    Side ourSide(SocketType type) {
        return Side.ours(ours(type));
    }

    /** Their socket of {@code type} as a {@link Side}, closed after the test. */
    Side theirSide(PeerKind kind, SocketType type) {
        return Side.theirs(theirs(kind, type), type);
    }

    /** {@code side} receives a message within {@link #TIMEOUT}, exactly {@code expected}; returns it. */
    static Peer.Received expectMessage(Side side, String what, byte[]... expected) {
        Peer.Received r = side.receive(TIMEOUT);
        assertNotNull(r, side.describe() + " received nothing within " + TIMEOUT + ", expected " + what);
        assertFrames(side.describe() + ", " + what, expected, r.frames());
        return r;
    }

    /** Nothing (more) arrives at {@code side} within {@code grace}. */
    static void assertNothingArrives(Side side, Duration grace) {
        Peer.Received r = side.receive(grace);
        assertNull(r, () -> side.describe() + " received an unexpected message: " + show(r.frames()));
    }

    /** Frames as text where printable, else hex, for failure messages. */
    static String show(List<byte[]> frames) {
        StringBuilder sb = new StringBuilder("[");
        for (byte[] f : frames) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            boolean printable = f.length <= 80;
            for (byte b : f) {
                printable &= b >= 0x20 && b < 0x7f;
            }
            sb.append(printable ? "'" + new String(f, java.nio.charset.StandardCharsets.US_ASCII) + "'"
                    : f.length > 80 ? f.length + " bytes" : "0x" + java.util.HexFormat.of().formatHex(f));
        }
        return sb.append(']').toString();
    }

    /** Binds one side on an ephemeral loopback port and connects the other to it. */
    static void link(Socket ours, Peer theirs, Binder binder) {
        link(ours, theirs, binder, ANY_PORT);
    }

    /** As above, on {@code endpoint} (an ipc path, say). */
    static void link(Socket ours, Peer theirs, Binder binder, String endpoint) {
        if (binder == Binder.OURS) {
            theirs.connect(ours.bind(endpoint));
        } else {
            ours.connect(theirs.bind(endpoint));
        }
    }

    /** For libzmq, whose monitor tells: waits until it reports that the handshake with us succeeded. */
    static void assertTheirHandshakeSucceeded(Peer theirs) {
        if (theirs instanceof LibzmqPeer libzmq) {
            libzmq.awaitEvent(Set.of("HANDSHAKE_SUCCEEDED"), Set.of("HANDSHAKE_FAILED_NO_DETAIL",
                    "HANDSHAKE_FAILED_PROTOCOL", "HANDSHAKE_FAILED_AUTH"), TIMEOUT);
        }
    }

    /** Sends {@code sample} from our socket; it must be accepted within the send timeout. */
    static void sendOurs(Socket ours, Payloads.Sample sample) {
        assertTrue(ours.send(Message.of(sample.frames())), "our " + ours.type() + " could not send " + sample);
    }

    /** Receives on our socket and checks the frames exactly and that the sender announced {@code peerType}. */
    static void expectOurs(Socket ours, Payloads.Sample sample, SocketType peerType) {
        try (Message m = ours.receive()) {
            assertNotNull(m, "our " + ours.type() + " received nothing within " + TIMEOUT + ", expected " + sample);
            List<byte[]> frames = new ArrayList<>(m.size());
            for (int i = 0; i < m.size(); i++) {
                frames.add(m.frame(i).toBytes());
            }
            assertFrames("our " + ours.type() + ", " + sample, sample.frames(), frames);
            assertEquals(peerType.name(), m.metadata().socketType().orElse(null),
                    "Socket-Type in the metadata of " + sample);
            assertEquals("127.0.0.1", m.metadata().peerAddress().orElse(null), "Peer-Address of " + sample);
        }
    }

    /** Receives on their socket and checks the frames exactly and that their library saw our socket type. */
    static void expectTheirs(Peer theirs, Payloads.Sample sample, SocketType ourType) {
        Peer.Received r = theirs.receive(TIMEOUT);
        assertNotNull(r, theirs.describe() + " received nothing within " + TIMEOUT + ", expected " + sample);
        assertFrames(theirs.describe() + ", " + sample, sample.frames(), r.frames());
        assertEquals(ourType.name(), r.peerSocketType(),
                theirs.describe() + " reports this Socket-Type for the sender of " + sample);
    }

    /** Every payload of {@link Payloads} both ways, each answered before the next, checked as above. */
    static void exchangeEveryPayload(Socket ours, Peer theirs) {
        for (Payloads.Sample s : Payloads.all()) {
            sendOurs(ours, s);
            expectTheirs(theirs, s, ours.type());
            theirs.send(s.frames());
            expectOurs(ours, s, ours.type());
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> text(List<byte[]> frames) {
        return frames.stream().map(f -> new String(f, StandardCharsets.UTF_8)).toList();
    }

    /** Nothing more arrives on our socket within a short grace period. */
    static void assertNoMoreOurs(Socket ours) {
        try (Message extra = ours.receive(Duration.ofMillis(100))) {
            assertNull(extra, "our " + ours.type() + " received an unexpected extra message");
        }
    }

    static void assertFrames(String what, byte[][] expected, List<byte[]> actual) {
        assertEquals(expected.length, actual.size(), what + ": number of frames");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual.get(i), what + ": frame " + i + " (" + expected[i].length
                    + " bytes expected, " + actual.get(i).length + " received)");
        }
    }
}
