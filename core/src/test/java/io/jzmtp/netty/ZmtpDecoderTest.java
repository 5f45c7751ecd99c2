package io.jzmtp.netty;

import io.jzmtp.msg.Message;
import io.jzmtp.msg.Metadata;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.CommandCodec;
import io.jzmtp.wire.FrameHeader;
import io.jzmtp.wire.Splits;
import io.jzmtp.wire.Vectors;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.jzmtp.wire.Vectors.ascii;
import static io.jzmtp.wire.Vectors.concat;
import static io.jzmtp.wire.Vectors.get;
import static io.jzmtp.wire.Vectors.hex;
import static io.jzmtp.wire.Vectors.repeat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inbound decoder (ZMTP.md §3): short and long sizes, the LONG form for small bodies, MORE chains becoming one
 * atomic message, COMMAND frames decoded and passed on in order, and the MAXMSGSIZE and size checks that must happen
 * as soon as a header is readable, before any body byte is waited for. Bodies: small ones copied, large whole ones
 * slices of the read buffer, large split ones collected as they arrive.
 */
class ZmtpDecoderTest {

    private final List<Rig> rigs = new ArrayList<>();

    /** A failed assertion leaves its channel open; release it so the leak detector blames no later test. */
    @AfterEach
    void releaseUnfinishedRigs() {
        rigs.forEach(Rig::release);
    }

    /** A decoded frame reduced to what the codec promises: flags (MORE, COMMAND) and body. */
    record Decoded(boolean more, boolean command, String bodyHex) {
        static Decoded msg(boolean more, byte[] body) {
            return new Decoded(more, false, hex(body));
        }
    }

    /** The decoder after a completed handshake, with its messages and commands recorded. */
    private final class Rig {
        final EventRecorder recorder = new EventRecorder();
        final List<Object> delivered = new ArrayList<>();
        final EmbeddedChannel ch;
        final List<ByteBuf> inputs = new ArrayList<>();
        final List<Decoded> frames = new ArrayList<>();
        final ReadSizes readSizes = new ReadSizes();

        Rig(long maxMessageSize) {
            this(maxMessageSize, true);
        }

        Rig(long maxMessageSize, boolean handshakeDone) {
            this(maxMessageSize, handshakeDone, false);
        }

