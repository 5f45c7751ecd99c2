package io.jzmtp;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.testing.FaultRelay;
import io.jzmtp.testing.OpenDescriptors;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bounded soak on loopback: cycles of reconnect storms, heartbeats over a black-holed link, subscription churn,
 * peers killed in the middle of a message and slow consumers, with the sockets checked to still work after each
 * phase. After every cycle it samples the heap after GC, Netty's direct memory, RSS, open descriptors and threads, and
 * it fails if they grow from the first cycles to the last.
 *
 * <p>The default build runs it for {@value #DEFAULT_SECONDS} s. A long soak is one command:
 * {@code mvn -B verify -pl patterns -am -Dit.test=SoakIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsoak.seconds=600}; it prints one line of figures per cycle.
 */
class SoakIT {

    private static final int DEFAULT_SECONDS = 30;
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private final Random random = new Random(42);

    @Test
    void resourcesStayFlatThroughCyclesOfFaults() throws Exception {
        long seconds = Long.getLong("soak.seconds", DEFAULT_SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Sample> samples = new ArrayList<>();
        try (Context ctx = Context.create()) {
            Fixture f = new Fixture(ctx);
            try {
                for (int cycle = 1; cycle <= 3 || System.nanoTime() < deadline; cycle++) {
                    reconnectStorm(ctx, f);
                    blackHoledHeartbeats(f);
                    subscriptionChurn(f);
                    peersKilledMidMessage(f);
                    slowConsumer(ctx);
                    Sample s = Sample.take(cycle);
                    samples.add(s);
                    System.out.println("soak " + s);
                }
            } finally {
                f.close();
            }
        }
        // The first cycle loads classes, JIT-compiles and fills pools; the second is the baseline.
        Sample base = samples.get(1);
        Sample last = samples.get(samples.size() - 1);
        String figures = "baseline " + base + ", last " + last;
        assertTrue(last.heapAfterGc - base.heapAfterGc < 16L << 20, "heap after GC grew: " + figures);
        assertTrue(last.nettyDirect - base.nettyDirect < 16L << 20, "Netty's direct memory grew: " + figures);
        assertTrue(last.descriptors - base.descriptors <= 4, "descriptors grew: " + figures);
        assertTrue(last.threads - base.threads <= 4, "threads grew: " + figures);
        assertTrue(last.rss - base.rss < 128L << 20, "RSS grew: " + figures);
    }

    /** The long-lived sockets the phases use, bound once. */
    private static final class Fixture {
        final Socket router;
        final Socket pub;
        final List<Socket> subs = new ArrayList<>();
        final Socket pull;
        final Socket heartbeatDealer;
        final FaultRelay relay;
        final int pullPort;

        Fixture(Context ctx) throws IOException {
            router = ctx.socket(SocketType.ROUTER);
            router.set(SocketOption.RCVTIMEO, PATIENCE);
            String routerEndpoint = router.bind("tcp://127.0.0.1:*");
            pub = ctx.socket(SocketType.PUB);
            String pubEndpoint = pub.bind("tcp://127.0.0.1:*");
            for (int i = 0; i < 4; i++) {
                Socket sub = ctx.socket(SocketType.SUB);
                sub.set(SocketOption.RCVTIMEO, Duration.ofMillis(200));
                sub.connect(pubEndpoint);
                subs.add(sub);
            }
            pull = ctx.socket(SocketType.PULL);
            pull.set(SocketOption.RCVTIMEO, PATIENCE);
            pull.set(SocketOption.MAXMSGSIZE, 1L << 20);
            String pullEndpoint = pull.bind("tcp://127.0.0.1:*");
            pullPort = port(pullEndpoint);
            relay = new FaultRelay(port(routerEndpoint));
            heartbeatDealer = ctx.socket(SocketType.DEALER);
            heartbeatDealer.set(SocketOption.HEARTBEAT_IVL, Duration.ofMillis(100));
            heartbeatDealer.set(SocketOption.HEARTBEAT_TIMEOUT, Duration.ofMillis(300));
            heartbeatDealer.set(SocketOption.RECONNECT_IVL, Duration.ofMillis(50));
            heartbeatDealer.set(SocketOption.ROUTING_ID, "hb".getBytes(StandardCharsets.US_ASCII));
            heartbeatDealer.set(SocketOption.SNDTIMEO, PATIENCE);
            heartbeatDealer.set(SocketOption.RCVTIMEO, PATIENCE);
            heartbeatDealer.connect(relay.endpoint());
        }

        void close() throws IOException {
            relay.close();
        }
    }

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    /** Twenty DEALERs connect, are heard by the ROUTER, and leave; twice. */
    private static void reconnectStorm(Context ctx, Fixture f) {
        String endpoint = f.router.lastEndpoint();
        for (int round = 0; round < 2; round++) {
            List<Socket> dealers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Socket d = ctx.socket(SocketType.DEALER);
                d.set(SocketOption.LINGER, Duration.ofSeconds(5));
                d.connect(endpoint);
                d.send("storm");
                dealers.add(d);
            }
            for (int i = 0; i < 20; i++) {
                try (Message m = f.router.receive()) {
                    assertNotNull(m, "storm message " + i + " of round " + round);
                    assertEquals("storm", m.frame(1).toUtf8());
                }
            }
            dealers.forEach(Socket::close);
        }
    }

    /** The link goes silent: heartbeats notice, the DEALER reconnects through the restored relay and is heard. */
    private static void blackHoledHeartbeats(Fixture f) throws InterruptedException {
        long timeoutsBefore = f.heartbeatDealer.statistics().heartbeatTimeouts();
        f.relay.mode(FaultRelay.Mode.BLACK_HOLE);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (f.heartbeatDealer.statistics().heartbeatTimeouts() == timeoutsBefore) {
            assertTrue(System.nanoTime() < deadline, "no heartbeat timeout on a black-holed link");
            Thread.sleep(20);
        }
        f.relay.mode(FaultRelay.Mode.FORWARD);
        f.relay.closeAll();   // the half-open connections the black hole left behind
        // Messages sent while no connection is up wait in the DEALER's queue and go out on the next one.
        assertTrue(f.heartbeatDealer.send("after the black hole"));
        while (true) {
            try (Message m = f.router.receive()) {
                assertNotNull(m, "the DEALER was never heard again after the black hole");
                if (m.frame(1).toUtf8().equals("after the black hole")) {
                    return;
                }
            }
        }
    }

    /** SUBs subscribe and cancel many topics while the PUB publishes; a kept subscription still works after. */
    private void subscriptionChurn(Fixture f) throws InterruptedException {
        for (Socket sub : f.subs) {
            for (int i = 0; i < 100; i++) {
                sub.subscribe("churn-" + random.nextInt(1000));
            }
        }
        for (int i = 0; i < 500; i++) {
            f.pub.send("churn-" + random.nextInt(1000) + " payload");
        }
        for (Socket sub : f.subs) {
            drain(sub);
        }
        for (Socket sub : f.subs) {
            for (int i = 0; i < 1000; i++) {
                sub.unsubscribe("churn-" + i);   // cancels of topics never subscribed are ignored, as in libzmq
            }
            sub.subscribe("kept");
        }
        // The PUB learns of the subscriptions asynchronously: publish until every SUB has heard one.
        for (Socket sub : f.subs) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            boolean heard = false;
            while (!heard) {
                assertTrue(System.nanoTime() < deadline, "a SUB never received its kept topic");
                f.pub.send("kept");
                try (Message m = sub.receive()) {
                    heard = m != null && m.first().toUtf8().equals("kept");   // churn still in flight is skipped
                }
            }
        }
        for (Socket sub : f.subs) {
            sub.unsubscribe("kept");
            drain(sub);
        }
    }

    private static void drain(Socket socket) {
        Message m;
        while ((m = socket.tryReceive()) != null) {
            m.close();
        }
    }

    /**
     * Peers that handshake as PUSH, send half of a 100 KB frame and die with a reset: the PULL releases the partial
     * frame and goes on receiving from a well-behaved peer.
     */
    private static void peersKilledMidMessage(Fixture f) throws IOException {
        for (int i = 0; i < 10; i++) {
            try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), f.pullPort)) {
                OutputStream out = s.getOutputStream();
                out.write(RawZmtpPeer.greeting());
                out.write(RawZmtpPeer.ready("PUSH"));
                byte[] header = {0x02, 0, 0, 0, 0, 0, 1, (byte) 0x86, (byte) 0xa0};   // LONG, 100,000 bytes
                out.write(header);
                out.write(new byte[50_000]);
                out.flush();
                s.setSoLinger(true, 0);   // close with RST: killed, not closed politely
            }
        }
        try (RawZmtpPeer push = RawZmtpPeer.connect(f.pullPort).handshake("PUSH")) {
            push.sendTogether("still here");
            try (Message m = f.pull.receive()) {
                assertNotNull(m, "the PULL stopped receiving after peers died mid-message");
                assertEquals("still here", m.first().toUtf8());
            }
        }
    }

    /**
     * A PULL that reads slowly behind small HWMs: the PUSH blocks within its timeout rather than queueing without
     * bound; then the consumer goes away with its queue full and the producer closes without waiting.
     */
    private static void slowConsumer(Context ctx) {
        try (Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            push.set(SocketOption.SNDHWM, 50);
            push.set(SocketOption.LINGER, Duration.ZERO);
            pull.set(SocketOption.RCVHWM, 50);
            pull.set(SocketOption.LINGER, Duration.ZERO);
            pull.connect(push.bind("tcp://127.0.0.1:*"));
            byte[] body = new byte[1024];
            int sent = 0;
            int received = 0;
            long end = System.nanoTime() + Duration.ofMillis(400).toNanos();
            for (int attempt = 1; System.nanoTime() < end; attempt++) {
                Message m = Message.of(Frame.of(body.clone()));
                if (push.send(m, Duration.ofMillis(5))) {
                    sent++;
                } else {
                    m.close();   // a send that timed out leaves the message with the caller
                }
                // One read per ten attempts, counted by attempts and not by messages sent: once the sender is held
                // back, the count of messages sent stops moving, and the consumer must not stop with it.
                if (attempt % 10 == 0) {
                    Message in = pull.tryReceive();
                    if (in != null) {
                        received++;
                        in.close();
                    }
                }
            }
            assertTrue(sent > 0 && received > 0, "sent " + sent + ", received " + received);
            // Bounded: what the pair holds is at most both HWMs plus what TCP buffers.
            assertTrue(push.statistics().messagesQueued() <= 50, "queued " + push.statistics().messagesQueued());
        }
    }

    /** One cycle's figures. */
    private record Sample(int cycle, long heapAfterGc, long nettyDirect, long rss, int descriptors, int threads) {

        static Sample take(int cycle) throws IOException, InterruptedException {
            long heap = RetainedMemory.heapAfterGc();
            long direct = RetainedMemory.nettyDirect();
            return new Sample(cycle, heap, direct, readRss(), OpenDescriptors.available()
                    ? OpenDescriptors.socketsAndEvents() : 0, Thread.activeCount());
        }

        private static long readRss() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return 0;
        }

        @Override
        public String toString() {
            return String.format("cycle %d: heap after GC %.1f MB, Netty direct %.1f MB, RSS %.1f MB, "
                    + "sockets+events %d, threads %d", cycle, heapAfterGc / 1e6, nettyDirect / 1e6, rss / 1e6,
                    descriptors, threads);
        }
    }
}
