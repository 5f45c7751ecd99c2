package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.ZBeacon;

/**
 * Pins {@code ZBeacon} on loopback only: every beacon goes to 127.0.0.1 (never to a broadcast address), on a port
 * that was free just before the test. The UDP payload is the beacon's bytes with no header, both ways; received
 * beacons reach the listener whole when they start with the prefix, and only then; {@code setBeacon} changes the next
 * beacon; {@code stop()} ends the beacon's threads. Beacons from loopback pass only with {@code ignoreLocalAddress}
 * false, which the other tests therefore use.
 *
 * <p>JeroMQ binds the receiving port in the constructor, and with several sockets on one port the kernel gives a
 * unicast datagram to one of them. So the two-beacon test asserts what holds whichever socket gets it, and the wire
 * tests read or write with a plain socket bound to 127.0.0.1, which the kernel prefers to a wildcard socket. JeroMQ's
 * {@code stop()} can throw a NullPointerException (a race with its own threads), which {@link #stop} absorbs.
 */
class ZBeaconTest {
    private static final String LOOPBACK = "127.0.0.1";
    private static final long FAST_INTERVAL = 50;
    private static final Duration DEADLINE = Await.DEFAULT;

    /** What a listener heard: who heard it, from which address, which bytes. */
    private record Heard(String listener, InetAddress sender, String beacon) {
    }

    private final List<ZBeacon> beacons = new ArrayList<>();
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final BlockingQueue<Heard> heard = new LinkedBlockingQueue<>();

    @AfterEach
    void tearDown() throws Exception {
        for (ZBeacon beacon : beacons) {
            stop(beacon);
        }
        for (DatagramChannel channel : channels) {
            channel.close();
        }
    }

    @Test
    void constantsAndBuilderDefaults() throws IOException {
        assertEquals(1000L, ZBeacon.DEFAULT_BROADCAST_INTERVAL);
        assertEquals("255.255.255.255", ZBeacon.DEFAULT_BROADCAST_HOST);

        byte[] bytes = bytes("built");
        ZBeacon beacon = track(new ZBeacon.Builder().port(freePort()).beacon(bytes).prefix(bytes("bu")).build());
        bytes[0] = 'X';
        assertArrayEquals(bytes("built"), beacon.getBeacon(), "the beacon is copied");
        assertArrayEquals(bytes("bu"), beacon.getPrefix());
        assertEquals(ZBeacon.DEFAULT_BROADCAST_INTERVAL, beacon.getBroadcastInterval());
        assertNull(beacon.getListener());

        beacon.setBroadcastInterval(250);
        assertEquals(250, beacon.getBroadcastInterval());
        ZBeacon.Listener listener = (sender, content) -> { };
        beacon.setListener(listener);
        assertEquals(listener, beacon.getListener());
    }

    @Test
    void serverAndClientBeaconsHearEachOther() throws Exception {
        int port = freePort();
        ZBeacon first = track(beacon(port, "first beacon"));
        ZBeacon second = track(beacon(port, "second beacon"));
        listen(first, "first", "");
        listen(second, "second", "");
        first.start();
        second.start();

        List<Heard> seen = new ArrayList<>();
        Await.until("both beacons heard, one by the other beacon", DEADLINE, () -> {
            take(seen, Duration.ofMillis(100));
            return heardBeacon(seen, "first beacon") && heardBeacon(seen, "second beacon")
                    && seen.stream().anyMatch(h -> !h.beacon().startsWith(h.listener()));
        });
        for (Heard one : seen) {
            assertEquals(InetAddress.getByName(LOOPBACK), one.sender());
            assertTrue(one.beacon().equals("first beacon") || one.beacon().equals("second beacon"), one.beacon());
        }
    }

    @Test
    void theDatagramIsTheBeaconBytesAsTheyAre() throws Exception {
        int port = freePort();
        byte[] payload = {'Z', 'B', 0, 1, 2, (byte) 0xff, 'e', 'n', 'd'};
        ZBeacon beacon = track(beacon(port, payload));
        DatagramChannel receiver = loopbackChannel(port);
        beacon.startClient();

        ByteBuffer datagram = ByteBuffer.allocate(1024);
        InetSocketAddress from = receive(receiver, datagram);
        assertArrayEquals(payload, remaining(datagram));
        assertEquals(InetAddress.getByName(LOOPBACK), from.getAddress());
    }

    @Test
    void aPlainDatagramReachesTheListenerWhole() throws Exception {
        int port = freePort();
        ZBeacon beacon = track(beacon(port, "unused"));
        listen(beacon, "server", "HYDRA");
        beacon.startServer();

        byte[] sent = {'H', 'Y', 'D', 'R', 'A', 1, 0x12, 0x34};
        try (DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET)) {
            Heard one = Await.result("the plain datagram", DEADLINE, () -> {
                send(sender, sent, port);
                return poll(Duration.ofMillis(100));
            });
            assertArrayEquals(sent, one.beacon().getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(InetAddress.getByName(LOOPBACK), one.sender());
        }
    }

