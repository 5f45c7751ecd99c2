package io.jzmtp.security;

import org.bouncycastle.math.ec.rfc7748.X25519;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A CURVE (Curve25519) key pair: 32-byte public and secret keys, usable as raw bytes or as 40-character Z85 text, the
 * form libzmq's {@code zmq_curve_keypair}, pyzmq and CZMQ certificates use. {@link #toString()} shows the public key
 * only; {@link #destroy()} zeroes the secret.
 */
public final class CurveKeyPair {

    /** Bytes of a CURVE key. */
    public static final int KEY_SIZE = 32;
    /** Characters of a CURVE key in Z85. */
    public static final int KEY_SIZE_Z85 = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] publicKey;
    private final byte[] secretKey;

    private CurveKeyPair(byte[] publicKey, byte[] secretKey) {
        this.publicKey = publicKey;
        this.secretKey = secretKey;
    }

    /** A new random key pair. */
    public static CurveKeyPair generate() {
        byte[] secret = new byte[KEY_SIZE];
        X25519.generatePrivateKey(RANDOM, secret);
        return fromSecretKey(secret);
    }

    /** The pair of {@code secretKey} (32 bytes or 40 Z85 characters as bytes); its public key is derived. */
    public static CurveKeyPair fromSecretKey(byte[] secretKey) {
        byte[] secret = key(secretKey, "secret key");
        byte[] pub = new byte[KEY_SIZE];
        X25519.scalarMultBase(secret, 0, pub, 0);
        return new CurveKeyPair(pub, secret);
    }

    /** The pair of a secret key in Z85 text. */
    public static CurveKeyPair fromSecretKey(String secretKeyZ85) {
        return fromSecretKey(decodeKey(checkZ85(secretKeyZ85, "secret key"), "secret key"));
    }

    /** The public key of {@code secretKey} (32 bytes or 40 Z85 characters as bytes). */
    public static byte[] publicKeyOf(byte[] secretKey) {
        return fromSecretKey(secretKey).publicKey();
    }

    /**
     * A CURVE key as 32 bytes, from 32 raw bytes, 40 Z85 characters, or 41 bytes of Z85 ending in NUL (as libzmq's
     * options take it).
     *
     * @param what names the key in the error, e.g. {@code "CURVE_SERVERKEY"}
     * @throws IllegalArgumentException saying what length was given and what is accepted
     */
    public static byte[] key(byte[] value, String what) {
        if (value.length == KEY_SIZE) {
            return value.clone();
        }
        if (value.length == KEY_SIZE_Z85 || value.length == KEY_SIZE_Z85 + 1 && value[KEY_SIZE_Z85] == 0) {
            char[] text = new char[KEY_SIZE_Z85];
            for (int i = 0; i < KEY_SIZE_Z85; i++) {
                text[i] = (char) (value[i] & 0xff);
            }
            return decodeKey(new String(text), what);
        }
        throw new IllegalArgumentException(what + " must be 32 bytes or 40 Z85 characters, not " + value.length
                + (value.length == 1 ? " byte" : " bytes"));
    }

    /** A CURVE key from its 40-character Z85 text. */
    public static byte[] key(String z85, String what) {
        return decodeKey(checkZ85(z85, what), what);
    }

    /** Decodes a 40-character key; the error does not quote the text (Z85's would), since it may be a secret. */
    private static byte[] decodeKey(String z85, String what) {
        try {
            return Z85.decode(z85);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is 40 characters but not valid Z85");
        }
    }

    private static String checkZ85(String z85, String what) {
        if (z85.length() != KEY_SIZE_Z85) {
            throw new IllegalArgumentException(what + " in Z85 must be 40 characters, not " + z85.length());
        }
        return z85;
    }

    /** The public key, 32 bytes (a copy). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The secret key, 32 bytes (a copy: the caller should zero it when done). */
    public byte[] secretKey() {
        return secretKey.clone();
    }

    /** The public key in Z85. */
    public String publicKeyZ85() {
        return Z85.encode(publicKey);
    }

    /** The secret key in Z85. */
    public String secretKeyZ85() {
        return Z85.encode(secretKey);
    }

    /** Zeroes the secret key held here; the pair is unusable for secrets afterwards. */
    public void destroy() {
        Arrays.fill(secretKey, (byte) 0);
    }

    /** Shows the public key only, never the secret. */
    @Override
    public String toString() {
        return "CurveKeyPair[public=" + publicKeyZ85() + "]";
    }
}
