package io.jzmtp;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.jzmtp.TestSupport.PATIENCE;
import static io.jzmtp.TestSupport.pooled;
import static io.jzmtp.TestSupport.port;
import static io.jzmtp.TestSupport.receiveText;
import static io.jzmtp.TestSupport.sendOrFail;
import static io.jzmtp.TestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** PUSH round-robin and PULL fair-queueing over real loopback connections, plus what arrives with each message. */
class PushPullRoutingIT {

    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** PULLs connect to a bound PUSH: once a probe round shows all three attached, data is dealt out evenly. */
    @Test
    void boundPushRoundRobinsAcrossThreeConnectedPulls() {
        Socket push = ctx.socket(SocketType.PUSH);
        String ep = push.bind("tcp://127.0.0.1:*");
        List<Socket> pulls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Socket pull = ctx.socket(SocketType.PULL);
            pull.connect(ep);
            pulls.add(pull);
        }
        // Probe until each PULL has received something: then all three pipes are in the rotation.
        boolean[] reached = new boolean[3];
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!(reached[0] && reached[1] && reached[2])) {
            assertTrue(System.nanoTime() < deadline, "not every PULL got connected: " + Arrays.toString(reached));
            sendOrFail(push, pooled("probe"));
            for (int i = 0; i < 3; i++) {
                try (Message m = pulls.get(i).receive(Duration.ofMillis(10))) {
                    reached[i] |= m != null;
                }
            }
        }
        int n = 300;
        for (int i = 0; i < n; i++) {
            sendOrFail(push, pooled("data", Integer.toString(i)));
        }
        List<List<Integer>> got = collectData(pulls, n);
        for (int i = 0; i < 3; i++) {
            assertEquals(n / 3, got.get(i).size(), "PULL " + i + " got " + got.get(i));
            int residue = got.get(i).get(0) % 3;
            for (int index : got.get(i)) {
                assertEquals(residue, index % 3, "strict rotation: PULL " + i + " got " + got.get(i));
            }
        }
        for (Socket pull : pulls) {
            TestSupport.drainQuietly(pull);   // probes may still be in flight
        }
    }

    /** A PUSH connecting to three PULLs has its three pipes at once, so even the first messages are dealt evenly. */
    @Test
    void connectingPushRoundRobinsFromTheFirstMessage() {
        Socket push = ctx.socket(SocketType.PUSH);
        List<Socket> pulls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Socket pull = ctx.socket(SocketType.PULL);
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            pulls.add(pull);
        }
        int n = 301;
        for (int i = 0; i < n; i++) {
            sendOrFail(push, pooled("data", Integer.toString(i)));
        }
        List<List<Integer>> got = collectData(pulls, n);
        for (int i = 0; i < 3; i++) {
            List<Integer> mine = got.get(i);
            assertTrue(Math.abs(mine.size() - n / 3.0) <= 1, "PULL " + i + " got " + mine.size());
            for (int k = 0; k < mine.size(); k++) {
                assertEquals(i + 3 * k, mine.get(k), "PULL " + i + " (connected " + i + "th) got " + mine);
            }
        }
    }

    /** Reads {@code n} "data" messages in total from {@code pulls}, skipping probes; indices per PULL in order. */
    private static List<List<Integer>> collectData(List<Socket> pulls, int n) {
        List<List<Integer>> got = new ArrayList<>();
        for (int i = 0; i < pulls.size(); i++) {
            got.add(new ArrayList<>());
        }
        int total = 0;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (total < n) {
            assertTrue(System.nanoTime() < deadline, "only " + total + " of " + n + " arrived: " + got);
            for (int i = 0; i < pulls.size(); i++) {
                try (Message m = pulls.get(i).receive(Duration.ofMillis(5))) {
                    if (m != null && m.frame(0).toUtf8().equals("data")) {
                        got.get(i).add(Integer.parseInt(m.frame(1).toUtf8()));
                        total++;
                    }
                }
            }
        }
        return got;
    }

    /**
     * Two PUSHes with a backlog at one PULL: the PULL takes one message from each in turn. Both senders are driven
     * into back-pressure first (their sends time out), which proves the PULL's pipe for each holds RCVHWM messages;
     * so the first RCVHWM receives must alternate strictly.
     */
    @Test
    void pullFairQueuesTwoPushesWithBacklog() {
        int rcvHwm = 20;
        Socket pull = ctx.socket(SocketType.PULL);
        pull.set(SocketOption.RCVHWM, rcvHwm);
        String ep = pull.bind("tcp://127.0.0.1:*");
        Socket a = ctx.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 10);
        Socket b = ctx.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 10);
        a.connect(ep);
        b.connect(ep);
        sendOrFail(a, pooled("probe"));
        sendOrFail(b, pooled("probe"));
        assertEquals("probe", receiveText(pull));
        assertEquals("probe", receiveText(pull));
        int sentA = fillUntilBlocked(a, "A");
        int sentB = fillUntilBlocked(b, "B");

        List<String> order = new ArrayList<>();
        int[] next = new int[2];
        for (int i = 0; i < sentA + sentB; i++) {
            try (Message m = pull.receive(PATIENCE)) {
                assertNotNull(m, "message " + i + " of " + (sentA + sentB));
                String[] id = m.frame(0).toUtf8().split("-");
                int who = id[0].equals("A") ? 0 : 1;
                assertEquals(next[who]++, Integer.parseInt(id[1]), "per-sender order");
                assertEquals(PAYLOAD, m.frame(1).size());
                order.add(id[0]);
            }
        }
        for (int i = 1; i < rcvHwm; i++) {
            assertTrue(!order.get(i).equals(order.get(i - 1)),
                    "receive " + i + " does not alternate: " + order.subList(0, rcvHwm));
        }
        assertEquals(sentA, next[0]);
        assertEquals(sentB, next[1]);
    }

    private static final int PAYLOAD = 32 * 1024;
    private static final int MAX_BACKLOG = 4000;

    /** Sends {@code name-i} messages until one send times out; returns how many were sent. */
    static int fillUntilBlocked(Socket push, String name) {
        for (int i = 0; i < MAX_BACKLOG; i++) {
            Message m = pooled(name + "-" + i);
            m.add(Frame.of(new byte[PAYLOAD]));
            if (!push.send(m, Duration.ofMillis(500))) {
                m.close();
                return i;
            }
        }
        return fail(name + " never blocked after " + MAX_BACKLOG + " messages of " + PAYLOAD + " bytes");
    }

    /** Four threads share one PUSH: every multipart message arrives whole, in order per thread, none lost. */
    @Test
    void concurrentSendersNeverInterleaveFrames() throws Exception {
        Socket pull = ctx.socket(SocketType.PULL);
        Socket push = ctx.socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        int threads = 4;
        int perThread = 2500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "t" + t;
                senders.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        sendOrFail(push, pooled(name, Integer.toString(i), name + ":" + i + ":" + "x".repeat(i % 50)));
                    }
                    return null;
                }));
            }
            start.countDown();
            int[] next = new int[threads];
            for (int k = 0; k < threads * perThread; k++) {
                try (Message m = pull.receive(PATIENCE)) {
                    assertNotNull(m, "message " + k);
                    assertEquals(3, m.size(), text(m));
                    int t = Integer.parseInt(m.frame(0).toUtf8().substring(1));
                    int i = Integer.parseInt(m.frame(1).toUtf8());
                    assertEquals(next[t]++, i, "order of thread " + t);
                    assertEquals("t" + t + ":" + i + ":" + "x".repeat(i % 50), m.frame(2).toUtf8());
                }
            }
            for (Future<?> f : senders) {
                f.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (int t = 0; t < threads; t++) {
                assertEquals(perThread, next[t]);
            }
            try (Message extra = pull.receive(Duration.ofMillis(100))) {
                assertEquals(null, extra, "nothing beyond what was sent");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void metadataAndPeerAddressArriveWithEachMessage() {
        Socket pull = ctx.socket(SocketType.PULL);
        Socket push = ctx.socket(SocketType.PUSH);
        push.set(SocketOption.METADATA, Map.of("X-Hello", "World"));
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        sendOrFail(push, pooled("hi"));
        try (Message m = pull.receive(PATIENCE)) {
            assertNotNull(m);
            assertEquals("World", m.metadata().get("X-Hello").orElse(null), m.metadata().toString());
            assertEquals("World", m.metadata().get("x-hello").orElse(null), "names match in any case");
            assertEquals("127.0.0.1", m.metadata().peerAddress().orElse(null), m.metadata().toString());
            assertEquals("PUSH", m.metadata().socketType().orElse(null));
        }
    }

    @Test
    void localhostIsResolved() throws IOException {
        Socket pull = ctx.socket(SocketType.PULL);
        int p = port(pull.bind("tcp://127.0.0.1:*"));
        if (hasIpv6Loopback()) {
            try {
                pull.bind("tcp://[::1]:" + p);   // wherever localhost resolves to, someone listens
            } catch (io.jzmtp.transport.BindFailedException ignored) {
                // the same port is taken on ::1; localhost then has to resolve to 127.0.0.1
            }
        }
        Socket push = ctx.socket(SocketType.PUSH);
        push.connect("tcp://localhost:" + p);
        assertEquals("tcp://localhost:" + p, push.lastEndpoint());
        sendOrFail(push, pooled("via localhost"));
        assertEquals("via localhost", receiveText(pull));
    }

    @Test
    void ipv6Loopback() throws IOException {
        Assumptions.assumeTrue(hasIpv6Loopback(), "this machine has no usable ::1");
        Socket pull = ctx.socket(SocketType.PULL);
        String ep = pull.bind("tcp://[::1]:*");
        // libzmq reports tcp://[::1]:port; the long form names the same address, so either is accepted here.
        assertTrue((ep.startsWith("tcp://[::1]:") || ep.startsWith("tcp://[0:0:0:0:0:0:0:1]:")) && port(ep) > 0, ep);
        Socket push = ctx.socket(SocketType.PUSH);
        push.connect(ep);
        sendOrFail(push, pooled("over IPv6"));
        try (Message m = pull.receive(PATIENCE)) {
            assertNotNull(m);
            assertEquals("over IPv6", text(m));
            String peer = m.metadata().peerAddress().orElseThrow();
            assertTrue(InetAddress.getByName(peer).isLoopbackAddress() && peer.contains(":"), peer);
        }
    }

    private static boolean hasIpv6Loopback() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
