package io.jzmtp.transport;

import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try connecting again (libzmq's RECONNECT_IVL / RECONNECT_IVL_MAX, ZMTP.md §11 and §16): after
 * {@code intervalMillis} plus a random jitter below it; with {@code maxIntervalMillis} above the interval, the base
 * delay doubles after every failed attempt up to that maximum. An interval of -1 means never reconnect.
 *
 * @param intervalMillis    base delay, or -1 to never reconnect
 * @param maxIntervalMillis cap for exponential backoff; 0 (or not above the interval) disables backoff
 */
public record ReconnectPolicy(long intervalMillis, long maxIntervalMillis) {

    public ReconnectPolicy {
        if (intervalMillis < -1 || maxIntervalMillis < 0) {
            throw new IllegalArgumentException("invalid reconnect intervals: " + intervalMillis + ", "
                    + maxIntervalMillis);
        }
    }

    /** Whether connections are re-established at all. */
    public boolean reconnects() {
        return intervalMillis >= 0;
    }

    /** The delay before attempt number {@code failures + 1}, jitter included. */
    public long delayMillis(int failures) {
        long base = intervalMillis;
        if (maxIntervalMillis > intervalMillis && intervalMillis > 0) {
            int doublings = Math.min(failures, 62);
            // Saturate instead of overflowing: a shift past the cap, or into the sign bit, means "the cap".
            boolean overflows = doublings >= Long.numberOfLeadingZeros(intervalMillis) - 1;
            base = overflows ? maxIntervalMillis : Math.min(maxIntervalMillis, intervalMillis << doublings);
        }
        long jitter = intervalMillis > 0 ? ThreadLocalRandom.current().nextLong(intervalMillis) : 0;
        return base > Long.MAX_VALUE - jitter ? Long.MAX_VALUE : base + jitter;
    }
}
