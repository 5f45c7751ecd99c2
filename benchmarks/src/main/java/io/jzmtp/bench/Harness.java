package io.jzmtp.bench;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pattern benchmarks in one JVM over tcp loopback, beyond the cross-implementation contract of {@link PerfMain}:
 * PUB → 4 SUBs (fan-out, counted at every subscriber) and DEALER → ROUTER. Each prints one {@code RESULT} line.
 *
 * <p>Run: {@code java -cp benchmarks/target/jzmtp-benchmarks.jar io.jzmtp.bench.Harness [messages] [size]}
 */
public final class Harness {

    private static final int SUBSCRIBERS = 4;

    private Harness() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        pubSubFanOut(count, size);
        dealerRouter(count, size);
    }

    /** One XPUB with XPUB_NODROP (lossless, flow-controlled) publishing to four SUBs; rate = deliveries per second. */
    static void pubSubFanOut(int count, int size) throws Exception {
        try (Context ctx = Context.create()) {
            Socket pub = ctx.socket(SocketType.XPUB);
            pub.set(SocketOption.XPUB_NODROP, true);
            pub.set(SocketOption.XPUB_VERBOSE, true);
            String ep = pub.bind("tcp://127.0.0.1:*");
            CountDownLatch done = new CountDownLatch(SUBSCRIBERS);
            AtomicLong firstNanos = new AtomicLong(Long.MAX_VALUE);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                Socket sub = ctx.socket(SocketType.SUB);
                sub.subscribe(new byte[0]);
                sub.connect(ep);
                Thread t = new Thread(() -> receive(sub, count, size, firstNanos, done), "sub-" + i);
                t.start();
                threads.add(t);
            }
            for (int i = 0; i < SUBSCRIBERS; i++) {
                try (Message subscription = pub.receive(Duration.ofSeconds(10))) {
                    if (subscription == null) {
                        throw new IllegalStateException("subscribers did not connect");
                    }
                }
            }
            byte[] payload = new byte[size];
            for (int i = 0; i < count; i++) {
                pub.send(payload);
            }
            done.await();
            double seconds = (System.nanoTime() - firstNanos.get()) / 1e9;
            report("pubsub-fanout4", size, (long) count * SUBSCRIBERS, seconds);
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    private static void receive(Socket sub, int count, int size, AtomicLong firstNanos, CountDownLatch done) {
        for (int i = 0; i < count; i++) {
            try (Message m = sub.receive()) {
                if (i == 0) {
                    firstNanos.accumulateAndGet(System.nanoTime(), Math::min);
                }
                if (m.first().size() != size) {
                    throw new IllegalStateException("bad size " + m.first().size());
                }
            }
        }
        done.countDown();
    }

    /** One DEALER sending to one ROUTER, which receives [id, payload]. */
    static void dealerRouter(int count, int size) throws Exception {
        try (Context ctx = Context.create()) {
            Socket router = ctx.socket(SocketType.ROUTER);
            String ep = router.bind("tcp://127.0.0.1:*");
            Socket dealer = ctx.socket(SocketType.DEALER);
            dealer.set(SocketOption.ROUTING_ID, "bench-dealer".getBytes());
            dealer.connect(ep);
            Thread sender = new Thread(() -> {
                byte[] payload = new byte[size];
                for (int i = 0; i < count; i++) {
                    dealer.send(payload);
                }
            }, "dealer");
            sender.start();
            long start = 0;
            for (int i = 0; i < count; i++) {
                try (Message m = router.receive()) {
                    if (i == 0) {
                        start = System.nanoTime();
                    }
                    if (m.size() != 2 || m.frame(1).size() != size) {
                        throw new IllegalStateException("bad message " + m);
                    }
                }
            }
            report("dealer-router", size, count - 1, (System.nanoTime() - start) / 1e9);
            sender.join();
        }
    }

    private static void report(String test, int size, long messages, double seconds) {
        double rate = messages / seconds;
        System.out.printf(Locale.ROOT, "RESULT impl=jzmtp test=%s size=%d count=%d elapsed_s=%.4f msgs_per_s=%.0f"
                + " mb_per_s=%.2f%n", test, size, messages, seconds, rate, rate * size / 1e6);
    }
}
