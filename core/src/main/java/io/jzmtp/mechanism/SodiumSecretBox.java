package io.jzmtp.mechanism;

import com.sun.jna.Pointer;

/**
 * {@link SecretBox} through libsodium ({@link Libsodium}) for large bodies, {@link JavaSecretBox} for the rest and for
 * arrays not at offset 0 (JNA passes whole arrays). libsodium's {@code crypto_secretbox_easy} writes MAC then
 * ciphertext, the layout CurveZMQ carries, so both give the same bytes.
 */
final class SodiumSecretBox implements SecretBox {

    private final byte[] key;
    private final byte[] nonce = new byte[24];
    private final JavaSecretBox small;

    SodiumSecretBox(byte[] key, byte[] noncePrefix, JavaSecretBox small) {
        this.key = key.clone();
        System.arraycopy(noncePrefix, 0, nonce, 0, 16);
        this.small = small;
    }

    @Override
    public void seal(byte[] suffix, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        if (length < NATIVE_FROM || inOffset != 0 || outOffset != 0) {
            small.seal(suffix, in, inOffset, length, out, outOffset);
            return;
        }
        System.arraycopy(suffix, 0, nonce, 16, 8);
        if (Libsodium.crypto_secretbox_easy(out, in, length, nonce, key) != 0) {
            throw new IllegalStateException("libsodium's crypto_secretbox_easy failed");
        }
    }

    /**
     * Seals in place in native memory: {@code address} is 16 free bytes (for the MAC) followed by {@code length} bytes
     * of plain text, which become the ciphertext. For frames whose bytes are already in a direct buffer.
     */
    void sealInPlace(byte[] suffix, long address, int length) {
        System.arraycopy(suffix, 0, nonce, 16, 8);
        if (Libsodium.crypto_secretbox_easy(new Pointer(address), new Pointer(address + MAC_SIZE), length, nonce,
                key) != 0) {
            throw new IllegalStateException("libsodium's crypto_secretbox_easy failed");
        }
    }

    /**
     * Opens a box of {@code length} bytes (MAC first) at {@code from} into {@code length - 16} bytes at {@code to},
     * both native memory; false if it does not open.
     */
    boolean openTo(byte[] suffix, long from, int length, long to) {
        System.arraycopy(suffix, 0, nonce, 16, 8);
        return Libsodium.crypto_secretbox_open_easy(new Pointer(to), new Pointer(from), length, nonce, key) == 0;
    }

    @Override
    public boolean open(byte[] suffix, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        if (length - MAC_SIZE < NATIVE_FROM || inOffset != 0 || outOffset != 0) {
            return small.open(suffix, in, inOffset, length, out, outOffset);
        }
        System.arraycopy(suffix, 0, nonce, 16, 8);
        return Libsodium.crypto_secretbox_open_easy(out, in, length, nonce, key) == 0;
    }
}
