package io.jzmtp.netty;

import io.jzmtp.msg.Metadata;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.FrameHeader;
import io.jzmtp.testing.CommandBytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.jzmtp.wire.Vectors.concat;
import static io.jzmtp.wire.Vectors.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes one whole connection pipeline on an {@link io.netty.channel.embedded.EmbeddedChannel} with what a hostile
 * or broken peer could send: generated greetings, READY property tables, frames and commands, and captured libzmq
 * streams with bytes flipped, cut, inserted and split at random points. Whatever the input, the connection either
 * goes on (delivering what was valid) or closes with a specific reason; no exception escapes the pipeline, every
 * buffer is released, and the memory the engine holds stays within a small multiple of what arrived.
 *
 * <p>CI runs {@code jqwik.tries.default} cases per property (see {@code junit-platform.properties}); a long campaign
 * is {@code mvn -pl core test -Dtest=PipelineFuzzTest -Djqwik.tries.default=200000}. jqwik prints the seed of a
 * failing case; {@code -Djqwik.seeds.whenfixed=ALLOW_SEED -Djqwik.seed=...} replays it, and the case then belongs in
 * {@link HostileInputTest} as a fixed regression.
 */
class PipelineFuzzTest {

    /** Socket types and the peer types they accept, for the connection under test. */
    private static final List<List<String>> SIDES = List.of(
            List.of("PULL", "PUSH"), List.of("DEALER", "DEALER", "ROUTER", "REP"), List.of("ROUTER", "DEALER", "REQ"),
            List.of("PUB", "SUB", "XSUB"), List.of("XPUB", "SUB", "XSUB"), List.of("SUB", "PUB", "XPUB"),
            List.of("REP", "REQ", "DEALER"), List.of("PAIR", "PAIR"));

    /** Captured libzmq streams, greeting included, that a connection accepts as they are. */
    private static final List<byte[]> VALID_STREAMS = List.of(
            concat(get("greeting.full.null"), get("ready.PUSH"), get("frames.multipart_and_long")),
            concat(get("greeting.full.null"), get("ready.DEALER"), get("frames.payload"), get("command.ping_abc")),
            concat(get("greeting.full.null"), get("ready.SUB"), get("command.subscribe_empty_and_topic"),
                    get("command.cancel_topic")),
            concat(get("greeting.peer.v3_0"), get("ready.SUB"), get("command.legacy_subscribe_empty_and_topic")),
            concat(get("greeting.full.id_client1"), get("ready.DEALER.id_client1"), get("frames.req_hello")),
            concat(get("greeting.full.null"), get("ready.REQ"), get("frames.req_hello"), get("command.ping_ttl10")),
            concat(get("greeting.full.null"), get("ready.PAIR"), get("frames.long_form_hello")));

    private final List<EmbeddedConnection> open = new ArrayList<>();

    @AfterTry
    void releaseWhatAFailedTryLeftBehind() {
        EmbeddedConnection.releaseUnfinished();
        open.clear();
    }

    // ---- properties -------------------------------------------------------------------------------------------------

    @Property
    void mutatedCapturedStreamsEndWellWhateverTheDamage(@ForAll("mutatedStreams") byte[] stream,
                                                        @ForAll("sides") List<String> side,
                                                        @ForAll("splits") List<Integer> splits,
                                                        @ForAll("maxMessageSizes") long maxMessageSize) {
        feedAndCheck(stream, side, splits, maxMessageSize);
    }

    @Property
    void generatedGreetingsEndWell(@ForAll("greetings") byte[] greeting, @ForAll("sides") List<String> side,
                                   @ForAll("splits") List<Integer> splits) {
        feedAndCheck(concat(greeting, get("ready.DEALER")), side, splits, -1);
    }

    @Property
    void generatedReadyPropertyTablesEndWell(@ForAll("readyBodies") byte[] ready, @ForAll("sides") List<String> side,
                                             @ForAll("splits") List<Integer> splits) {
        feedAndCheck(concat(get("greeting.full.null"), ready, get("frames.payload")), side, splits, -1);
    }

    @Property
    void generatedFramesAndCommandsAfterTheHandshakeEndWell(@ForAll("traffic") byte[] traffic,
                                                            @ForAll("splits") List<Integer> splits,
                                                            @ForAll("maxMessageSizes") long maxMessageSize) {
        feedAndCheck(concat(get("greeting.full.null"), get("ready.DEALER"), traffic),
                List.of("DEALER", "DEALER", "ROUTER"), splits, maxMessageSize);
    }