    @Test
    void prefixFilteringDropsBeaconsThatDoNotStartWithIt() throws Exception {
        int port = freePort();
        ZBeacon beacon = track(beacon(port, "unused"));
        listen(beacon, "server", "MATCH");
        beacon.startServer();

        // From one socket, so the receiver sees them in this order: the others are dropped before the match arrives.
        try (DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET)) {
            Heard match = Await.result("the matching beacon", DEADLINE, () -> {
                send(sender, bytes("OTHER-1"), port);
                send(sender, bytes("MATCX-2"), port);
                send(sender, bytes("xMATCH-3"), port);
                send(sender, bytes("MATCH-4"), port);
                return poll(Duration.ofMillis(100));
            });
            assertEquals("MATCH-4", match.beacon());
            List<Heard> rest = new ArrayList<>();
            heard.drainTo(rest);
            rest.forEach(one -> assertEquals("MATCH-4", one.beacon()));
        }
    }

    @Test
    void setBeaconChangesWhatIsSent() throws Exception {
        int port = freePort();
        ZBeacon beacon = track(beacon(port, "one"));
        DatagramChannel receiver = loopbackChannel(port);
        beacon.startClient();

        ByteBuffer datagram = ByteBuffer.allocate(1024);
        receive(receiver, datagram);
        assertEquals("one", text(remaining(datagram)));

        beacon.setBeacon(bytes("two"));
        assertArrayEquals(bytes("two"), beacon.getBeacon());
        Await.until("the new beacon on the wire", DEADLINE, () -> {
            datagram.clear();
            receive(receiver, datagram);
            return text(remaining(datagram)).equals("two");
        });
        datagram.clear();
        receive(receiver, datagram);
        assertEquals("two", text(remaining(datagram)), "no old beacon after the new one");
    }

    @Test
    void stopEndsTheBeaconThreads() throws Exception {
        int port = freePort();
        ZBeacon beacon = track(beacon(port, "stopping"));
        listen(beacon, "self", "stop");
        beacon.start();
        Heard own = Await.result("the beacon hearing itself", DEADLINE, () -> poll(Duration.ofMillis(100)));
        assertEquals("stopping", own.beacon());
        assertTrue(beaconThreads() >= 2, "a client and a server thread run");

        if (stop(beacon)) {
            assertEquals(0, beaconThreads(), "beacon threads left after stop()");
        } else {
            // JeroMQ's race (see stop below): its threads were interrupted but not joined.
            Await.until("the beacon threads to end", DEADLINE, () -> beaconThreads() == 0);
        }
    }

    @Test
    void ignoreLocalAddressDropsBeaconsFromLoopback() throws Exception {
        int port = freePort();
        ZBeacon beacon = track(new ZBeacon(LOOPBACK, port, bytes("local"), true));
        beacon.setBroadcastInterval(10);
        listen(beacon, "self", "local");
        beacon.start();

        // Nothing can show that a datagram was dropped, so this waits a bounded time for one that must not come.
        try (DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET)) {
            for (int i = 0; i < 10; i++) {
                send(sender, bytes("local-" + i), port);
            }
            assertNull(poll(Duration.ofMillis(500)), "a loopback beacon passed ignoreLocalAddress");
        }
    }

    /**
     * Stops {@code beacon}; true if {@code stop()} returned normally the first time. JeroMQ's {@code stop()} reads
     * each thread field again after interrupting the thread, which clears it on its way out, so it sometimes throws
     * a NullPointerException; calling it again stops what is left.
     */
    private static boolean stop(ZBeacon beacon) throws InterruptedException {
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                beacon.stop();
                return attempt == 0;
            } catch (NullPointerException jeromqRace) {
                // Try again: the side that raced is gone now.
            }
        }
        return fail("stop() kept failing");
    }

    private ZBeacon beacon(int port, String content) {
        return beacon(port, bytes(content));
    }

    private ZBeacon beacon(int port, byte[] content) {
        ZBeacon beacon = new ZBeacon(LOOPBACK, port, content, false);
        beacon.setBroadcastInterval(FAST_INTERVAL);
        return beacon;
    }

    private ZBeacon track(ZBeacon beacon) {
        beacons.add(beacon);
        return beacon;
    }

    private void listen(ZBeacon beacon, String name, String prefix) {
        // JeroMQ needs a prefix before the first beacon arrives (it has no "no prefix" case).
        beacon.setPrefix(bytes(prefix));
        beacon.setListener((sender, content) -> heard.add(new Heard(name, sender, text(content))));
    }

    private Heard poll(Duration timeout) {
        try {
            return heard.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void take(List<Heard> seen, Duration timeout) {
        Heard one = poll(timeout);
        if (one != null) {
            seen.add(one);
            heard.drainTo(seen);
        }
    }

    private static boolean heardBeacon(List<Heard> seen, String beacon) {
        return seen.stream().anyMatch(h -> h.beacon().equals(beacon));
    }

    /** A plain socket on 127.0.0.1:port; SO_REUSEADDR lets it share the port with a beacon's wildcard socket. */
    private DatagramChannel loopbackChannel(int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channels.add(channel);
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        channel.bind(new InetSocketAddress(LOOPBACK, port));
        channel.configureBlocking(false);
        return channel;
    }

    /** Receives one datagram into {@code buffer}, failing the test after the deadline. */
    private static InetSocketAddress receive(DatagramChannel channel, ByteBuffer buffer) {
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            InetSocketAddress from;
            while ((from = (InetSocketAddress) channel.receive(buffer)) == null) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                assertTrue(left > 0, "no datagram within " + DEADLINE.toMillis() + " ms");
                selector.select(left);
            }
            buffer.flip();
            return from;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void send(DatagramChannel sender, byte[] content, int port) {
        try {
            sender.send(ByteBuffer.wrap(content), new InetSocketAddress(LOOPBACK, port));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int freePort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            return probe.getLocalPort();
        }
    }

    private static long beaconThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("ZBeacon"))
                .count();
    }

    private static byte[] remaining(ByteBuffer buffer) {
        return Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] content) {
        return new String(content, StandardCharsets.ISO_8859_1);
    }
}
