package io.jzmtp.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fragmentations every codec input is fed in (STYLE.md, Tests): whole, one byte at a time, and split in two at
 * every offset.
 */
public final class Splits {

    /** One way of cutting the input into reads. */
    public record Split(String name, List<byte[]> chunks) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Splits() {
    }

    /** Whole, byte by byte, and every two-part split of {@code input}. */
    public static List<Split> of(byte[] input) {
        List<Split> all = new ArrayList<>();
        all.add(new Split("whole", List.of(input.clone())));
        List<byte[]> bytes = new ArrayList<>(input.length);
        for (byte b : input) {
            bytes.add(new byte[] {b});
        }
        all.add(new Split("byte-by-byte", bytes));
        for (int at = 1; at < input.length; at++) {
            all.add(new Split("split@" + at,
                    List.of(Arrays.copyOfRange(input, 0, at), Arrays.copyOfRange(input, at, input.length))));
        }
        return all;
    }
}
