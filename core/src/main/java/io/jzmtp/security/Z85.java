package io.jzmtp.security;

import java.util.Arrays;

/**
 * Z85 (RFC 32): the text form of CURVE keys. Every 4 bytes, read big-endian, become 5 characters from an
 * 85-character alphabet, most significant first; a 32-byte key is 40 characters.
 */
public final class Z85 {

    private static final String ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUES[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private Z85() {
    }

    /**
     * Encodes {@code data}, whose length must be a multiple of 4.
     *
     * @throws IllegalArgumentException if it is not
     */
    public static String encode(byte[] data) {
        if (data.length % 4 != 0) {
            throw new IllegalArgumentException("Z85 encodes whole 4-byte groups; " + data.length
                    + " bytes is not a multiple of 4");
        }
        char[] out = new char[data.length / 4 * 5];
        for (int i = 0, o = 0; i < data.length; i += 4, o += 5) {
            long group = ((data[i] & 0xffL) << 24) | ((data[i + 1] & 0xff) << 16) | ((data[i + 2] & 0xff) << 8)
                    | (data[i + 3] & 0xff);
            for (int k = 4; k >= 0; k--) {
                out[o + k] = ALPHABET.charAt((int) (group % 85));
                group /= 85;
            }
        }
        return new String(out);
    }

    /**
     * Decodes {@code text}, whose length must be a multiple of 5, every character from the Z85 alphabet.
     *
     * @throws IllegalArgumentException naming the first problem found
     */
    public static byte[] decode(CharSequence text) {
        if (text.length() % 5 != 0) {
            throw new IllegalArgumentException("Z85 text comes in 5-character groups; " + text.length()
                    + " characters is not a multiple of 5");
        }
        byte[] out = new byte[text.length() / 5 * 4];
        for (int i = 0, o = 0; i < text.length(); i += 5, o += 4) {
            long group = 0;
            for (int k = 0; k < 5; k++) {
                group = group * 85 + value(text.charAt(i + k), i + k);
            }
            if (group > 0xffffffffL) {
                throw new IllegalArgumentException("Z85 group at position " + i + " is larger than 4 bytes");
            }
            out[o] = (byte) (group >>> 24);
            out[o + 1] = (byte) (group >>> 16);
            out[o + 2] = (byte) (group >>> 8);
            out[o + 3] = (byte) group;
        }
        return out;
    }

    private static int value(char c, int position) {
        int v = c < 128 ? VALUES[c] : -1;
        if (v < 0) {
            throw new IllegalArgumentException("'" + c + "' at position " + position + " is not a Z85 character");
        }
        return v;
    }
}