    // ---- the check --------------------------------------------------------------------------------------------------

    /**
     * Feeds {@code input} cut at {@code splits} (fractions of its length, in thousandths) to a fresh connection of
     * {@code side.get(0)}, accepting the other types of {@code side}, and checks how it ended.
     */
    private void feedAndCheck(byte[] input, List<String> side, List<Integer> splits, long maxMessageSize) {
        String[] peers = side.subList(1, side.size()).toArray(new String[0]);
        EmbeddedConnection c = new EmbeddedConnection(EmbeddedConnection.config(side.get(0), maxMessageSize, 0,
                peers));
        open.add(c);
        long before = c.alloc.liveCapacity();
        for (byte[] chunk : chunks(input, splits)) {
            c.feed(chunk);   // EmbeddedChannel rethrows anything that escaped the pipeline here
            c.runTasks();
            long held = c.alloc.liveCapacity() - before;
            assertTrue(held <= 2L * input.length + 64 * 1024, "holds " + held + " bytes after " + c.fed()
                    + " bytes of input");
        }
        if (!c.ch.isOpen()) {
            assertEquals(1, c.handler.closed.size(), "one close reported");
            RecordingConnectionHandler.Closed closed = c.handler.closed.get(0);
            assertNotNull(closed.failure(), "closed for a reason");
            assertNotNull(closed.failure().reason());
            assertTrue(!closed.failure().detail().isEmpty(), "the reason says what was wrong");
            assertFalse(closed.failure().detail().startsWith("internal error"),
                    "an input the engine did not foresee: " + closed.failure().detail());
        }
        c.takeSent();
        c.finish();   // every buffer released, nothing left in the channel
    }

