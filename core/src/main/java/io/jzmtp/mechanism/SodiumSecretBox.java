package io.jzmtp.mechanism;

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

    @Override
    public boolean open(byte[] suffix, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        if (length - MAC_SIZE < NATIVE_FROM || inOffset != 0 || outOffset != 0) {
            return small.open(suffix, in, inOffset, length, out, outOffset);
        }
        System.arraycopy(suffix, 0, nonce, 16, 8);
        return Libsodium.crypto_secretbox_open_easy(out, in, length, nonce, key) == 0;
    }
}
