package io.jzmtp;

import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The memory rule against hostile peers on real sockets: for each pattern, the memory the process keeps (heap after
 * GC plus Netty's direct memory) grows by at most a small constant per byte the peer sent, and the socket still
 * serves a well-behaved peer afterwards. Each test prints its figure (bytes of memory per wire byte). Where the
 * connection lives on, the figure is taken after a first stretch of the flood, once Netty's buffer pool has grown
 * to its working size, so it is the cost of each further byte.
 */
class HostilePeerIT {

    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** A ZMTP 3.1 NULL greeting, as-server 0. */
    private static byte[] greeting31() {
        byte[] g = RawZmtpPeer.greeting();
        g[11] = 1;
        return g;
    }

    private static java.net.Socket rawConnect(String endpoint, String asType) throws IOException {
        int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port);
        s.setReceiveBufferSize(4096);   // a peer that reads nothing: our writes back up quickly
        OutputStream out = s.getOutputStream();
        out.write(greeting31());
        out.write(RawZmtpPeer.ready(asType));
        out.flush();
        return s;
    }

    /** Heap after a full collection plus Netty's direct memory, in bytes. */
    private static long retained() {
        return RetainedMemory.total();
    }

    private static void report(String pattern, long wireBytes, long growth) {
        System.out.printf("hostile %s: %d wire bytes, memory %+d bytes, %.3f bytes per wire byte%n", pattern,
                wireBytes, growth, (double) growth / wireBytes);
    }

    /** Writes {@code unit} until {@code total} bytes went out or the peer closed; returns the bytes written. */
    private static long flood(java.net.Socket s, byte[] unit, long total) throws IOException {
        byte[] chunk = new byte[unit.length * Math.max(1, 65536 / unit.length)];
        for (int i = 0; i < chunk.length; i += unit.length) {
            System.arraycopy(unit, 0, chunk, i, unit.length);
        }
        OutputStream out = s.getOutputStream();
        long written = 0;
        try {
            while (written < total) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (SocketException closedByUs) {
            // the engine dropped the connection: what it was meant to do for some patterns
        }
        return written;
    }

    /** The socket still talks to a peer that behaves. */
    private static void stillServes(String endpoint, Socket pull) throws IOException {
        int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        try (RawZmtpPeer push = RawZmtpPeer.connect(port).handshake("PUSH")) {
            push.sendTogether("fine");
            try (Message m = pull.receive(Duration.ofSeconds(10))) {
                assertNotNull(m, "the socket stopped serving other peers");
                assertEquals("fine", m.first().toUtf8());
            }
        }
    }

    @Test
    void aPingFloodFromAPeerThatNeverReadsCostsNothingPerPing() throws Exception {
        Socket pull = ctx.socket(SocketType.PULL);
        String ep = pull.bind("tcp://127.0.0.1:*");
        try (java.net.Socket s = rawConnect(ep, "PUSH")) {
            byte[] ping = RawZmtpPeer.pingFrame("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
            flood(s, ping, 4L << 20);   // first 4 MB: the buffer pool grows to its working size
            long before = retained();
            long wire = flood(s, ping, 16L << 20);   // 16 MB more of PINGs, no PONG ever read
            // A message after the PINGs: once it arrives, every PING before it has been read and answered (or not).
            s.getOutputStream().write(new byte[] {0x00, 0x04, 'd', 'o', 'n', 'e'});
            try (Message done = pull.receive(Duration.ofSeconds(10))) {
                assertNotNull(done, "the message after the PINGs never arrived");
            }
            long growth = retained() - before;
            report("PING flood, never reading", wire, growth);
            // Measured near 0; the bound leaves room for the heap's noise. One PONG kept per PING cost ~1,000x this.
            assertTrue(growth < wire / 2, "memory grew by " + growth + " for " + wire + " bytes of PINGs");
        }
        stillServes(ep, pull);
    }

    @Test
    void emptyMoreFramesAreDroppedAtMaxMsgSize() throws Exception {
        Socket pull = ctx.socket(SocketType.PULL);
        pull.set(SocketOption.MAXMSGSIZE, 1_000_000L);
        String ep = pull.bind("tcp://127.0.0.1:*");
        long before = retained();
        try (java.net.Socket s = rawConnect(ep, "PUSH")) {
            long wire = flood(s, new byte[] {0x01, 0x00}, 20L << 20);
            assertTrue(RawZmtpPeer.closedByPeerWithin(s, Duration.ofSeconds(10)),
                    "still connected after " + wire + " bytes");
            long growth = retained() - before;
            report("empty MORE frames under MAXMSGSIZE", wire, growth);
            assertTrue(growth < 8L << 20, "memory grew by " + growth);
        }
        stillServes(ep, pull);
    }

    @Test
    void endlessKilobyteMoreFramesAreDroppedAtMaxMsgSize() throws Exception {
        Socket pull = ctx.socket(SocketType.PULL);
        pull.set(SocketOption.MAXMSGSIZE, 1_000_000L);
        String ep = pull.bind("tcp://127.0.0.1:*");
        long before = retained();
        try (java.net.Socket s = rawConnect(ep, "PUSH")) {
            byte[] frame = new byte[9 + 1000];
            frame[0] = 0x03;   // MORE | LONG
            frame[7] = 0x03;
            frame[8] = (byte) 0xe8;   // 1000
            long wire = flood(s, frame, 200L << 20);
            assertTrue(RawZmtpPeer.closedByPeerWithin(s, Duration.ofSeconds(10)),
                    "still connected after " + wire + " bytes");
            long growth = retained() - before;
            report("1 KB MORE frames under MAXMSGSIZE", wire, growth);
            assertTrue(growth < 8L << 20, "memory grew by " + growth);
        }
        stillServes(ep, pull);
    }

    /**
     * Subscriptions are state the publisher must keep (as in libzmq); what matters is that each costs a bounded
     * multiple of its bytes on the wire.
     */
    @Test
    void aSubscriptionFloodCostsABoundedMultipleOfItsBytes() throws Exception {
        Socket pub = ctx.socket(SocketType.PUB);
        String ep = pub.bind("tcp://127.0.0.1:*");
        long before = retained();
        long wire = 0;
        try (java.net.Socket s = rawConnect(ep, "SUB")) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 100_000; i++) {
                byte[] topic = String.format("topic-%010d", i).getBytes(StandardCharsets.US_ASCII);
                batch.write(0x04);
                batch.write(1 + 9 + topic.length);
                batch.write(9);
                batch.writeBytes("SUBSCRIBE".getBytes(StandardCharsets.US_ASCII));
                batch.writeBytes(topic);
                if (batch.size() > 60_000) {
                    out.write(batch.toByteArray());
                    wire += batch.size();
                    batch.reset();
                }
            }
            out.write(batch.toByteArray());
            wire += batch.size();
            // The PUB has taken them all once a message on the last topic reaches us.
            InputStream in = s.getInputStream();
            in.readNBytes(64 + 2 + (RawZmtpPeer.ready("PUB").length - 2));   // greeting and READY
            s.setSoTimeout(10_000);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            boolean heard = false;
            while (!heard && System.nanoTime() < deadline) {
                pub.send("topic-0000099999 last");
                heard = in.available() > 0;
                Thread.sleep(10);
            }
            assertTrue(heard, "the PUB never matched the last subscription");
            long growth = retained() - before;
            report("SUBSCRIBE flood, 100,000 distinct topics", wire, growth);
            assertTrue(growth < 64 * wire, "memory grew by " + growth + " for " + wire + " bytes of SUBSCRIBE");
        }
    }

    /**
     * An XPUB_VERBOSE whose application publishes but never reads: a subscriber repeating SUBSCRIBE without end is
     * held back at RCVHWM (its connection stops being read) instead of queueing subscriptions for the application
     * without limit, as libzmq does.
     */
    @Test
    void subscriptionsForAnXpubThatNeverReadsAreBoundedByRcvHwm() throws Exception {
        Socket xpub = ctx.socket(SocketType.XPUB);
        xpub.set(SocketOption.XPUB_VERBOSE, true);
        xpub.set(SocketOption.RCVHWM, 100);
        String ep = xpub.bind("tcp://127.0.0.1:*");
        byte[] subscribe = {0x04, 0x0b, 0x09, 'S', 'U', 'B', 'S', 'C', 'R', 'I', 'B', 'E', 't'};
        long before = retained();
        try (java.net.Socket s = rawConnect(ep, "SUB")) {
            java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
            Thread flooder = new Thread(() -> {
                try {
                    byte[] chunk = new byte[subscribe.length * 4096];
                    for (int i = 0; i < chunk.length; i += subscribe.length) {
                        System.arraycopy(subscribe, 0, chunk, i, subscribe.length);
                    }
                    while (written.get() < 256L << 20) {
                        s.getOutputStream().write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException closed) {
                    // the test closed the socket
                }
            }, "subscribe-flooder");
            flooder.setDaemon(true);
            flooder.start();
            // The application publishes (so the socket processes its peers) but never reads; the flooder must come
            // to a stop, held back by TCP, long before its 256 MB.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long last = -1;
            int stillFor = 0;
            while (stillFor < 20) {
                assertTrue(System.nanoTime() < deadline, "the flooder never stopped: " + written.get() + " bytes");
                xpub.send("news");
                Thread.sleep(50);
                long now = written.get();
                stillFor = now == last ? stillFor + 1 : 0;
                last = now;
            }
            long growth = retained() - before;
            report("SUBSCRIBE flood to an XPUB_VERBOSE that never reads", last, growth);
            assertTrue(last < 64L << 20, "held back only after " + last + " bytes");
            assertTrue(growth < 8L << 20, "memory grew by " + growth);
            // Reading lets the subscriptions flow again.
            try (Message m = xpub.receive(Duration.ofSeconds(10))) {
                assertNotNull(m);
                assertEquals("\u0001t", m.first().toUtf8());
            }
            s.close();
            flooder.join(10_000);
        }
    }
}