        Rig(long maxMessageSize, boolean handshakeDone, boolean arrayBodies) {
            rigs.add(this);
            ConnectionState state = new ConnectionState();
            state.greetingCompleted(ZmtpVersion.V3_1);
            if (handshakeDone) {
                state.handshakeCompleted(new PeerInfo(Metadata.EMPTY, ZmtpVersion.V3_1, "peer"), null);
            }
            ch = new EmbeddedChannel(new ZmtpDecoder(maxMessageSize, state, delivered::add, "NULL", false, arrayBodies,
                    readSizes),
                    new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            delivered.add(msg);   // commands, in order with the messages
                        }
                    }, recorder);
        }

        void feed(byte[] chunk) {
            ByteBuf b = ByteBufAllocator.DEFAULT.buffer(chunk.length).writeBytes(chunk);
            inputs.add(b);
            ch.writeInbound(b);
            collect();
        }

        /** Messages become one entry per frame; commands one entry with their re-encoded body; in order. */
        void collect() {
            for (Object o : delivered) {
                if (o instanceof Message m) {
                    try (m) {
                        for (int i = 0; i < m.size(); i++) {
                            frames.add(new Decoded(i < m.size() - 1, false,
                                    ByteBufUtil.hexDump(m.frame(i).content())));
                        }
                    }
                } else {
                    frames.add(new Decoded(false, true, bodyHex((Command) o)));
                }
            }
            delivered.clear();
        }

        void finish() {
            rigs.remove(this);
            assertFalse(ch.finish());
            for (int i = 0; i < inputs.size(); i++) {
                assertEquals(0, inputs.get(i).refCnt(), "input " + i + " not released");
            }
        }

        void release() {
            ch.finishAndReleaseAll();
            delivered.forEach(o -> {
                if (o instanceof Message m) {
                    m.close();
                }
            });
        }
    }

    private static String bodyHex(Command c) {
        ByteBuf b = ByteBufAllocator.DEFAULT.buffer();
        try {
            CommandCodec.encode(c, b);
            b.skipBytes((b.getByte(0) & FrameHeader.FLAG_LONG) != 0 ? 9 : 2);   // the header before the body
            return ByteBufUtil.hexDump(b);
        } finally {
            b.release();
        }
    }

    private List<Decoded> decodeEverySplit(byte[] input, long max) {
        List<Decoded> first = null;
        for (Splits.Split split : Splits.of(input)) {
            Rig rig = new Rig(max);
            split.chunks().forEach(rig::feed);
            assertTrue(rig.recorder.exceptions.isEmpty(), split + ": " + rig.recorder.exceptions);
            if (first == null) {
                first = rig.frames;
            } else {
                assertEquals(first, rig.frames, split.name());
            }
            rig.finish();
        }
        return first;
    }

    @Test
    void libzmqMultipartWithLongFrame() {
        List<Decoded> frames = decodeEverySplit(get("frames.multipart_and_long"), -1);
        assertEquals(List.of(
                Decoded.msg(true, ascii("A")),
                Decoded.msg(true, new byte[0]),
                Decoded.msg(false, repeat('x', 300)),
                Decoded.msg(false, ascii("last"))), frames);
    }

    @Test
    void longSizeFormForASmallBodyIsAccepted() {
        assertEquals(List.of(Decoded.msg(false, ascii("hello"))),
                decodeEverySplit(get("frames.long_form_hello"), -1));
    }

    @Test
    void shortAndLongAtThe255Boundary() {
        byte[] b255 = repeat('a', 255);
        byte[] b256 = repeat('b', 256);
        byte[] input = concat(new byte[] {0, (byte) 0xff}, b255, hexBytes("020000000000000100"), b256);
        assertEquals(List.of(Decoded.msg(false, b255), Decoded.msg(false, b256)), decodeEverySplit(input, 256));
    }

    @Test
    void commandFramesShortAndLong() {
        byte[] longSubscribe = concat(hexBytes("06000000000000010a09"), ascii("SUBSCRIBE"), repeat('t', 256));
        List<Decoded> frames = decodeEverySplit(concat(get("command.ping_abc"), longSubscribe), -1);
        assertEquals(2, frames.size());
        assertEquals(new Decoded(false, true, "0450494e470000616263"), frames.get(0));
        assertTrue(frames.get(1).command());
        assertEquals(266 * 2, frames.get(1).bodyHex().length());
    }

    /** A command between two messages reaches its handler between them: a SUBSCRIBE applies to what follows. */
    @Test
    void commandsArePassedOnInOrderWithMessages() {
        byte[] input = concat(hexBytes("0001" + "61"), get("command.ping_abc"), hexBytes("0001" + "62"));
        assertEquals(List.of(Decoded.msg(false, ascii("a")), new Decoded(false, true, "0450494e470000616263"),
                Decoded.msg(false, ascii("b"))), decodeEverySplit(input, -1));
    }

    @Test
    void reservedFlagBitsAreIgnored() {
        assertEquals(List.of(Decoded.msg(true, ascii("x")), Decoded.msg(false, ascii("y"))),
                decodeEverySplit(hexBytes("f90178f80179"), -1));
    }

    @Test
    void emptyFramesAndZeroLongSize() {
        assertEquals(List.of(Decoded.msg(true, new byte[0]), Decoded.msg(false, new byte[0])),
                decodeEverySplit(hexBytes("0100020000000000000000"), 0));
    }

    @Test
    void frameOfExactlyMaxMessageSizePassesAndOneMoreFailsAtItsHeader() {
        byte[] ok = get("frames.maxmsgsize_40");
        byte[] tooBig = get("frames.maxmsgsize_41");
        byte[] input = concat(ok, tooBig);
        for (Splits.Split split : Splits.of(input)) {
            Rig rig = new Rig(40);
            int fed = 0;
            for (byte[] chunk : split.chunks()) {
                rig.feed(chunk);
                fed += chunk.length;
                if (fed < ok.length + 2) {
                    assertTrue(rig.recorder.exceptions.isEmpty(), split + " after " + fed);
                } else {
                    assertEquals(ZmtpError.FRAME_TOO_LARGE, rig.recorder.failure(), split + " after " + fed);
                }
            }
            assertEquals(List.of(Decoded.msg(false, repeat('a', 40))), rig.frames, split.name());
            rig.finish();
        }
    }

    /** MAXMSGSIZE bounds a message's total too: a chain of frames each under the limit is refused when it adds up. */
    @Test
    void aMultipartMessageOverMaxMessageSizeInTotalIsRefusedAndNeverDelivered() {
        byte[] input = concat(hexBytes("0114"), repeat('a', 20), hexBytes("0114"), repeat('b', 20), hexBytes("0001"),
                ascii("c"));
        Rig rig = new Rig(40);
        rig.feed(input);
        assertEquals(ZmtpError.FRAME_TOO_LARGE, rig.recorder.failure());
        assertTrue(rig.frames.isEmpty(), "the partial message is dropped");
        rig.finish();
    }

    /** A peer declares 4 GiB and sends only the header: refused at once, not after waiting for (or buffering) it. */
    @ParameterizedTest(name = "max {0}: header {1}")
    @CsvSource({
        "1048576, 020000000100000000",
        "-1,      020000000100000000",
        "-1,      02000000007ffffff0",
        "-1,      037fffffffffffffff",
        "-1,      028000000000000000",
        "-1,      02ffffffffffffffff",
    })
    void hugeDeclaredSizeFailsOnTheHeaderAlone(long max, String header) {
        byte[] h = hexBytes(header);
        for (Splits.Split split : Splits.of(h)) {
            Rig rig = new Rig(max);
            split.chunks().forEach(rig::feed);
            assertEquals(ZmtpError.FRAME_TOO_LARGE, rig.recorder.failure(), split.name());
            rig.feed(repeat('z', 1000));   // the body that follows is dropped, not buffered
            assertEquals(1, rig.recorder.exceptions.size(), split + ": one failure only");
            assertTrue(rig.frames.isEmpty());
            for (ByteBuf in : rig.inputs) {
                assertEquals(0, in.refCnt(), split + ": bytes after a failure must not be kept");
            }
            rig.finish();
        }
    }

    /**
     * The largest frame a JVM buffer can take, declared but not sent: it waits for its body, holding only what came
     * (a buffer or array sized by the bytes that arrived, not by the declared size).
     */
    @ParameterizedTest(name = "array bodies {0}")
    @ValueSource(booleans = {false, true})
    void declaredSizeWithinTheLimitsWaitsForItsBody(boolean arrayBodies) {
        Rig rig = new Rig(-1, true, arrayBodies);
        rig.feed(hexBytes("02000000007fffffef"));   // Integer.MAX_VALUE - 16
        rig.feed(repeat('q', 100));
        assertTrue(rig.recorder.exceptions.isEmpty());
        assertTrue(rig.frames.isEmpty());
        String state = rig.ch.pipeline().get(ZmtpDecoder.class).toString();
        Matcher collecting = Pattern.compile("collecting 100/2147483631 in (\\d+) bytes").matcher(state);
        assertTrue(collecting.find(), state);
        assertTrue(Integer.parseInt(collecting.group(1)) <= 2 * ZmtpDecoder.FIRST_COLLECT, state);
        rig.finish();
    }

    /**
     * A body collected into an array grows with the bytes as they come, doubling, and ends in an array exactly the
     * frame's size whatever the split: it is handed over as it is, and every read buffer is released at once.
     */
    @ParameterizedTest(name = "{0} bytes in reads of {1}")
    @CsvSource({"100000, 997", "65536, 65536", "65536, 8000", "8192, 1", "1000000, 300000"})
    void withArrayBodiesALargeBodyIsCollectedIntoOneArrayOfItsSize(int size, int read) {
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) (i * 31);
        }
        Rig rig = new Rig(-1, true, true);
        ByteBuf header = ByteBufAllocator.DEFAULT.buffer();
        FrameHeader.write(header, 0, size);
        rig.feed(ByteBufUtil.getBytes(header));
        header.release();
        for (int at = 0; at < size; at += read) {
            assertTrue(rig.delivered.isEmpty(), "nothing before the last byte");
            byte[] chunk = Arrays.copyOfRange(body, at, Math.min(size, at + read));
            ByteBuf in = ByteBufAllocator.DEFAULT.buffer(chunk.length).writeBytes(chunk);
            rig.ch.writeInbound(in);
            assertEquals(0, in.refCnt(), "a read buffer is not kept");
        }
        assertEquals(1, rig.delivered.size());
        try (Message m = (Message) rig.delivered.remove(0)) {
            byte[] array = m.first().sharedBytes();
            assertSame(array, m.first().sharedBytes(), "the frame holds an array and hands it over");
            assertArrayEquals(body, array);
        }
        rig.finish();
    }

    /** With array bodies, frames of every size that arrived whole come in arrays of their own: nothing pins the read. */
    @Test
    void withArrayBodiesWholeFramesOfEverySizeAreArraysOfTheirOwn() {
        Rig rig = new Rig(-1, true, true);
        ByteBuf in = ByteBufAllocator.DEFAULT.buffer();
        int[] sizes = {0, 1, ZmtpDecoder.COPY_BELOW - 1, ZmtpDecoder.COPY_BELOW, 5000, ZmtpDecoder.COLLECT_FROM + 1};
        for (int i = 0; i < sizes.length; i++) {
            FrameHeader.write(in, i < sizes.length - 1 ? FrameHeader.FLAG_MORE : 0, sizes[i]);
            in.writeBytes(repeat((char) ('a' + i), sizes[i]));
        }
        rig.ch.writeInbound(in);
        assertEquals(0, in.refCnt(), "the read buffer is released at once");
        try (Message m = (Message) rig.delivered.remove(0)) {
            assertEquals(sizes.length, m.size());
            for (int i = 0; i < sizes.length; i++) {
                byte[] array = m.frame(i).sharedBytes();
                assertSame(array, m.frame(i).sharedBytes(), "frame " + i + " holds an array");
                assertArrayEquals(repeat((char) ('a' + i), sizes[i]), array, "frame " + i);
            }
        }
        rig.finish();
    }

    /** A large body split over many reads is collected as it comes and arrives whole, in one frame. */
    @Test
    void aLargeBodyOverManyReadsIsCollectedAsItComes() {
        int size = 100_000;
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) i;
        }
        Rig rig = new Rig(-1);
        rig.feed(hexBytes("0100"));   // an empty first frame, MORE
        ByteBuf header = ByteBufAllocator.DEFAULT.buffer();
        FrameHeader.write(header, 0, size);
        rig.feed(ByteBufUtil.getBytes(header));
        header.release();
        for (int at = 0; at < size; at += 997) {
            rig.feed(Arrays.copyOfRange(body, at, Math.min(size, at + 997)));
            if (at + 997 < size) {
                assertTrue(rig.frames.isEmpty(), "nothing before the last byte");
            }
        }
        assertEquals(List.of(Decoded.msg(true, new byte[0]), Decoded.msg(false, body)), rig.frames);
        rig.finish();
    }

    /**
     * A frame of {@value ReadSizes#LARGE_FRAME} bytes or more, whole or collected, whatever the body mode, makes the
     * next read a large one; smaller frames leave reads at the small-frame limit.
     */
    @ParameterizedTest(name = "array bodies {0}")
    @ValueSource(booleans = {false, true})
    void largeFramesAskForLargeReads(boolean arrayBodies) {
        int wanted = ReadSizes.LARGE_FRAMES_MAX;
        Rig rig = new Rig(-1, true, arrayBodies);
        rig.feed(frameBytes(ReadSizes.LARGE_FRAME - 1));
        assertEquals(ReadSizes.SMALL_FRAMES_MAX, rig.readSizes.nextReadSize(wanted), "just under the threshold");
        rig.feed(frameBytes(ReadSizes.LARGE_FRAME));
        assertEquals(wanted, rig.readSizes.nextReadSize(wanted), "a large frame that arrived whole");
        assertEquals(ReadSizes.SMALL_FRAMES_MAX, rig.readSizes.nextReadSize(wanted), "only for the next read");
        byte[] cut = frameBytes(3 * ReadSizes.LARGE_FRAME);
        rig.feed(Arrays.copyOf(cut, 100));
        assertEquals(wanted, rig.readSizes.nextReadSize(wanted), "a large frame being collected");
        rig.feed(Arrays.copyOfRange(cut, 100, 200));
        assertEquals(wanted, rig.readSizes.nextReadSize(wanted), "every read of it, until it is complete");
        rig.feed(Arrays.copyOfRange(cut, 200, cut.length));
        assertEquals(wanted, rig.readSizes.nextReadSize(wanted), "the read after its last bytes");
        rig.feed(frameBytes(10));
        assertEquals(ReadSizes.SMALL_FRAMES_MAX, rig.readSizes.nextReadSize(wanted), "small frames again");
        assertEquals(4, rig.frames.size());
        rig.finish();
    }

    /** One whole message frame of {@code size} bytes, header included. */
    private static byte[] frameBytes(int size) {
        ByteBuf b = ByteBufAllocator.DEFAULT.buffer();
        try {
            FrameHeader.write(b, 0, size);
            b.writeZero(size);
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    @ParameterizedTest(name = "flags {0}")
    @CsvSource({"05", "07", "fd"})
    void commandWithMoreIsMalformed(String flags) {
        byte[] frame = flags.equals("07") ? hexBytes("070000000000000001ff") : hexBytes(flags + "01ff");
        for (Splits.Split split : Splits.of(frame)) {
            Rig rig = new Rig(-1);
            split.chunks().forEach(rig::feed);
            assertEquals(ZmtpError.MALFORMED_FRAME, rig.recorder.failure(), split.name());
            assertTrue(rig.frames.isEmpty());
            rig.finish();
        }
    }

    @Test
    void aMessageFrameBeforeTheHandshakeIsUnexpected() {
        Rig rig = new Rig(-1, false);
        rig.feed(hexBytes("000161"));
        assertEquals(ZmtpError.UNEXPECTED_COMMAND, rig.recorder.failure());
        assertTrue(rig.frames.isEmpty());
        rig.finish();
    }

    @Test
    void truncatedFrameWaitsAndIsReleasedOnClose() {
        Rig rig = new Rig(-1);
        rig.feed(hexBytes("0005"));
        rig.feed(ascii("hel"));
        assertTrue(rig.frames.isEmpty());
        assertTrue(rig.recorder.exceptions.isEmpty());
        assertNull(rig.ch.readInbound());
        rig.finish();   // also checks the partial frame's bytes were released
        assertTrue(rig.frames.isEmpty(), "a half frame is never delivered");
    }

    @Test
    void truncatedLongHeaderWaits() {
        Rig rig = new Rig(-1);
        rig.feed(hexBytes("0200000000"));
        assertTrue(rig.frames.isEmpty());
        rig.feed(hexBytes("0000000168"));
        assertEquals(List.of(Decoded.msg(false, ascii("h"))), rig.frames);
        rig.finish();
    }

    /** Bodies of 256 bytes and more that arrived whole are slices of the read buffer: no copy. */
    @Test
    void largeBodiesAreSlicesOfTheReadBufferNotCopies() {
        Rig rig = new Rig(-1);
        ByteBuf in = ByteBufAllocator.DEFAULT.buffer();
        FrameHeader.write(in, FrameHeader.FLAG_MORE, 300);
        in.writeBytes(repeat('a', 300));
        FrameHeader.write(in, 0, 300);
        in.writeBytes(repeat('b', 300));
        int firstBody = FrameHeader.length(300);   // the first body starts after its (long-form) header
        rig.ch.writeInbound(in);
        assertEquals(1, rig.delivered.size());
        Message m = (Message) rig.delivered.remove(0);
        assertTrue(in.refCnt() > 0, "the frames keep the read buffer alive");
        in.setByte(firstBody, 'A');   // visible through the first frame's body only if it is a slice
        assertEquals('A', m.frame(0).byteAt(0));
        assertEquals("b".repeat(300), m.frame(1).toUtf8());
        m.close();
        assertEquals(0, in.refCnt(), "released with the last frame");
        rig.finish();
    }

    /** Small bodies are copied: the read buffer is not pinned by them and is released at once. */
    @Test
    void smallBodiesAreCopiedAndTheirBuffersReleasedAtOnce() {
        Rig rig = new Rig(-1);
        ByteBuf in = ByteBufAllocator.DEFAULT.buffer();
        FrameHeader.write(in, 0, ZmtpDecoder.COPY_BELOW - 1);
        in.writeBytes(repeat('x', ZmtpDecoder.COPY_BELOW - 1));
        rig.ch.writeInbound(in);
        assertEquals(0, in.refCnt(), "the read buffer is not pinned by a small frame");
        try (Message m = (Message) rig.delivered.remove(0)) {
            assertEquals("x".repeat(ZmtpDecoder.COPY_BELOW - 1), m.first().toUtf8());
        }
        rig.finish();
    }

    @Test
    void consecutiveMessagesStaySeparate() {
        Rig rig = new Rig(-1);
        rig.ch.writeInbound(ByteBufAllocator.DEFAULT.buffer().writeBytes(concat(hexBytes("0003"), ascii("one"),
                hexBytes("0103"), ascii("two"), hexBytes("0005"), ascii("three"), hexBytes("0004"), ascii("four"))));
        assertEquals(3, rig.delivered.size());
        try (Message one = (Message) rig.delivered.get(0); Message two = (Message) rig.delivered.get(1);
             Message four = (Message) rig.delivered.get(2)) {
            assertEquals("Message[\"one\"]", one.toString());
            assertEquals("Message[\"two\", \"three\"]", two.toString());
            assertEquals("Message[\"four\"]", four.toString());
        }
        rig.delivered.clear();
        rig.finish();
    }

    @Test
    void partialMessageIsReleasedWhenTheConnectionCloses() {
        Rig rig = new Rig(-1);
        rig.feed(concat(hexBytes("0101"), ascii("a"), hexBytes("0101"), ascii("b")));
        assertTrue(rig.frames.isEmpty());
        rig.finish();   // a cut-off message is not delivered, and its bytes are released
        assertTrue(rig.frames.isEmpty());
    }

    @Test
    void partialMessageIsReleasedWhenTheDecoderIsRemoved() {
        Rig rig = new Rig(-1);
        ByteBuf body = ByteBufAllocator.DEFAULT.buffer();
        FrameHeader.write(body, FrameHeader.FLAG_MORE, 300);
        body.writeBytes(repeat('a', 300));
        rig.ch.writeInbound(body);
        assertTrue(body.refCnt() > 0, "held by the message under way");
        rig.ch.pipeline().remove(ZmtpDecoder.class);
        assertEquals(0, body.refCnt());
        rig.finish();
    }

    private static byte[] hexBytes(String h) {
        return Vectors.hex(h);
    }
}
