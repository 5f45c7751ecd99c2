package io.jzmtp.mechanism;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;

/**
 * libsodium's {@code crypto_secretbox}, reached through JNA when both are present (Debian and Ubuntu install
 * libsodium with libzmq). Optional: without JNA or libsodium, or with {@code -Djzmtp.crypto=java}, CURVE runs on
 * BouncyCastle alone. Loaded once; the natives are called only when {@link #isAvailable()} says so.
 */
final class Libsodium {

    /** Set {@code -Djzmtp.crypto=java} to keep libsodium out even when it is installed. */
    static final String PROPERTY = "jzmtp.crypto";
    private static final InternalLogger LOG = InternalLoggerFactory.getInstance("io.jzmtp.connection");
    private static final String UNAVAILABLE_REASON;

    static {
        String reason = null;
        if ("java".equalsIgnoreCase(System.getProperty(PROPERTY, "auto"))) {
            reason = "-D" + PROPERTY + "=java";
        } else {
            try {
                Native.register(Libsodium.class, "sodium");
                if (sodium_init() < 0) {
                    reason = "sodium_init failed";
                }
            } catch (LinkageError | RuntimeException e) {   // no JNA, no libsodium, or an unknown platform
                reason = e.toString();
            }
        }
        UNAVAILABLE_REASON = reason;
        if (reason != null) {
            LOG.debug("CURVE uses BouncyCastle only: libsodium is not used ({})", reason);
        }
    }

    private Libsodium() {
    }

    /** Whether libsodium loaded (and was not turned off). */
    static boolean isAvailable() {
        return UNAVAILABLE_REASON == null;
    }

    /** Why libsodium is not used, or {@code null} when it is. */
    static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    static native int sodium_init();

    /** MAC then ciphertext into {@code c} ({@code mlen + 16} bytes), as CurveZMQ lays a box out. */
    static native int crypto_secretbox_easy(byte[] c, byte[] m, long mlen, byte[] n, byte[] k);

    /** The reverse; 0 when the box opens, -1 when it does not. */
    static native int crypto_secretbox_open_easy(byte[] m, byte[] c, long clen, byte[] n, byte[] k);

    /** As above on native memory; {@code c} may be {@code m} less 16 bytes (sealed in place). */
    static native int crypto_secretbox_easy(Pointer c, Pointer m, long mlen, byte[] n, byte[] k);

    /** As above on native memory. */
    static native int crypto_secretbox_open_easy(Pointer m, Pointer c, long clen, byte[] n, byte[] k);
}
