package io.jzmtp.jeromq.bench;

import io.jzmtp.bench.PerfReport;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;


/**
 * The perf-tool contract of {@code shared/bench/README.md} ({@code <mode> <endpoint> <msg-size> <count>}) written the
 * way a JeroMQ program is: {@code org.zeromq} only, frame at a time, default options (HWM 1000, linger -1, one I/O
 * thread). Packaged with the drop-in it measures jzmtp-jeromq; the same class on JeroMQ's jar (with
 * {@link PerfReport}, plain JDK) measures JeroMQ.
 */
public final class DropInPerfMain {

    private static final String IMPL = System.getProperty("bench.impl", "jzmtp-jeromq");

    private DropInPerfMain() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            usage("expected 4 arguments, got " + args.length);
        }
        String mode = args[0];
        String endpoint = args[1];
        int size = Integer.parseInt(args[2]);
        long count = Long.parseLong(args[3]);
        if (size < 0 || count < 2 || count > Integer.MAX_VALUE) {
            usage("msg-size must be >= 0 and count in 2.." + Integer.MAX_VALUE);
        }
        ZMQ.Context ctx = ZMQ.context(1);
        try {
            switch (mode) {
                case "thr-recv" -> receive(ctx, SocketType.PULL, endpoint, size, count, "thr");
                case "pubsub-recv" -> receive(ctx, SocketType.SUB, endpoint, size, count, "pubsub");
                case "thr-send" -> send(ctx, SocketType.PUSH, endpoint, size, count);
                case "pubsub-send" -> send(ctx, SocketType.XPUB, endpoint, size, count);
                case "lat-server" -> echo(ctx, endpoint, size, count);
                case "lat-client" -> roundTrips(ctx, endpoint, size, (int) count);
                default -> usage("unknown mode '" + mode + "'");
            }
        } finally {
            ctx.term();   // flushes what the sender queued, as the contract says
        }
    }

    private static void receive(ZMQ.Context ctx, SocketType type, String endpoint, int size, long count,
            String test) {
        ZMQ.Socket socket = ctx.socket(type);
        if (type == SocketType.SUB) {
            socket.subscribe(ZMQ.SUBSCRIPTION_ALL);
        }
        socket.bind(endpoint);
        PerfReport.Throughput clock = new PerfReport.Throughput(IMPL, test, size, count);
        check(socket.recv(), size);
        clock.started();
        for (long i = 1; i < count; i++) {
            check(socket.recv(), size);
            clock.received(i);
        }
        clock.stopped();
        socket.close();
        clock.print();
    }

    private static void send(ZMQ.Context ctx, SocketType type, String endpoint, int size, long count) {
        ZMQ.Socket socket = ctx.socket(type);
        if (type == SocketType.XPUB) {
            socket.setXpubNoDrop(true);
        }
        socket.connect(endpoint);
        if (type == SocketType.XPUB) {
            byte[] subscription = socket.recv();
            if (subscription == null || subscription.length < 1 || subscription[0] != 1) {
                throw new IllegalStateException("unexpected subscription message");
            }
        }
        byte[] payload = new byte[size];
        for (long i = 0; i < count; i++) {
            if (!socket.send(payload, 0)) {
                throw new IllegalStateException("send failed, errno " + socket.errno());
            }
        }
        socket.close();
    }

    private static void echo(ZMQ.Context ctx, String endpoint, int size, long count) {
        ZMQ.Socket socket = ctx.socket(SocketType.REP);
        socket.bind(endpoint);
        long total = count + PerfReport.warmup(count);
        for (long i = 0; i < total; i++) {
            byte[] request = socket.recv();
            check(request, size);
            socket.send(request, 0);
        }
        socket.close();
    }

    private static void roundTrips(ZMQ.Context ctx, String endpoint, int size, int count) {
        ZMQ.Socket socket = ctx.socket(SocketType.REQ);
        socket.connect(endpoint);
        byte[] payload = new byte[size];
        long warm = PerfReport.warmup(count);
        for (long i = 0; i < warm; i++) {
            socket.send(payload, 0);
            check(socket.recv(), size);
        }
        long[] rtt = new long[count];
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long a = System.nanoTime();
            socket.send(payload, 0);
            byte[] reply = socket.recv();
            rtt[i] = System.nanoTime() - a;
            check(reply, size);
        }
        long elapsed = System.nanoTime() - start;
        socket.close();
        PerfReport.printLatency(IMPL, size, warm, rtt, elapsed);
    }

    private static void check(byte[] message, int size) {
        if (message == null || message.length != size) {
            throw new IllegalStateException("expected a " + size + "-byte message, got "
                    + (message == null ? "none" : message.length + " bytes"));
        }
    }

    private static void usage(String problem) {
        System.err.println("usage: DropInPerfMain thr-recv|thr-send|pubsub-recv|pubsub-send|lat-server|lat-client"
                + " <endpoint> <msg-size> <count>\n" + problem);
        System.exit(2);
    }
}
