package io.jzmtp.security;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A CURVE certificate: a public key, perhaps its secret key, and named metadata, stored as text in the ZPL layout
 * (ZeroMQ RFC 4) that CZMQ's {@code zcert} and pyzmq's {@code zmq.auth.create_certificates} use, so their files load
 * here unchanged and ours load there.
 *
 * <p>A certificate is kept as two files: the public one, safe to hand to peers, and the same name with
 * {@code _secret} appended, which also holds the secret key and is written readable by its owner only.
 *
 * <p>Instances are immutable, so one can be shared between threads (as {@link Authenticator} does);
 * {@link #withMetadata} returns a new certificate. {@link #toString()} never shows the secret key, and no error
 * message about a file quotes it.
 */
public final class Certificate {

    /** Characters besides ASCII letters and digits that a ZPL name may hold (RFC 4). */
    private static final String NAME_PUNCTUATION = "$-_@.&+/";
    /** ZAP carries metadata names in one length byte (RFC 27), so longer names cannot reach a peer. */
    private static final int MAX_NAME_LENGTH = 255;

    private final byte[] publicKey;
    private final byte[] secretKey;
    private final Map<String, String> metadata;

    private Certificate(byte[] publicKey, byte[] secretKey, Map<String, String> metadata) {
        this.publicKey = publicKey;
        this.secretKey = secretKey;
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    /** A certificate for a new random key pair, with no metadata. */
    public static Certificate generate() {
        return of(CurveKeyPair.generate());
    }

    /** A certificate holding both keys of {@code pair} (copied), with no metadata. */
    public static Certificate of(CurveKeyPair pair) {
        return new Certificate(pair.publicKey(), pair.secretKey(), new LinkedHashMap<>());
    }

    /**
     * A public-only certificate, e.g. for a client's key that a server should trust.
     *
     * @param publicKey 32 bytes, or 40 Z85 characters as bytes
     */
    public static Certificate ofPublicKey(byte[] publicKey) {
        return new Certificate(CurveKeyPair.key(publicKey, "public key"), null, new LinkedHashMap<>());
    }

    /**
     * Reads the certificate in {@code file}: a public file gives the public key only, a {@code _secret} file both
     * keys. Only the named file is read.
     *
     * @throws java.io.UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException     naming the file and the problem: no public key, a key that is not 40 Z85
     *                                      characters, a secret key that does not belong to the public key
     */
    public static Certificate load(Path file) {
        CertificateText.Parsed parsed = CertificateText.read(file);
        return new Certificate(parsed.publicKey(), parsed.secretKey(), parsed.metadata());
    }

    /**
     * Writes {@code publicFile} with the public key only and {@code publicFile_secret} with both keys, the latter
     * readable and writable by its owner only where the file system has POSIX permissions. Each file is written to a
     * temporary file in the same directory and renamed, so a reader never sees half a certificate.
     *
     * @throws IllegalStateException        if this certificate has no secret key (use {@link #savePublic})
     * @throws java.io.UncheckedIOException if a file cannot be written
     */
    public void save(Path publicFile) {
        requireSecret();
        savePublic(publicFile);
        saveSecret(publicFile.resolveSibling(publicFile.getFileName() + "_secret"));
    }

    /** Writes the public key and metadata, never the secret key, to {@code file}, replacing it. */
    public void savePublic(Path file) {
        CertificateText.write(file, CertificateText.format(this, false), false);
    }

    /**
     * Writes both keys and the metadata to {@code file}, replacing it, with owner-only permissions (rw-------) where
     * the file system has POSIX permissions.
     *
     * @throws IllegalStateException if this certificate has no secret key
     */
    public void saveSecret(Path file) {
        requireSecret();
        CertificateText.write(file, CertificateText.format(this, true), true);
    }

    private void requireSecret() {
        if (secretKey == null) {
            throw new IllegalStateException("certificate " + publicKeyZ85() + " has no secret key to save");
        }
    }

    /** The public key, 32 bytes (a copy). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The public key in Z85, 40 characters. */
    public String publicKeyZ85() {
        return Z85.encode(publicKey);
    }

    /** The secret key, 32 bytes (a copy the caller should zero when done), or empty for a public certificate. */
    public Optional<byte[]> secretKey() {
        return Optional.ofNullable(secretKey).map(byte[]::clone);
    }

    /** Whether this certificate holds its secret key. */
    public boolean hasSecretKey() {
        return secretKey != null;
    }

    /** Both keys as a pair (for a socket's CURVE options), or empty for a public certificate. */
    public Optional<CurveKeyPair> keyPair() {
        return Optional.ofNullable(secretKey).map(CurveKeyPair::fromSecretKey);
    }

    /** The same public key and metadata without the secret key: what {@link #savePublic} writes. */
    public Certificate publicOnly() {
        return secretKey == null ? this : new Certificate(publicKey, null, new LinkedHashMap<>(metadata));
    }

    /** The metadata, unmodifiable, in the order it was added or read. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * A copy of this certificate with {@code name} set to {@code value}; a new name goes last, an existing one keeps
     * its place. The name must be a ZPL name (ASCII letters, digits and {@code $-_@.&+/}, at most 255 characters);
     * the value any text without line breaks or control characters, and not both kinds of quote, since ZPL cannot
     * escape them.
     *
     * @throws IllegalArgumentException saying which rule the name or value breaks
     */
    public Certificate withMetadata(String name, String value) {
        checkName(name);
        checkValue(name, value);
        Map<String, String> copy = new LinkedHashMap<>(metadata);
        copy.put(name, value);
        return new Certificate(publicKey, secretKey, copy);
    }

    static void checkName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("metadata name must be 1 to 255 characters, not " + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || NAME_PUNCTUATION.indexOf(c) >= 0;
            if (!ok) {
                throw new IllegalArgumentException("metadata name '" + name + "' has '" + c
                        + "'; only ASCII letters, digits and " + NAME_PUNCTUATION + " are allowed");
            }
        }
    }

    private static void checkValue(String name, String value) {
        Objects.requireNonNull(value, "value");
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("metadata " + name + " has a line break or control character");
        }
        if (value.indexOf('"') >= 0 && value.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("metadata " + name
                    + " has both ' and \"; a certificate file can quote a value with only one of them");
        }
    }

    /** The secret key itself, for {@link CertificateText} only; never handed out uncopied. */
    byte[] secretKeyOrNull() {
        return secretKey;
    }

    /** Same keys (the secret compared in constant time) and the same metadata, in any order. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Certificate other)) {
            return false;
        }
        boolean sameSecret = secretKey == null ? other.secretKey == null
                : other.secretKey != null && MessageDigest.isEqual(secretKey, other.secretKey);
        return sameSecret && Arrays.equals(publicKey, other.publicKey) && metadata.equals(other.metadata);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    /** The public key, whether the secret key is held (never the key itself), and the metadata. */
    @Override
    public String toString() {
        return "Certificate[public=" + publicKeyZ85() + (secretKey == null ? "" : ", with secret key")
                + (metadata.isEmpty() ? "" : ", metadata=" + metadata) + "]";
    }
}