    private static List<byte[]> chunks(byte[] input, List<Integer> splits) {
        List<Integer> cuts = new ArrayList<>();
        for (int s : splits) {
            cuts.add((int) ((long) s * input.length / 1000));
        }
        cuts.add(input.length);
        cuts.sort(Integer::compare);
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            if (cut > from) {
                out.add(Arrays.copyOfRange(input, from, cut));
                from = cut;
            }
        }
        return out;
    }

    // ---- generators -------------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<List<String>> sides() {
        return Arbitraries.of(SIDES);
    }

    @Provide
    Arbitrary<List<Integer>> splits() {
        return Arbitraries.integers().between(0, 1000).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<Long> maxMessageSizes() {
        return Arbitraries.of(-1L, 0L, 5L, 40L, 300L, 100_000L);
    }

    @Provide
    Arbitrary<byte[]> mutatedStreams() {
        Arbitrary<byte[]> base = Arbitraries.of(VALID_STREAMS);
        return Combinators.combine(base, mutations().list().ofMinSize(1).ofMaxSize(4))
                .as(PipelineFuzzTest::mutate);
    }

    /** One mutation: kind (flip, cut, insert, duplicate a span), where (thousandths), and a byte or length. */
    private record Mutation(int kind, int at, int value) {
    }

    private static Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 999),
                Arbitraries.integers().between(0, 255)).as(Mutation::new);
    }

    private static byte[] mutate(byte[] stream, List<Mutation> mutations) {
        byte[] b = stream.clone();
        for (Mutation m : mutations) {
            int at = (int) ((long) m.at() * b.length / 1000);
            switch (m.kind()) {
                case 0 -> b[at] = (byte) m.value();
                case 1 -> b = Arrays.copyOf(b, Math.max(1, at));
                case 2 -> b = concat(Arrays.copyOf(b, at), new byte[] {(byte) m.value()},
                        Arrays.copyOfRange(b, at, b.length));
                default -> {
                    int end = Math.min(b.length, at + 1 + m.value() % 32);
                    b = concat(Arrays.copyOf(b, end), Arrays.copyOfRange(b, at, b.length));
                }
            }
        }
        return b;
    }

    @Provide
    Arbitrary<byte[]> greetings() {
        Arbitrary<Integer> anyByte = Arbitraries.integers().between(0, 255);
        Arbitrary<String> mechanism = Arbitraries.oneOf(Arbitraries.of("NULL", "PLAIN", "CURVE", "GSSAPI", ""),
                Arbitraries.strings().ascii().ofMaxLength(20));
        return Combinators.combine(Arbitraries.of(0xff, 0x00, 0x7f), Arbitraries.longs(), anyByte, anyByte,
                anyByte, mechanism, anyByte).as((first, padding, signatureEnd, major, minor, mech, asServer) -> {
                    byte[] g = new byte[64];
                    g[0] = (byte) (int) first;
                    for (int i = 1; i <= 8; i++) {
                        g[i] = (byte) (padding >>> (8 * (8 - i)));
                    }
                    g[9] = (byte) (signatureEnd % 4 == 0 ? signatureEnd : 0x7f);   // mostly well-formed
                    g[10] = (byte) (major % 3 == 0 ? major : 3);
                    g[11] = (byte) (int) minor;
                    byte[] name = mech.getBytes(StandardCharsets.ISO_8859_1);
                    System.arraycopy(name, 0, g, 12, Math.min(20, name.length));
                    g[32] = (byte) (int) asServer;
                    return g;
                });
    }

    @Provide
    Arbitrary<byte[]> readyBodies() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("Socket-Type", "socket-type", "Identity",
                "Resource", "X-Anything", "Peer-Address"), Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(8));
        Arbitrary<byte[]> values = Arbitraries.oneOf(
                Arbitraries.of("DEALER", "ROUTER", "PUSH", "PULL", "PUB", "SUB", "REQ", "REP", "PAIR", "dealer", "")
                        .map(v -> v.getBytes(StandardCharsets.US_ASCII)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
        Arbitrary<Metadata.Property> property = Combinators.combine(names, values).as(Metadata.Property::new);
        Arbitrary<byte[]> wellFormed = property.list().ofMaxSize(6)
                .map(props -> CommandBytes.encode(new Command.Ready(Metadata.of(props))));
        // Property tables that lie about their lengths: the body is cut or padded after encoding.
        Arbitrary<byte[]> lying = Combinators.combine(wellFormed, Arbitraries.integers().between(-20, 20))
                .as(PipelineFuzzTest::resizeBody);
        return Arbitraries.oneOf(wellFormed, lying);
    }

    @Provide
    Arbitrary<byte[]> traffic() {
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> frames = Combinators.combine(Arbitraries.integers().between(0, 7), body)
                .as((flags, b) -> frame(flags & ~FrameHeader.FLAG_LONG, b));
        Arbitrary<byte[]> lyingHeaders = Combinators.combine(Arbitraries.integers().between(0, 255),
                        Arbitraries.longs(), body)
                .as((flags, size, b) -> concat(longHeader(flags, size), b));
        Arbitrary<String> commandNames = Arbitraries.oneOf(Arbitraries.of("PING", "PONG", "SUBSCRIBE", "CANCEL",
                "ERROR", "READY", "HELLO", "MESSAGE"), Arbitraries.strings().ascii().ofMinLength(0).ofMaxLength(10));
        Arbitrary<byte[]> commands = Combinators.combine(commandNames, body).as((name, data) -> {
            byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
            return frame(FrameHeader.FLAG_COMMAND, concat(new byte[] {(byte) n.length}, n, data));
        });
        Arbitrary<byte[]> known = Arbitraries.of("command.ping_abc", "command.ping_ctx20", "command.ping_ttl10",
                "command.pong_abc", "command.subscribe_news", "command.cancel_news", "command.error_400",
                "command.unknown_foobar", "frames.payload", "frames.multipart_and_long").map(n -> get(n));
        return Arbitraries.oneOf(frames, lyingHeaders, commands, known).list().ofMaxSize(20)
                .map(parts -> concat(parts.toArray(new byte[0][])));
    }

    // ---- encoding helpers -------------------------------------------------------------------------------------------


    private static byte[] frame(int flags, byte[] body) {
        ByteBuf b = Unpooled.buffer();
        try {
            FrameHeader.write(b, flags, body.length);
            b.writeBytes(body);
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    /** A long-form header declaring {@code size}, whatever follows. */
    private static byte[] longHeader(int flags, long size) {
        ByteBuf b = Unpooled.buffer(9);
        try {
            b.writeByte(flags | FrameHeader.FLAG_LONG).writeLong(size);
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    /** The READY frame with its body cut or padded by {@code delta} bytes, the header re-written to match. */
    private static byte[] resizeBody(byte[] ready, int delta) {
        int headerLength = (ready[0] & FrameHeader.FLAG_LONG) != 0 ? 9 : 2;
        byte[] body = Arrays.copyOfRange(ready, headerLength, ready.length);
        byte[] resized = Arrays.copyOf(body, Math.max(6, body.length + delta));
        return frame(FrameHeader.FLAG_COMMAND, resized);
    }
}
