package org.zeromq;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;

import org.zeromq.util.ZMetadata;

/**
 * A CURVE certificate: a public key, perhaps its secret key, and metadata, saved as CZMQ's ZPL certificate files
 * (a {@code metadata} section of {@code name = "value"} lines and a {@code curve} section with {@code public-key} and,
 * in the secret file, {@code secret-key}), which {@link ZCertStore}, CZMQ and jzmtp's
 * {@code io.jzmtp.security.Certificate} read. Not thread-safe.
 *
 * <p>Differs from JeroMQ: the key getters return copies; for a public-only certificate {@link #apply} leaves the
 * secret key option alone and {@code saveSecret} throws {@link IllegalStateException} (JeroMQ writes a file with an
 * empty {@code secret-key} node).
 */
public class ZCert {

    private final byte[] publicKey;
    private final byte[] secretKey;
    private final ZMetadata metadata = new ZMetadata();

    /** A certificate for a new random key pair. */
    public ZCert() {
        this(ZMQ.Curve.generateKeyPair());
    }

    /** A public-only certificate for {@code publicKey}, 40 Z85 characters. */
    public ZCert(String publicKey) {
        this(publicKey, null);
    }

    /** A certificate holding both keys of {@code keypair}. */
    public ZCert(ZMQ.Curve.KeyPair keypair) {
        this(keypair.publicKey, keypair.secretKey);
    }

    /**
     * A certificate for 32-byte keys; {@code secretKey} may be null for a public-only one.
     *
     * @throws IllegalArgumentException when the public key is missing or a key is not 32 bytes
     */
    public ZCert(byte[] publicKey, byte[] secretKey) {
        this.publicKey = checked(publicKey == null ? null : publicKey.clone(), "Public");
        this.secretKey = secretKey == null ? null : checked(secretKey.clone(), "Secret");
    }

    /**
     * A certificate for keys in Z85 (40 characters); {@code secretKey} may be null for a public-only one.
     *
     * @throws IllegalArgumentException when the public key is missing or a key is not 40 Z85 characters
     */
    public ZCert(String publicKey, String secretKey) {
        this.publicKey = checked(decode(publicKey, "Public"), "Public");
        this.secretKey = secretKey == null ? null : checked(decode(secretKey, "Secret"), "Secret");
    }

    private static byte[] decode(String key, String which) {
        if (key == null) {
            throw new IllegalArgumentException("Public key has to be provided for a ZCert");
        }
        if (key.length() != ZMQ.Curve.KEY_SIZE_Z85) {
            throw new IllegalArgumentException(which + " key shall have a size of " + ZMQ.Curve.KEY_SIZE_Z85);
        }
        byte[] bytes = ZMQ.Curve.z85Decode(key);
        if (bytes == null) {
            throw new IllegalArgumentException(which + " key is not valid Z85");
        }
        return bytes;
    }

    private static byte[] checked(byte[] key, String which) {
        if (key == null) {
            throw new IllegalArgumentException("Public key has to be provided for a ZCert");
        }
        if (key.length != ZMQ.Curve.KEY_SIZE) {
            throw new IllegalArgumentException(which + " key shall have a size of " + ZMQ.Curve.KEY_SIZE);
        }
        return key;
    }

    /** The public key, 32 bytes (a copy). */
    public byte[] getPublicKey() {
        return publicKey.clone();
    }

    /** The secret key, 32 bytes (a copy), or null for a public-only certificate. */
    public byte[] getSecretKey() {
        return secretKey == null ? null : secretKey.clone();
    }

    /** The public key in Z85 (40 characters). */
    public String getPublicKeyAsZ85() {
        return ZMQ.Curve.z85Encode(publicKey);
    }

    /** The secret key in Z85, or null for a public-only certificate. */
    public String getSecretKeyAsZ85() {
        return secretKey == null ? null : ZMQ.Curve.z85Encode(secretKey);
    }

    /** Sets {@code socket}'s CURVE public key and, when this certificate holds it, its secret key. */
    public void apply(ZMQ.Socket socket) {
        socket.setCurvePublicKey(publicKey);
        if (secretKey != null) {
            socket.setCurveSecretKey(secretKey);
        }
    }

    /** The metadata, live: changes show in later saves. */
    public ZMetadata getMetadata() {
        return metadata;
    }

    /** Sets metadata {@code key}, saved with the certificate; a null value is stored as "". */
    public void setMeta(String key, String value) {
        metadata.set(key, value);
    }

    /** Removes metadata {@code key}. */
    public void unsetMeta(String key) {
        metadata.remove(key);
    }

    /** The value of metadata {@code key}, or null. */
    public String getMeta(String key) {
        return metadata.get(key);
    }

    /** Writes the public certificate (never the secret key) to {@code filename}; returns the file. */
    public File savePublic(String filename) throws IOException {
        return publicConfig().save(filename);
    }

    /** Writes the public certificate (never the secret key) to {@code writer}; does not close it. */
    public void savePublic(Writer writer) throws IOException {
        publicConfig().save(writer);
    }

    /** Writes the secret certificate (both keys) to {@code filename}; returns the file. Keep it private. */
    public File saveSecret(String filename) throws IOException {
        return secretConfig().save(filename);
    }

    /**
     * Writes the secret certificate (both keys) to {@code writer}, not closing it; {@link IllegalStateException}
     * without a secret key.
     */
    public void saveSecret(Writer writer) throws IOException {
        secretConfig().save(writer);
    }

    // The header lines are those CZMQ and JeroMQ put in certificate files, so that files look alike.
    private ZConfig publicConfig() {
        ZConfig conf = header();
        conf.addComment("   ZeroMQ CURVE Public Certificate");
        conf.addComment("   Exchange securely, or use a secure mechanism to verify the contents");
        conf.addComment("   of this file after exchange. Store public certificates in your home");
        conf.addComment("   directory, in the .curve subdirectory.");
        conf.putValue("/curve/public-key", getPublicKeyAsZ85());
        return conf;
    }

    private ZConfig secretConfig() {
        if (secretKey == null) {
            throw new IllegalStateException("certificate " + getPublicKeyAsZ85() + " has no secret key to save");
        }
        ZConfig conf = header();
        conf.addComment("   ZeroMQ CURVE **Secret** Certificate");
        conf.addComment("   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.");
        conf.putValue("/curve/public-key", getPublicKeyAsZ85());
        conf.putValue("/curve/secret-key", getSecretKeyAsZ85());
        return conf;
    }

    private ZConfig header() {
        ZConfig conf = new ZConfig("root", null);
        String now = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ssZ", Locale.ENGLISH).format(new Date());
        conf.addComment("** Generated on " + now + " by ZCert **");
        metadata.entrySet().forEach(e -> conf.putValue("metadata/" + e.getKey(), e.getValue()));
        return conf;
    }
}
