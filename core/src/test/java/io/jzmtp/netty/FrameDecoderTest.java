package io.jzmtp.netty;

import io.jzmtp.wire.Splits;
import io.jzmtp.wire.Vectors;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.jzmtp.wire.Vectors.ascii;
import static io.jzmtp.wire.Vectors.concat;
import static io.jzmtp.wire.Vectors.get;
import static io.jzmtp.wire.Vectors.hex;
import static io.jzmtp.wire.Vectors.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frame decoding (ZMTP.md §3): short and long sizes, the LONG form for small bodies, MORE and COMMAND flags, and the
 * MAXMSGSIZE and size checks that must happen as soon as the header is readable, before any body byte is waited for.
 */
class FrameDecoderTest {

    private final List<Rig> rigs = new ArrayList<>();

    /** A failed assertion leaves its channel open; release it so the leak detector blames no later test. */
    @AfterEach
    void releaseUnfinishedRigs() {
        rigs.forEach(r -> r.ch.finishAndReleaseAll());
    }

    /** A decoded frame reduced to what the codec promises: flags (MORE, COMMAND) and body. */
    record Decoded(boolean more, boolean command, String bodyHex) {
        static Decoded msg(boolean more, byte[] body) {
            return new Decoded(more, false, hex(body));
        }
    }

    private final class Rig {
        final EventRecorder recorder = new EventRecorder();
        final EmbeddedChannel ch;
        final List<ByteBuf> inputs = new ArrayList<>();
        final List<Decoded> frames = new ArrayList<>();

        Rig(long maxFrameSize) {
            rigs.add(this);
            ch = new EmbeddedChannel(new FrameDecoder(maxFrameSize), recorder);
        }

        void feed(byte[] chunk) {
            ByteBuf b = ByteBufAllocator.DEFAULT.buffer(chunk.length).writeBytes(chunk);
            inputs.add(b);
            ch.writeInbound(b);
            ZmtpFrame f;
            while ((f = ch.readInbound()) != null) {
                try {
                    frames.add(new Decoded(f.hasMore(), f.isCommand(), ByteBufUtil.hexDump(f.body())));
                    assertEquals(f.flags() & ~(ZmtpFrame.FLAG_MORE | ZmtpFrame.FLAG_COMMAND), 0,
                            "only MORE and COMMAND travel on");
                } finally {
                    f.release();
                }
            }
        }

        void finish() {
            rigs.remove(this);
            assertFalse(ch.finish());
            for (int i = 0; i < inputs.size(); i++) {
                assertEquals(0, inputs.get(i).refCnt(), "input " + i + " not released");
            }
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

    @Test
    void declaredSizeWithinTheLimitsWaitsForItsBody() {
        Rig rig = new Rig(-1);
        rig.feed(hexBytes("02000000007fffffef"));   // Integer.MAX_VALUE - 16: the largest a JVM buffer can take
        rig.feed(repeat('q', 100));
        assertTrue(rig.recorder.exceptions.isEmpty());
        assertTrue(rig.frames.isEmpty());
        rig.finish();
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

    @Test
    void bodiesAreSlicesOfTheReadBufferNotCopies() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(-1));
        ByteBuf in = ByteBufAllocator.DEFAULT.buffer().writeBytes(get("frames.topic_payload"));
        ch.writeInbound(in);
        ZmtpFrame a = ch.readInbound();
        ZmtpFrame b = ch.readInbound();
        assertTrue(in.refCnt() > 0, "the frames keep the read buffer alive");
        in.setByte(2, 'T');   // visible through the first frame's body only if it is a slice
        assertEquals("Topic.a", a.body().toString(StandardCharsets.US_ASCII));
        assertEquals("payload", b.body().toString(StandardCharsets.US_ASCII));
        a.release();
        b.release();
        assertEquals(0, in.refCnt(), "released with the last frame");
        assertFalse(ch.finish());
    }

    private static byte[] hexBytes(String h) {
        return Vectors.hex(h);
    }
}
