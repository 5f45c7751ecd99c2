package io.jzmtp.bench;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;
import io.jzmtp.security.CurveKeyPair;

import java.util.Locale;

/**
 * The perf-tool contract of {@code shared/bench/README.md}: {@code <mode> <endpoint> <msg-size> <count>}, printing one
 * {@code RESULT} line on the measuring side. Throughput runs PUSH → PULL, pub/sub XPUB (XPUB_NODROP) → SUB; latency
 * runs REQ ↔ REP. Default socket options everywhere, one I/O thread, as for the peers it is compared with.
 */
public final class PerfMain {

    private static final String IMPL = System.getProperty("bench.impl",
            System.getenv().getOrDefault("BENCH_IMPL", "jzmtp"));
    /**
     * With {@code BENCH_CURVE=1} every socket speaks CURVE: the binding side is the server, the connecting side the
     * client, with fixed test keys (secrets 00..1f and 20..3f), as {@code benchmarks/native/curve_peer.c} does.
     */
    private static final boolean CURVE = "1".equals(System.getenv("BENCH_CURVE"));

    private PerfMain() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            usage("expected 4 arguments, got " + args.length);
        }
        String mode = args[0];
        String endpoint = args[1];
        int size = parse(args[2], "msg-size");
        long count = parseCount(args[3]);
        if (size < 0 || count < 2) {
            usage("msg-size must be >= 0 and count >= 2");
        }
        switch (mode) {
            case "thr-recv" -> throughputReceiver(endpoint, size, count, SocketType.PULL, "thr");
            case "thr-send" -> throughputSender(endpoint, size, count, false);
            case "pubsub-recv" -> throughputReceiver(endpoint, size, count, SocketType.SUB, "pubsub");
            case "pubsub-send" -> throughputSender(endpoint, size, count, true);
            case "lat-server" -> latencyServer(endpoint, size, count);
            case "lat-client" -> latencyClient(endpoint, size, count);
            default -> usage("unknown mode '" + mode + "'");
        }
    }

    static void throughputReceiver(String endpoint, int size, long count, SocketType type, String test) {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(type)) {
            if (type == SocketType.SUB) {
                pull.subscribe(new byte[0]);
            }
            secure(pull, true);
            pull.bind(endpoint);
            PerfReport.Throughput clock = new PerfReport.Throughput(IMPL, test, size, count);
            check(pull.receive(), size);
            clock.started();
            for (long i = 1; i < count; i++) {
                check(pull.receive(), size);
                clock.received(i);
            }
            clock.stopped();
            clock.print();
        }
    }

    /**
     * PUSH, or XPUB with XPUB_NODROP (PUB's send path, made lossless and flow-controlled) that first waits for the
     * subscriber's subscription, as the contract says.
     */
    static void throughputSender(String endpoint, int size, long count, boolean pubsub) {
        long t0;
        long t1;
        try (Context ctx = Context.create(); Socket push = ctx.socket(pubsub ? SocketType.XPUB : SocketType.PUSH)) {
            push.set(SocketOption.LINGER, SocketOption.INFINITE);   // like the peers: close flushes everything
            if (pubsub) {
                push.set(SocketOption.XPUB_NODROP, true);
            }
            secure(push, false);
            push.connect(endpoint);
            if (pubsub) {
                try (Message subscription = push.receive()) {
                    if (subscription.first().size() < 1 || subscription.first().byteAt(0) != 1) {
                        throw new IllegalStateException("unexpected subscription message " + subscription);
                    }
                }
            }
            byte[] payload = new byte[size];
            t0 = System.nanoTime();
            for (long i = 0; i < count; i++) {
                if (!push.send(payload)) {
                    throw new IllegalStateException("send failed");
                }
            }
            t1 = System.nanoTime();
        }
        long t2 = System.nanoTime();
        System.err.printf(Locale.ROOT, "INFO impl=%s sender send_loop_s=%.4f flush_s=%.4f%n", IMPL, (t1 - t0) / 1e9,
                (t2 - t1) / 1e9);
    }

    /** CURVE with the fixed test keys when BENCH_CURVE=1 (server on the binding side); nothing otherwise. */
    static void secure(Socket socket, boolean server) {
        if (!CURVE) {
            return;
        }
        byte[] serverSecret = testSecret(0x00);
        if (server) {
            socket.set(SocketOption.CURVE_SERVER, true);
            socket.set(SocketOption.CURVE_SECRETKEY, serverSecret);
        } else {
            socket.set(SocketOption.CURVE_SERVERKEY, CurveKeyPair.publicKeyOf(serverSecret));
            socket.set(SocketOption.CURVE_SECRETKEY, testSecret(0x20));
        }
    }

    private static byte[] testSecret(int first) {
        byte[] secret = new byte[32];
        for (int i = 0; i < 32; i++) {
            secret[i] = (byte) (first + i);
        }
        return secret;
    }

    static void latencyServer(String endpoint, int size, long count) {
        try (Context ctx = Context.create(); Socket socket = ctx.socket(SocketType.REP)) {
            socket.set(SocketOption.LINGER, SocketOption.INFINITE);
            secure(socket, true);
            socket.bind(endpoint);
            long total = count + PerfReport.warmup(count);
            for (long i = 0; i < total; i++) {
                Message m = socket.receive();
                if (m.byteSize() != size) {
                    throw new IllegalStateException("bad message size " + m.byteSize());
                }
                if (!socket.send(m)) {
                    throw new IllegalStateException("send failed");
                }
            }
        }
    }

    static void latencyClient(String endpoint, int size, long count) {
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("count too large");
        }
        try (Context ctx = Context.create(); Socket socket = ctx.socket(SocketType.REQ)) {
            secure(socket, false);
            socket.connect(endpoint);
            byte[] payload = new byte[size];
            long warm = PerfReport.warmup(count);
            for (long i = 0; i < warm; i++) {
                socket.send(payload);
                check(socket.receive(), size);
            }
            long[] rtt = new long[(int) count];
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long a = System.nanoTime();
                socket.send(payload);
                Message m = socket.receive();
                long b = System.nanoTime();
                check(m, size);
                rtt[i] = b - a;
            }
            PerfReport.printLatency(IMPL, size, warm, rtt, System.nanoTime() - start);
        }
    }

    private static void check(Message m, int size) {
        if (m == null) {
            throw new IllegalStateException("no message");
        }
        try (m) {
            if (m.size() != 1 || m.frame(0).size() != size) {
                throw new IllegalStateException("bad message: " + m.size() + " frames, " + m.byteSize() + " bytes");
            }
        }
    }

    private static int parse(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            usage(what + " '" + text + "' is not a number");
            return -1;
        }
    }

    private static long parseCount(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            usage("count '" + text + "' is not a number");
            return -1;
        }
    }

    private static void usage(String problem) {
        System.err.println("error: " + problem);
        System.err.println("usage: <thr-recv|thr-send|pubsub-recv|pubsub-send|lat-server|lat-client> <endpoint>"
                + " <msg-size> <count>");
        System.exit(2);
    }
}
