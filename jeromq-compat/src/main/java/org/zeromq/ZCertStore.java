package org.zeromq;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.zeromq.util.ZMetadata;

/**
 * A directory of CURVE certificates (CZMQ's certificate store): every file below it that holds a
 * {@code curve/public-key} contributes that key and its {@code metadata} section. Each look-up first checks, by the
 * {@link Fingerprinter} of every file and directory, whether the directory changed, and reloads it if so; so
 * certificates added or removed while a {@link ZAuth} runs take effect at the next handshake. Thread-safe.
 *
 * <p>Differs from JeroMQ: a file that is not ZPL is skipped instead of failing the whole load, and a missing
 * directory is created as in JeroMQ but an unreadable one just holds no keys.
 */
public class ZCertStore {

    /** What tells whether a file or directory changed since the last scan: any bytes that change when it does. */
    public interface Fingerprinter {
        /** The fingerprint of {@code path}, or null if it cannot be read. */
        byte[] print(File path);
    }

    /** Fingerprints by last-modified time: cheap, but blind to changes within the file system's time resolution. */
    public static final class Timestamper implements Fingerprinter {
        @Override
        public byte[] print(File path) {
            return ByteBuffer.allocate(Long.BYTES).putLong(path.lastModified()).array();
        }
    }

    /** Fingerprints by content: a SHA-1 of a file's bytes, or of a directory's sorted list of names. */
    public static final class Hasher implements Fingerprinter {
        @Override
        public byte[] print(File path) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-1");
                if (path.isFile()) {
                    try (InputStream in = Files.newInputStream(path.toPath())) {
                        byte[] buffer = new byte[8192];
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            digest.update(buffer, 0, n);
                        }
                    }
                } else if (path.isDirectory()) {
                    String[] names = path.list();
                    if (names == null) {
                        return null;
                    }
                    Arrays.sort(names);
                    digest.update(Arrays.toString(names).getBytes(StandardCharsets.UTF_8));
                } else {
                    return null;
                }
                return digest.digest();
            } catch (IOException | UncheckedIOException e) {
                return null;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-1", e);
            }
        }
    }

    private final File location;
    private final Fingerprinter fingerprinter;
    private final Map<File, byte[]> fingerprints = new HashMap<>();
    private final Map<String, ZMetadata> publicKeys = new HashMap<>();

    /** A store over the directory {@code location} (created if missing), fingerprinted by {@link Timestamper}. */
    public ZCertStore(String location) {
        this(location, new Timestamper());
    }

    /** A store over the directory {@code location} (created if missing), fingerprinted by {@code fingerprinter}. */
    public ZCertStore(String location, Fingerprinter fingerprinter) {
        this.location = new File(location);
        this.fingerprinter = fingerprinter;
        synchronized (this) {
            load();
        }
    }

    /**
     * Whether a certificate in the store has the 32-byte {@code publicKey}.
     *
     * @throws IllegalArgumentException if the key is not 32 bytes
     */
    public boolean containsPublicKey(byte[] publicKey) {
        if (publicKey.length != ZMQ.Curve.KEY_SIZE) {
            throw new IllegalArgumentException("publickey needs to have a size of 32 bytes. got only "
                    + publicKey.length);
        }
        return containsPublicKey(ZMQ.Curve.z85Encode(publicKey));
    }

    /**
     * Whether a certificate in the store has the Z85 {@code publicKey}; rescans the directory first.
     *
     * @throws IllegalArgumentException if the key is not 40 characters
     */
    public synchronized boolean containsPublicKey(String publicKey) {
        if (publicKey.length() != ZMQ.Curve.KEY_SIZE_Z85) {
            throw new IllegalArgumentException("z85 publickeys should have a length of 40 bytes but got "
                    + publicKey.length());
        }
        reloadIfChanged();
        return publicKeys.containsKey(publicKey);
    }

    /** The metadata of the certificate with the Z85 {@code publicKey}; null if unknown or it has no metadata. */
    public synchronized ZMetadata getMetadata(String publicKey) {
        reloadIfChanged();
        return publicKeys.get(publicKey);
    }

    private void reloadIfChanged() {
        Map<File, byte[]> seen = new HashMap<>();
        scan(location, seen);
        if (seen.size() != fingerprints.size() || seen.entrySet().stream()
                .anyMatch(e -> !fingerprints.containsKey(e.getKey())
                        || !Arrays.equals(e.getValue(), fingerprints.get(e.getKey())))) {
            load();
        }
    }

    /** Fingerprints every directory and file under {@code dir}. */
    private void scan(File dir, Map<File, byte[]> into) {
        into.put(dir, fingerprinter.print(dir));
        File[] entries = dir.listFiles();
        if (entries == null) {
            return;
        }
        for (File entry : entries) {
            if (entry.isDirectory()) {
                scan(entry, into);
            } else if (entry.isFile()) {
                into.put(entry, fingerprinter.print(entry));
            }
        }
    }

    private void load() {
        if (!location.exists()) {
            location.mkdirs();
        }
        Map<File, byte[]> seen = new HashMap<>();
        scan(location, seen);
        Map<String, ZMetadata> keys = new HashMap<>();
        for (File file : seen.keySet()) {
            if (file.isFile()) {
                readCertificate(file, keys);
            }
        }
        publicKeys.clear();
        publicKeys.putAll(keys);
        fingerprints.clear();
        fingerprints.putAll(seen);
    }

    private static void readCertificate(File file, Map<String, ZMetadata> keys) {
        ZConfig conf;
        try {
            conf = ZConfig.load(file.getAbsolutePath());
        } catch (IOException | UncheckedIOException | ZConfig.ReadException e) {
            return;   // not a certificate: other files may share the directory
        }
        String publicKey = conf.getValue("curve/public-key");
        if (publicKey == null) {
            return;
        }
        if (publicKey.length() == ZMQ.Curve.KEY_SIZE) {
            // a key stored as 32 raw characters, as JeroMQ also accepts
            publicKey = ZMQ.Curve.z85Encode(publicKey.getBytes(ZMQ.CHARSET));
        }
        if (publicKey != null && publicKey.length() == ZMQ.Curve.KEY_SIZE_Z85) {
            keys.put(publicKey, ZMetadata.read(conf));
        }
    }
}
