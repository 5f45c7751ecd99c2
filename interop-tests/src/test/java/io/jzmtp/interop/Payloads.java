package io.jzmtp.interop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages every scenario sends: multipart, empty frames, the short/long frame boundary (255/256 bytes,
 * ZMTP.md §3), 1 MiB frames, UTF-8 text, every byte value, then a numbered run that shows order is kept. Frame
 * contents are patterned per frame so that a shifted boundary or a swapped frame shows in the comparison.
 */
final class Payloads {

    /** Length of the numbered run that follows the samples. */
    static final int NUMBERED = 200;

    private Payloads() {
    }

    /** One message to send, with a name for failure messages. */
    record Sample(String name, byte[][] frames) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Every sample, then {@value #NUMBERED} numbered two-frame messages. */
    static List<Sample> all() {
        List<Sample> all = new ArrayList<>(samples());
        for (int i = 0; i < NUMBERED; i++) {
            all.add(new Sample("numbered #" + i, new byte[][] {utf8("seq-" + i), patterned(i % 300, i)}));
        }
        return all;
    }

    /** The samples without the numbered run. */
    static List<Sample> samples() {
        return List.of(
                sample("single text frame", utf8("hello")),
                sample("three-frame multipart", utf8("part-1"), utf8("part-2"), utf8("part-3")),
                sample("one empty frame", new byte[0]),
                sample("only empty frames", new byte[0], new byte[0], new byte[0]),
                sample("empty frames between data", utf8("A"), new byte[0], utf8("B"), new byte[0]),
                sample("255-byte frame (largest short frame)", patterned(255, 1)),
                sample("256-byte frame (smallest long frame)", patterned(256, 2)),
                sample("254/255/256/257-byte multipart", patterned(254, 3), patterned(255, 4), patterned(256, 5),
                        patterned(257, 6)),
                sample("every byte value", everyByte()),
                sample("UTF-8 text", utf8("Grüße, ЗМТП ✓ 日本語 🚀"), utf8("naïve café")),
                sample("1 MiB frame", patterned(1 << 20, 7)),
                sample("1 MiB frame between small frames", utf8("head"), patterned(1 << 20, 8), new byte[0],
                        utf8("tail")),
                sample("64-frame multipart", manyFrames(64)));
    }

    private static Sample sample(String name, byte[]... frames) {
        return new Sample(name, frames);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code length} bytes whose pattern depends on {@code seed}. */
    static byte[] patterned(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed * 7 + (i >>> 8));
        }
        return b;
    }

    private static byte[] everyByte() {
        byte[] b = new byte[256];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static byte[][] manyFrames(int count) {
        byte[][] frames = new byte[count][];
        for (int i = 0; i < count; i++) {
            frames[i] = patterned(i * 9, i);   // 0, 9, …, 567 bytes: crosses 255/256 and includes an empty frame
        }
        return frames;
    }
}
