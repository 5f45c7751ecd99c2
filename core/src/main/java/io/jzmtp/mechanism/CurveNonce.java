package io.jzmtp.mechanism;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The 24-byte nonces of CurveZMQ (RFC 26, ZMTP.md §13.3): a 16-byte ASCII prefix and an 8-byte big-endian counter
 * ("short nonce"), or an 8-byte prefix and 16 random bytes ("long nonce").
 */
final class CurveNonce {

    static final byte[] HELLO = prefix("CurveZMQHELLO---");
    static final byte[] INITIATE = prefix("CurveZMQINITIATE");
    static final byte[] READY = prefix("CurveZMQREADY---");
    static final byte[] MESSAGE_FROM_CLIENT = prefix("CurveZMQMESSAGEC");
    static final byte[] MESSAGE_FROM_SERVER = prefix("CurveZMQMESSAGES");
    static final byte[] WELCOME = prefix("WELCOME-");
    static final byte[] COOKIE = prefix("COOKIE--");
    static final byte[] VOUCH = prefix("VOUCH---");
    /** Bytes of the random part of a long nonce. */
    static final int LONG_SIZE = 16;
    /** Bytes of a short nonce's counter. */
    static final int SHORT_SIZE = 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private CurveNonce() {
    }

    private static byte[] prefix(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A 16-byte prefix and {@code counter} as 8 bytes, big-endian. */
    static byte[] shortNonce(byte[] prefix, long counter) {
        byte[] n = new byte[24];
        System.arraycopy(prefix, 0, n, 0, 16);
        putLong(n, 16, counter);
        return n;
    }

    /** An 8-byte prefix and the 16 bytes of {@code data} at {@code offset}. */
    static byte[] longNonce(byte[] prefix, byte[] data, int offset) {
        byte[] n = new byte[24];
        System.arraycopy(prefix, 0, n, 0, 8);
        System.arraycopy(data, offset, n, 8, LONG_SIZE);
        return n;
    }

    /** {@code size} random bytes. */
    static byte[] random(int size) {
        byte[] b = new byte[size];
        RANDOM.nextBytes(b);
        return b;
    }

    static void putLong(byte[] b, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            b[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    static long getLong(byte[] b, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[offset + i] & 0xff);
        }
        return v;
    }
}
