package io.jzmtp.bench;

import java.util.Arrays;

/**
 * Entry point of {@code jzmtp-benchmarks.jar}: the perf-tool contract by default ({@link PerfMain}), or JMH with
 * {@code jmh [JMH options]}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
        } else {
            PerfMain.main(args);
        }
    }
}
