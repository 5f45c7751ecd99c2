package io.jzmtp.mechanism;

import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * {@link SecretBox} in Java, from BouncyCastle's primitives. XSalsa20 with a nonce of a fixed 16-byte prefix is
 * Salsa20 under HSalsa20(key, prefix) with the last 8 bytes as its nonce, so the HSalsa20 step is done once here
 * rather than once per message; the Salsa20 stream is {@link Salsa20Stream}, the MAC BouncyCastle's Poly1305.
 */
final class JavaSecretBox implements SecretBox {

    private static final byte[] ZEROS = new byte[32];

    private final Salsa20Stream salsa;
    private final Poly1305 poly = new Poly1305();
    private final byte[] polyKey = new byte[32];
    private final byte[] mac = new byte[MAC_SIZE];

    /** A box under {@code key} (32 bytes) for nonces that start with {@code noncePrefix} (16 bytes). */
    JavaSecretBox(byte[] key, byte[] noncePrefix) {
        byte[] subkey = NaclBox.hsalsa20(key, noncePrefix);
        salsa = new Salsa20Stream(subkey);
        Arrays.fill(subkey, (byte) 0);
    }

    @Override
    public void seal(byte[] suffix, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        salsa.crypt(suffix, polyKey, in, inOffset, length, out, outOffset + MAC_SIZE);
        poly.init(new KeyParameter(polyKey));
        poly.update(out, outOffset + MAC_SIZE, length);
        poly.doFinal(out, outOffset);
    }

    @Override
    public boolean open(byte[] suffix, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        if (length < MAC_SIZE) {
            return false;
        }
        salsa.crypt(suffix, polyKey, ZEROS, 0, 0, ZEROS, 0);   // the Poly1305 key only
        poly.init(new KeyParameter(polyKey));
        poly.update(in, inOffset + MAC_SIZE, length - MAC_SIZE);
        poly.doFinal(mac, 0);
        if (!MessageDigest.isEqual(mac, Arrays.copyOfRange(in, inOffset, inOffset + MAC_SIZE))) {
            return false;
        }
        salsa.crypt(suffix, polyKey, in, inOffset + MAC_SIZE, length - MAC_SIZE, out, outOffset);
        return true;
    }
}
