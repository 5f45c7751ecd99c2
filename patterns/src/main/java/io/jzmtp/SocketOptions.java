package io.jzmtp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The option values of one socket. Thread-safe. Values sit in an array indexed by option (written whole on every
 * change, read without a lock or a hash). Patterns keep the options they read for every message (XPUB_NODROP,
 * CONFLATE, ...) in fields of their own, read again when the socket sets an option; the timeouts read on every send
 * and receive are kept here as nanoseconds as well.
 */
final class SocketOptions {

    private final AtomicReferenceArray<Object> values = new AtomicReferenceArray<>(SocketOption.count());
    private volatile long sendTimeoutNanos = -1;
    private volatile long receiveTimeoutNanos = -1;

    <T> T get(SocketOption<T> option) {
        Object v = values.get(option.index());
        return copy(option, v == null ? option.defaultValue() : option.type().cast(v));
    }

    <T> void set(SocketOption<T> option, T value) {
        T checked = copy(option, option.validate(value));
        values.set(option.index(), checked);
        if (option == SocketOption.SNDTIMEO) {
            sendTimeoutNanos = nanos((Duration) checked);
        } else if (option == SocketOption.RCVTIMEO) {
            receiveTimeoutNanos = nanos((Duration) checked);
        }
    }

    /** Zeroes a secret held in a byte-array option (a CURVE secret key) and resets it: on close. */
    void wipe(SocketOption<byte[]> option) {
        Object v = values.getAndSet(option.index(), null);
        if (v instanceof byte[] b) {
            java.util.Arrays.fill(b, (byte) 0);
        }
    }

    /** SNDTIMEO in nanoseconds; -1 = wait forever. */
    long sendTimeoutNanos() {
        return sendTimeoutNanos;
    }

    /** RCVTIMEO in nanoseconds; -1 = wait forever. */
    long receiveTimeoutNanos() {
        return receiveTimeoutNanos;
    }

    /** A duration option in milliseconds; -1 for {@link SocketOption#INFINITE}. */
    long millis(SocketOption<Duration> option) {
        Duration d = get(option);
        return d.equals(SocketOption.INFINITE) ? -1 : d.toMillis();
    }

    /** {@code d} in nanoseconds; -1 for {@link SocketOption#INFINITE} or anything too long to count. */
    static long nanos(Duration d) {
        if (d.equals(SocketOption.INFINITE)) {
            return -1;
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return -1;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T copy(SocketOption<T> option, T value) {
        if (value instanceof byte[] b) {
            return (T) b.clone();
        }
        if (value instanceof Map<?, ?> m) {
            return (T) Map.copyOf(m);
        }
        return value;
    }
}
