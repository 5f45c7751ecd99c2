package io.jzmtp.mechanism;

import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * NaCl's {@code crypto_secretbox} (XSalsa20-Poly1305) for the nonces that share one 16-byte prefix, which is how
 * CurveZMQ uses it: every nonce of one command kind and direction is {@code "CurveZMQMESSAGEC"} (say) plus an 8-byte
 * counter. XSalsa20 with such a nonce is Salsa20 under HSalsa20(key, prefix) with the counter as its nonce, so the
 * HSalsa20 step is done once here rather than once per message.
 *
 * <p>A box is MAC (16 bytes) then ciphertext, as CurveZMQ carries it (NaCl's zero padding left out). One instance per
 * direction of a connection; not thread-safe.
 */
final class SecretBox {

    /** Bytes a box adds to what it carries. */
    static final int MAC_SIZE = 16;
    private static final byte[] ZEROS = new byte[32];

    private final Salsa20Engine salsa = new Salsa20Engine();
    private final Poly1305 poly = new Poly1305();
    private final byte[] polyKey = new byte[32];
    private final byte[] mac = new byte[MAC_SIZE];

    /** A box under {@code key} (32 bytes) for nonces that start with {@code noncePrefix} (16 bytes). */
    SecretBox(byte[] key, byte[] noncePrefix) {
        byte[] subkey = NaclBox.hsalsa20(key, noncePrefix);
        salsa.init(true, new ParametersWithIV(new KeyParameter(subkey), new byte[8]));
        Arrays.fill(subkey, (byte) 0);
    }

    /** A box for one full 24-byte nonce (handshake commands, each sealed once). */
    static SecretBox forNonce(byte[] key, byte[] nonce) {
        return new SecretBox(key, Arrays.copyOf(nonce, 16));
    }

    /**
     * Seals {@code length} bytes of {@code in} under the nonce whose last 8 bytes are {@code suffix}, writing
     * {@code MAC_SIZE + length} bytes to {@code out} ({@code in} and {@code out} may be the same array only if the
     * ranges do not overlap).
     */
    void seal(byte[] suffix, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        startKeyStream(suffix);
        salsa.processBytes(in, inOffset, length, out, outOffset + MAC_SIZE);
        poly.update(out, outOffset + MAC_SIZE, length);
        poly.doFinal(out, outOffset);
    }

    /** Seals a whole array under the full 24-byte {@code nonce} (handshake commands). */
    static byte[] seal(byte[] key, byte[] nonce, byte[] plain) {
        byte[] box = new byte[MAC_SIZE + plain.length];
        forNonce(key, nonce).seal(Arrays.copyOfRange(nonce, 16, 24), plain, 0, plain.length, box, 0);
        return box;
    }

    /**
     * Opens a box of {@code length} bytes (MAC included) from {@code in}, writing {@code length - MAC_SIZE} bytes of
     * plain text to {@code out}; returns false, writing nothing, if the box was not sealed under this key and nonce.
     */
    boolean open(byte[] suffix, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        if (length < MAC_SIZE) {
            return false;
        }
        startKeyStream(suffix);
        poly.update(in, inOffset + MAC_SIZE, length - MAC_SIZE);
        poly.doFinal(mac, 0);
        if (!MessageDigest.isEqual(mac, Arrays.copyOfRange(in, inOffset, inOffset + MAC_SIZE))) {
            return false;
        }
        salsa.processBytes(in, inOffset + MAC_SIZE, length - MAC_SIZE, out, outOffset);
        return true;
    }

    /** Opens a whole box under the full 24-byte {@code nonce}, or returns {@code null} if it does not open. */
    static byte[] open(byte[] key, byte[] nonce, byte[] box, int offset, int length) {
        if (length < MAC_SIZE) {
            return null;
        }
        byte[] plain = new byte[length - MAC_SIZE];
        boolean ok = forNonce(key, nonce).open(Arrays.copyOfRange(nonce, 16, 24), box, offset, length, plain, 0);
        return ok ? plain : null;
    }

    /** Sets the nonce; the first 32 bytes of key stream become the Poly1305 key, the rest encrypts. */
    private void startKeyStream(byte[] suffix) {
        salsa.init(true, new ParametersWithIV(null, suffix));
        salsa.processBytes(ZEROS, 0, 32, polyKey, 0);
        poly.init(new KeyParameter(polyKey));
    }
}
