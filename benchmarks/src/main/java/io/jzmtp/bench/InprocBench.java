package io.jzmtp.bench;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * inproc throughput between two threads of one process, for jzmtp and, in the same run, JeroMQ (which cannot be
 * compared through the two-process contract: inproc does not cross processes). PUSH → PULL, default options, the
 * receiver timing from its first message to its last as the contract does; then REQ ↔ REP round trips.
 * {@code inproc [msg-size] [count]} prints one {@code RESULT} line per implementation and test.
 */
final class InprocBench {

    private InprocBench() {
    }

    static void run(int size, long count) throws Exception {
        for (int round = 0; round < 2; round++) {   // the first round warms both up; the second is reported
            boolean report = round == 1;
            long trips = Math.max(2, count / 50);
            if (measures("jzmtp")) {
                result(report, "jzmtp", "thr-inproc", size, count, jzmtpThroughput(size, count));
                result(report, "jzmtp", "lat-inproc", size, trips, jzmtpRoundTrips(size, trips));
            }
            if (measures("jeromq")) {
                result(report, "jeromq", "thr-inproc", size, count, jeromqThroughput(size, count));
                result(report, "jeromq", "lat-inproc", size, trips, jeromqRoundTrips(size, trips));
            }
        }
    }

    /**
     * {@code -Dinproc.impl=jzmtp} (or {@code jeromq}) measures one implementation only, for profiling; JeroMQ is
     * skipped where it is not on the class path (the CLI's jar).
     */
    private static boolean measures(String impl) {
        String only = System.getProperty("inproc.impl");
        return (only == null || only.equals(impl)) && (!impl.equals("jeromq") || jeromqPresent());
    }

    private static boolean jeromqPresent() {
        try {
            Class.forName("org.zeromq.ZContext", false, InprocBench.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void result(boolean report, String impl, String test, int size, long count, double seconds) {
        if (!report) {
            return;
        }
        if (test.startsWith("thr")) {
            double rate = (count - 1) / seconds;
            System.out.printf(Locale.ROOT, "RESULT impl=%s test=%s size=%d count=%d elapsed_s=%.4f msgs_per_s=%.0f"
                    + " mb_per_s=%.2f%n", impl, test, size, count, seconds, rate, rate * size / 1e6);
        } else {
            double meanUs = seconds * 1e6 / count;
            System.out.printf(Locale.ROOT, "RESULT impl=%s test=%s size=%d count=%d rtt_mean_us=%.3f%n", impl, test,
                    size, count, meanUs);
        }
        System.out.flush();
    }

    /** Seconds from the first message received to the last. */
    private static double jzmtpThroughput(int size, long count) throws Exception {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind("inproc://thr");
            push.connect("inproc://thr");
            byte[] payload = new byte[size];
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                for (long i = 0; i < count; i++) {
                    push.send(Message.of(payload));
                }
            });
            pull.receive().close();
            long t0 = System.nanoTime();
            for (long i = 1; i < count; i++) {
                pull.receive().close();
            }
            long t1 = System.nanoTime();
            sender.get();
            return (t1 - t0) / 1e9;
        }
    }

    private static double jeromqThroughput(int size, long count) throws Exception {
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket pull = ctx.createSocket(org.zeromq.SocketType.PULL);
            ZMQ.Socket push = ctx.createSocket(org.zeromq.SocketType.PUSH);
            pull.bind("inproc://thr");
            push.connect("inproc://thr");
            byte[] payload = new byte[size];
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                for (long i = 0; i < count; i++) {
                    push.send(payload);
                }
            });
            pull.recv();
            long t0 = System.nanoTime();
            for (long i = 1; i < count; i++) {
                pull.recv();
            }
            long t1 = System.nanoTime();
            sender.get();
            return (t1 - t0) / 1e9;
        }
    }

    /** Seconds for {@code trips} REQ ↔ REP round trips. */
    private static double jzmtpRoundTrips(int size, long trips) throws Exception {
        try (Context ctx = Context.create(); Socket rep = ctx.socket(SocketType.REP);
             Socket req = ctx.socket(SocketType.REQ)) {
            rep.bind("inproc://lat");
            req.connect("inproc://lat");
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                for (long i = 0; i < trips; i++) {
                    rep.send(rep.receive());
                }
            });
            byte[] payload = new byte[size];
            long t0 = System.nanoTime();
            for (long i = 0; i < trips; i++) {
                req.send(Message.of(payload));
                req.receive().close();
            }
            long t1 = System.nanoTime();
            server.get();
            return (t1 - t0) / 1e9;
        }
    }

    private static double jeromqRoundTrips(int size, long trips) throws Exception {
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket rep = ctx.createSocket(org.zeromq.SocketType.REP);
            ZMQ.Socket req = ctx.createSocket(org.zeromq.SocketType.REQ);
            rep.bind("inproc://lat");
            req.connect("inproc://lat");
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                for (long i = 0; i < trips; i++) {
                    rep.send(rep.recv());
                }
            });
            byte[] payload = new byte[size];
            long t0 = System.nanoTime();
            for (long i = 0; i < trips; i++) {
                req.send(payload);
                req.recv();
            }
            long t1 = System.nanoTime();
            server.get();
            return (t1 - t0) / 1e9;
        }
    }
}
