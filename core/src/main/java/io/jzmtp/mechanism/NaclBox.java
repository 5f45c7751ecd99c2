package io.jzmtp.mechanism;

import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.math.ec.rfc7748.X25519;

import java.util.Arrays;
/**
 * NaCl's {@code crypto_box} key agreement, built from BouncyCastle's primitives (CurveZMQ, RFC 26): X25519 gives the
 * shared point and HSalsa20 turns it into the key of an XSalsa20-Poly1305 {@link SecretBox}, as
 * {@code crypto_box_beforenm} does. HSalsa20 is BouncyCastle's Salsa20 core without its final addition.
 */
final class NaclBox {

    /** Bytes of a Curve25519 key, public or secret. */
    static final int KEY_SIZE = 32;
    private static final int[] OUTPUT_WORDS = {0, 5, 10, 15, 6, 7, 8, 9};

    private NaclBox() {
    }

    /**
     * The key two parties share, each from its secret key and the other's public key ({@code crypto_box_beforenm}).
     *
     * @throws ZmtpProtocolException if the public key is a low-order point, which would make the key all zero
     */
    static byte[] sharedKey(byte[] secretKey, byte[] publicKey) {
        byte[] point = new byte[KEY_SIZE];
        if (!X25519.calculateAgreement(secretKey, 0, publicKey, 0, point, 0)) {
            throw new ZmtpProtocolException(ZmtpError.AUTHENTICATION_FAILED,
                    "the peer's CURVE public key is a low-order point");
        }
        try {
            return hsalsa20(point, new byte[16]);
        } finally {
            Arrays.fill(point, (byte) 0);
        }
    }

    /** The public key of {@code secretKey} (X25519 with the base point). */
    static byte[] publicKey(byte[] secretKey) {
        byte[] pub = new byte[KEY_SIZE];
        X25519.scalarMultBase(secretKey, 0, pub, 0);
        return pub;
    }

    /** HSalsa20 of a 32-byte key and a 16-byte input: the Salsa20 core's diagonal and input words, unmixed. */
    static byte[] hsalsa20(byte[] key, byte[] input) {
        int[] state = new int[16];
        Salsa20Stream.keyState(key, state);
        for (int i = 0; i < 4; i++) {
            state[6 + i] = Salsa20Stream.littleEndian(input, i * 4);
        }
        int[] mixed = new int[16];
        Salsa20Engine.salsaCore(20, state, mixed);
        byte[] out = new byte[KEY_SIZE];
        for (int i = 0; i < OUTPUT_WORDS.length; i++) {
            int w = OUTPUT_WORDS[i];
            int word = mixed[w] - state[w];   // the core adds its input back; HSalsa20 does not
            out[i * 4] = (byte) word;
            out[i * 4 + 1] = (byte) (word >>> 8);
            out[i * 4 + 2] = (byte) (word >>> 16);
            out[i * 4 + 3] = (byte) (word >>> 24);
        }
        Arrays.fill(state, 0);
        Arrays.fill(mixed, 0);
        return out;
    }
}
