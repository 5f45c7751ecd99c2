package io.jzmtp.examples;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The parallel pipeline, ventilator → workers → sink, of seeds 001 ("Push-Pull") and 002 ("Parallel Pipeline"): a
 * PUSH ventilator binds and spreads tasks round-robin over the workers, each worker pulls a task and pushes its result,
 * and a PULL sink binds and fair-queues the results. The stable parts (ventilator and sink) bind; the workers connect
 * and may come and go.
 *
 * <p>The seed's ventilator waits for "Press Enter when the workers are ready", because a worker that connects first
 * would otherwise get the whole batch. Here the ventilator sends greetings until every worker has answered one
 * through the sink, then sends the batch. The sink checks that every task came back exactly once with the right
 * result, and reports how the tasks were split.
 */
public final class Pipeline {

    private static final int TASKS = 2000;
    private static final int WORKERS = 2;
    private static final String HELLO = "hello";
    private static final Duration PATIENCE = Duration.ofSeconds(2);
    /** How often an idle worker looks at its stop flag. */
    private static final Duration WORKER_POLL = Duration.ofMillis(20);

    private Pipeline() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(System.out) ? 0 : 1);
    }

    /** Runs the batch through the workers, prints a short report; returns the verdict. */
    public static boolean run(PrintStream out) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        AtomicBoolean running = new AtomicBoolean(true);
        try (Context ctx = Context.create();
             Socket ventilator = ctx.socket(SocketType.PUSH);
             Socket sink = ctx.socket(SocketType.PULL)) {
            String tasks = ventilator.bind("tcp://127.0.0.1:*");
            String results = sink.bind("tcp://127.0.0.1:*");
            ventilator.set(SocketOption.SNDTIMEO, PATIENCE);
            sink.set(SocketOption.RCVTIMEO, PATIENCE);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 1; w <= WORKERS; w++) {
                String name = "worker-" + w;
                workers.add(pool.submit(() -> work(ctx, name, tasks, results, running)));
            }
            if (!awaitWorkers(ventilator, sink)) {
                out.println("  pipeline: WRONG: not all " + WORKERS + " workers connected within "
                        + PATIENCE.toSeconds() + " s");
                return false;
            }
            long start = System.nanoTime();
            for (int i = 0; i < TASKS; i++) {
                if (!ventilator.send(Integer.toString(i))) {
                    out.println("  pipeline: WRONG: task " + i + " could not be sent");
                    return false;
                }
            }
            boolean ok = collect(sink, start, out);
            // PUSH cannot aim a "stop" message at a given worker, so the workers watch a flag between tasks.
            running.set(false);
            for (Future<?> w : workers) {
                w.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            }
            return ok;
        } finally {
            running.set(false);
            pool.shutdownNow();
        }
    }

    /**
     * Sends greetings until every worker has answered one, so all are connected before the batch and round-robin
     * spreads it over all of them. Answers to extra greetings still in flight are skipped by {@link #collect}.
     */
    private static boolean awaitWorkers(Socket ventilator, Socket sink) {
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (seen.size() < WORKERS) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            if (!ventilator.send(HELLO)) {
                return false;
            }
            try (Message m = sink.receive(Duration.ofMillis(20))) {
                if (m != null) {
                    seen.add(m.frame(0).toUtf8());
                }
            }
        }
        return true;
    }

    /** Receives every result [worker, task, task²], checking each task once and its result, and reports. */
    private static boolean collect(Socket sink, long start, PrintStream out) {
        Map<String, Integer> split = new TreeMap<>();
        BitSet done = new BitSet(TASKS);
        long checksum = 0;
        String problem = null;
        while (done.cardinality() < TASKS && problem == null) {
            try (Message m = sink.receive()) {
                if (m == null) {
                    problem = "timed out after " + done.cardinality() + " results";
                } else if (!m.frame(1).toUtf8().equals(HELLO)) {
                    int task = Integer.parseInt(m.frame(1).toUtf8());
                    long square = Long.parseLong(m.frame(2).toUtf8());
                    if (done.get(task) || square != (long) task * task) {
                        problem = "task " + task + " came back twice or wrong: " + m;
                    }
                    done.set(task);
                    split.merge(m.frame(0).toUtf8(), 1, Integer::sum);
                    checksum += square;
                }
            }
        }
        double ms = (System.nanoTime() - start) / 1e6;
        long n = TASKS;
        boolean sumOk = checksum == (n - 1) * n * (2 * n - 1) / 6;   // 0² + 1² + ... + (n-1)²
        boolean bothWorked = split.size() == WORKERS;
        out.printf("  pipeline: %d tasks through %d workers in %.0f ms, split %s, checksum %s%n", TASKS, WORKERS, ms,
                split, sumOk ? "ok" : "WRONG");
        if (problem != null || !bothWorked) {
            out.println("  pipeline: WRONG: " + (problem != null ? problem : "not every worker got work"));
        }
        return problem == null && sumOk && bothWorked;
    }

    /** A worker: pulls a task, pushes [name, task, task²], until told to stop. */
    private static void work(Context ctx, String name, String tasks, String results, AtomicBoolean running) {
        try (Socket in = ctx.socket(SocketType.PULL); Socket out = ctx.socket(SocketType.PUSH)) {
            in.connect(tasks);
            out.connect(results);
            while (running.get()) {
                try (Message task = in.receive(WORKER_POLL)) {
                    if (task == null) {
                        continue;
                    }
                    String text = task.first().toUtf8();
                    if (text.equals(HELLO)) {
                        out.send(Message.of(name, HELLO));
                    } else {
                        long n = Long.parseLong(text);
                        out.send(Message.of(name, text, Long.toString(n * n)));
                    }
                }
            }
        }
    }
}
