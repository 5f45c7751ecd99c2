package io.jzmtp.examples;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The classic divide-and-conquer pipeline (the "ventilator → workers → sink" of the ZeroMQ guide), over real TCP
 * loopback in one process: a PUSH ventilator spreads tasks over PULL/PUSH workers, a PULL sink collects results and
 * shows how the load was split; then a PAIR exchange and a 1.2 MB frame round trip. Exits 0 only when every step
 * checked its result.
 */
public final class PipelineDemo {

    private static final int TASKS = 10_000;
    private static final int WORKERS = 3;
    private static final String HELLO = "hello";

    private PipelineDemo() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(System.out) ? 0 : 1);
    }

    /** Runs every step, printing a short report; returns whether all checks passed. */
    public static boolean run(PrintStream out) throws Exception {
        out.println("jzmtp demo: ZeroMQ patterns over tcp://127.0.0.1 in one JVM");
        boolean ok = pipeline(out);
        ok &= pair(out);
        ok &= bigFrame(out);
        out.println(ok ? "all steps verified" : "SOME STEPS FAILED");
        return ok;
    }

    private static boolean pipeline(PrintStream out) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try (Context ctx = Context.create();
             Socket ventilator = ctx.socket(SocketType.PUSH);
             Socket sink = ctx.socket(SocketType.PULL)) {
            String tasks = ventilator.bind("tcp://127.0.0.1:*");
            String results = sink.bind("tcp://127.0.0.1:*");
            for (int w = 0; w < WORKERS; w++) {
                String name = "worker-" + (w + 1);
                pool.submit(() -> work(ctx, name, tasks, results));
            }
            long start = System.nanoTime();
            // Wait until every worker is connected, so round-robin spreads the tasks over all of them.
            awaitPeers(ventilator, sink);
            for (int i = 0; i < TASKS; i++) {
                ventilator.send(Message.of(Integer.toString(i)));
            }
            Map<String, Integer> perWorker = new TreeMap<>();
            long sum = 0;
            sink.set(SocketOption.RCVTIMEO, Duration.ofSeconds(10));
            for (int i = 0; i < TASKS; i++) {
                try (Message m = sink.receive()) {
                    if (m == null) {
                        out.println("  pipeline: timed out after " + i + " results");
                        return false;
                    }
                    if (m.frame(1).toUtf8().equals(HELLO)) {
                        i--;
                        continue;
                    }
                    perWorker.merge(m.frame(0).toUtf8(), 1, Integer::sum);
                    sum += Long.parseLong(m.frame(1).toUtf8());
                }
            }
            long expected = 2L * TASKS * (TASKS - 1) / 2;
            double ms = (System.nanoTime() - start) / 1e6;
            boolean balanced = perWorker.size() == WORKERS;
            out.printf("  pipeline: %d tasks through %d workers in %.0f ms, split %s, checksum %s%n", TASKS,
                    WORKERS, ms, perWorker, sum == expected ? "ok" : "WRONG");
            for (int w = 0; w < WORKERS; w++) {
                ventilator.send(Message.of("stop"));
            }
            return sum == expected && balanced;
        } finally {
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Sends greetings until every worker has answered one, so that all are connected before the real work starts and
     * round-robin spreads the tasks over all of them. Late answers to extra greetings are skipped by the sink.
     */
    private static void awaitPeers(Socket ventilator, Socket sink) {
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (seen.size() < WORKERS) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("only " + seen + " connected");
            }
            ventilator.send(Message.of(HELLO));
            try (Message m = sink.receive(Duration.ofMillis(20))) {
                if (m != null) {
                    seen.add(m.frame(0).toUtf8());
                }
            }
        }
    }

    private static void work(Context ctx, String name, String tasks, String results) {
        try (Socket in = ctx.socket(SocketType.PULL); Socket out = ctx.socket(SocketType.PUSH)) {
            in.connect(tasks);
            out.connect(results);
            while (true) {
                try (Message task = in.receive()) {
                    String text = task.frame(0).toUtf8();
                    if (text.equals("stop")) {
                        return;
                    }
                    String result = text.equals(HELLO) ? HELLO : Long.toString(2L * Long.parseLong(text));
                    out.send(Message.of(name, result));
                }
            }
        }
    }

    private static boolean pair(PrintStream out) {
        try (Context ctx = Context.create();
             Socket a = ctx.socket(SocketType.PAIR);
             Socket b = ctx.socket(SocketType.PAIR)) {
            b.connect(a.bind("tcp://127.0.0.1:*"));
            a.set(SocketOption.RCVTIMEO, Duration.ofSeconds(5));
            b.set(SocketOption.RCVTIMEO, Duration.ofSeconds(5));
            String json = "{\"detections\":[{\"label\":\"person\",\"score\":0.97}],\"frame\":42}";
            a.send(json);
            String got = b.receiveString();
            b.send("{\"ack\":42}");
            String ack = a.receiveString();
            boolean ok = json.equals(got) && "{\"ack\":42}".equals(ack);
            out.println("  pair: JSON request and ack exchanged " + (ok ? "ok" : "WRONG"));
            return ok;
        }
    }

    private static boolean bigFrame(PrintStream out) {
        try (Context ctx = Context.create();
             Socket a = ctx.socket(SocketType.PAIR);
             Socket b = ctx.socket(SocketType.PAIR)) {
            b.connect(a.bind("tcp://127.0.0.1:*"));
            b.set(SocketOption.RCVTIMEO, Duration.ofSeconds(5));
            a.set(SocketOption.RCVTIMEO, Duration.ofSeconds(5));
            byte[] big = new byte[1_200_000];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 31);
            }
            long start = System.nanoTime();
            a.send(big);
            try (Message echo = b.receive()) {
                b.send(echo.first().toBytes());
            }
            boolean ok;
            try (Message back = a.receive()) {
                ok = back != null && Arrays.equals(big, back.first().toBytes());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf("  big frame: 1.2 MB round trip in %.1f ms (%.0f MB/s) %s%n", seconds * 1e3,
                    2 * big.length / 1e6 / seconds, ok ? "ok" : "WRONG");
            return ok;
        }
    }

}
