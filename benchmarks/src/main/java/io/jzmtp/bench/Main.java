package io.jzmtp.bench;

import java.util.Arrays;

/**
 * Entry point of {@code jzmtp-benchmarks.jar}: the perf-tool contract by default ({@link PerfMain}), inproc between
 * two threads beside JeroMQ's with {@code inproc [msg-size] [count]} ({@link InprocBench}), or JMH with
 * {@code jmh [JMH options]}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("inproc")) {
            InprocBench.run(args.length > 1 ? Integer.parseInt(args[1]) : 64,
                    args.length > 2 ? Long.parseLong(args[2]) : 5_000_000);
        } else if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
        } else {
            PerfMain.main(args);
        }
    }
}
