package io.jzmtp.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The measuring side of the perf-tool contract ({@code shared/bench/README.md}), for every main that speaks it (the
 * native API's {@link PerfMain}, the JeroMQ drop-in's {@code DropInPerfMain}): when the clocks start and stop, and the
 * {@code RESULT} line. Plain JDK only, so that any API can be measured with it.
 */
public final class PerfReport {

    private static final int TIMELINE_STEPS = 20;

    private PerfReport() {
    }

    /** Unmeasured warm-up round trips before {@code count} measured ones: the same rule for every implementation. */
    public static long warmup(long count) {
        return count / 2;
    }

    /** Nearest-rank percentile of a sorted array. */
    static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * A receiver's clock: started when the first message arrives, marked a tenth of the way through (the warm rate
     * leaves out the first 10 %, JIT warm-up), stopped at the last.
     */
    public static final class Throughput {
        private final String impl;
        private final String test;
        private final int size;
        private final long count;
        private final long warmIndex;
        private final long[] marks = new long[TIMELINE_STEPS];
        private final long step;
        private long nextMark;
        private int marked;
        private long start;
        private long warm;
        private long stop;

        /** A clock for {@code count} messages of {@code size} bytes; {@code test} is {@code thr} or {@code pubsub}. */
        public Throughput(String impl, String test, int size, long count) {
            this.impl = impl;
            this.test = test;
            this.size = size;
            this.count = count;
            this.warmIndex = count / 10;
            this.step = Math.max(1, count / TIMELINE_STEPS);
            this.nextMark = step;
        }

        /** The first message arrived. */
        public void started() {
            start = System.nanoTime();
            warm = start;
        }

        /** Message {@code index} (the first is 0) arrived. */
        public void received(long index) {
            if (index == warmIndex) {
                warm = System.nanoTime();
            }
            if (index == nextMark) {
                mark(index);
            }
        }

        private void mark(long index) {
            if (marked < marks.length) {
                marks[marked++] = System.nanoTime();
            }
            nextMark = index + step;
        }

        /** The last message arrived. */
        public void stopped() {
            stop = System.nanoTime();
        }

        /** Prints the {@code RESULT} line. */
        public void print() {
            double elapsed = (stop - start) / 1e9;
            double rate = (count - 1) / elapsed;
            double warmRate = warmIndex > 0 && stop > warm ? (count - 1 - warmIndex) / ((stop - warm) / 1e9) : rate;
            System.out.printf(Locale.ROOT, "RESULT impl=%s test=%s size=%d count=%d elapsed_s=%.4f msgs_per_s=%.0f"
                    + " mb_per_s=%.2f warm_msgs_per_s=%.0f%n", impl, test, size, count, elapsed, rate,
                    rate * size / 1e6, warmRate);
            System.out.flush();
            if (System.getenv("BENCH_TIMELINE") != null) {
                printTimeline();
            }
        }

        /** With BENCH_TIMELINE set: the rate over each twentieth of the run, on stderr, to show the JIT's warm-up. */
        private void printTimeline() {
            StringBuilder line = new StringBuilder("INFO timeline_msgs_per_s=");
            long previous = start;
            for (int i = 0; i < marked; i++) {
                double rate = step / ((marks[i] - previous) / 1e3);
                line.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2fM", rate));
                previous = marks[i];
            }
            System.err.println(line);
        }
    }

    /**
     * Prints a latency client's {@code RESULT} line: {@code rtt} holds each measured round trip in nanoseconds (it is
     * sorted here), {@code totalNanos} the time all of them took together.
     */
    public static void printLatency(String impl, int size, long warmup, long[] rtt, long totalNanos) {
        Arrays.sort(rtt);
        int count = rtt.length;
        double meanUs = totalNanos / 1e3 / count;
        System.out.printf(Locale.ROOT, "RESULT impl=%s test=lat size=%d count=%d warmup=%d rtt_mean_us=%.2f"
                + " rtt_p50_us=%.2f rtt_p99_us=%.2f rtt_min_us=%.2f rtt_max_us=%.2f oneway_mean_us=%.2f"
                + " rt_per_s=%.0f%n", impl, size, count, warmup, meanUs, percentile(rtt, 50) / 1e3,
                percentile(rtt, 99) / 1e3, rtt[0] / 1e3, rtt[count - 1] / 1e3, meanUs / 2, 1e6 / meanUs);
        System.out.flush();
    }
}
