package io.jzmtp.transport;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ReconnectPolicy}: libzmq's RECONNECT_IVL (plus a jitter below it) and RECONNECT_IVL_MAX (doubling up to the
 * cap), ZMTP.md §11 and §16. Kept with the tcp transport's tests, next to the other endpoint and connection tests.
 */
class ReconnectPolicyTest {

    private static final int SAMPLES = 2000;

    @Test
    void fixedIntervalAddsJitterBelowTheInterval() {
        ReconnectPolicy p = new ReconnectPolicy(100, 0);
        assertTrue(p.reconnects());
        Set<Long> seen = new HashSet<>();
        for (int failures = 0; failures < 40; failures++) {
            for (int i = 0; i < SAMPLES / 40; i++) {
                long d = p.delayMillis(failures);
                assertTrue(d >= 100 && d < 200, "delay " + d + " after " + failures + " failures");
                seen.add(d);
            }
        }
        assertTrue(seen.size() > 10, "the jitter is random, saw only " + seen);
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        ReconnectPolicy p = new ReconnectPolicy(100, 800);
        long[] bases = {100, 200, 400, 800, 800, 800};
        for (int failures = 0; failures < bases.length; failures++) {
            for (int i = 0; i < SAMPLES / bases.length; i++) {
                long d = p.delayMillis(failures);
                assertTrue(d >= bases[failures] && d < bases[failures] + 100,
                        "after " + failures + " failures expected " + bases[failures] + " + jitter < 100, got " + d);
            }
        }
    }

    @Test
    void backoffStaysCappedAfterManyFailures() {
        ReconnectPolicy p = new ReconnectPolicy(100, 5000);
        for (int failures : new int[] {10, 31, 63, 64, 1000, Integer.MAX_VALUE}) {
            long d = p.delayMillis(failures);
            assertTrue(d >= 5000 && d < 5100, "after " + failures + " failures: " + d);
        }
    }

    @Test
    void maximumNotAboveTheIntervalMeansNoBackoff() {
        ReconnectPolicy p = new ReconnectPolicy(300, 200);
        for (int failures = 0; failures < 10; failures++) {
            long d = p.delayMillis(failures);
            assertTrue(d >= 300 && d < 600, "delay " + d);
        }
    }

    @Test
    void zeroIntervalRetriesAtOnce() {
        ReconnectPolicy p = new ReconnectPolicy(0, 0);
        assertTrue(p.reconnects());
        assertEquals(0, p.delayMillis(0));
        assertEquals(0, p.delayMillis(5));
    }

    @Test
    void minusOneNeverReconnects() {
        assertFalse(new ReconnectPolicy(-1, 0).reconnects());
        assertFalse(new ReconnectPolicy(-1, 1000).reconnects());
    }

    @Test
    void invalidIntervalsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReconnectPolicy(-2, 0));
        assertTrue(e.getMessage().contains("-2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReconnectPolicy(100, -1));
    }

    /** A long interval with a cap above it must never overflow into a negative (i.e. immediate) delay. */
    @Test
    void longIntervalsDoNotOverflow() {
        long interval = 1L << 36;   // about two years in milliseconds: allowed by RECONNECT_IVL
        ReconnectPolicy p = new ReconnectPolicy(interval, Long.MAX_VALUE);
        for (int failures = 0; failures < 64; failures++) {
            long d = p.delayMillis(failures);
            assertTrue(d >= interval, "after " + failures + " failures the delay " + d + " fell below the interval");
        }
    }
}
