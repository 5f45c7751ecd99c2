package io.jzmtp.mechanism;

import java.util.Arrays;

/**
 * NaCl's {@code crypto_secretbox} (XSalsa20-Poly1305) for the nonces that share one 16-byte prefix, which is how
 * CurveZMQ uses it: every nonce of one command kind and direction is {@code "CurveZMQMESSAGEC"} (say) plus an 8-byte
 * counter. A box is MAC (16 bytes) then ciphertext, as CurveZMQ carries it (NaCl's zero padding left out). One instance
 * per direction of a connection; not thread-safe.
 *
 * <p>{@link #create} picks the implementation: {@link JavaSecretBox} (BouncyCastle's primitives, always there), and,
 * for bodies of {@link #NATIVE_FROM} bytes and more, {@link SodiumSecretBox} when libsodium loads (five times the
 * speed on large frames; a native call costs more than Java's whole box on small ones). Both give the same bytes.
 */
interface SecretBox {

    /** Bytes a box adds to what it carries. */
    int MAC_SIZE = 16;
    /** The body size from which libsodium, when present, does the work. */
    int NATIVE_FROM = 1024;

    /**
     * Seals {@code length} bytes of {@code in} under the nonce whose last 8 bytes are {@code suffix}, writing
     * {@code MAC_SIZE + length} bytes to {@code out} (the ranges must not overlap).
     */
    void seal(byte[] suffix, byte[] in, int inOffset, int length, byte[] out, int outOffset);

    /**
     * Opens a box of {@code length} bytes (MAC included) from {@code in}, writing {@code length - MAC_SIZE} bytes of
     * plain text to {@code out}; returns false if the box was not sealed under this key and nonce.
     */
    boolean open(byte[] suffix, byte[] in, int inOffset, int length, byte[] out, int outOffset);

    /** A box under {@code key} (32 bytes) for nonces that start with {@code noncePrefix} (16 bytes). */
    static SecretBox create(byte[] key, byte[] noncePrefix) {
        JavaSecretBox java = new JavaSecretBox(key, noncePrefix);
        return Libsodium.isAvailable() ? new SodiumSecretBox(key, noncePrefix, java) : java;
    }

    /** Seals a whole array under the full 24-byte {@code nonce} (handshake commands, each sealed once). */
    static byte[] seal(byte[] key, byte[] nonce, byte[] plain) {
        byte[] box = new byte[MAC_SIZE + plain.length];
        new JavaSecretBox(key, Arrays.copyOf(nonce, 16)).seal(Arrays.copyOfRange(nonce, 16, 24), plain, 0,
                plain.length, box, 0);
        return box;
    }

    /** Opens a whole box under the full 24-byte {@code nonce}, or returns {@code null} if it does not open. */
    static byte[] open(byte[] key, byte[] nonce, byte[] box, int offset, int length) {
        if (length < MAC_SIZE) {
            return null;
        }
        byte[] plain = new byte[length - MAC_SIZE];
        boolean ok = new JavaSecretBox(key, Arrays.copyOf(nonce, 16)).open(Arrays.copyOfRange(nonce, 16, 24), box,
                offset, length, plain, 0);
        return ok ? plain : null;
    }
}
