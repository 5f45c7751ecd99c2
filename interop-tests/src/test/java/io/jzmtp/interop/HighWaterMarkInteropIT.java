package io.jzmtp.interop;

import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import static io.jzmtp.interop.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What each of our sending sockets does when a libzmq or JeroMQ receiver stops reading (ZMTP.md §15): PUB drops
 * for that subscriber only (the publisher never waits, and a second subscriber keeps getting new messages); XPUB with
 * XPUB_NODROP, PUSH, DEALER and ROUTER with ROUTER_MANDATORY would block instead, and lose nothing; a plain ROUTER
 * drops. To reach the limit quickly, our SNDHWM is {@value #HWM}, the receiver's RCVHWM too, and both TCP buffers
 * are {@value #TCP_BUFFER} bytes; messages are 1 KiB, numbered, so a receiver's count and order show what was lost.
 */
class HighWaterMarkInteropIT extends InteropScenario {

    private static final int HWM = 10;
    private static final int TCP_BUFFER = 4096;
    private static final int MESSAGE_SIZE = 1024;
    /** Messages sent to a receiver that drops: far more than fit in the queues and buffers on the way. */
    private static final int BURST = 2000;
    /** Upper bound when sending until would-block: if this many fit, the sender never pushed back. */
    private static final int NEVER_FULL = 20_000;
    /** How long a receiver that drains waits for more before it decides everything has arrived. */
    private static final Duration QUIET = Duration.ofMillis(300);

    @ParameterizedTest(name = "their {0} SUB")
    @EnumSource(PeerKind.class)
    void ourPubDropsForTheirSlowSubOnly_tcp(PeerKind kind) {
        Socket pub = sender(SocketType.PUB);
        String endpoint = pub.bind(ANY_PORT);
        Peer slow = slowReceiver(kind, SocketType.SUB);
        slow.subscribe(new byte[0]);
        slow.connect(endpoint);
        Socket fast = ours(SocketType.SUB);
        fast.set(SocketOption.RCVHWM, 0);
        fast.subscribe(new byte[0]);
        fast.connect(endpoint);
        awaitBothSubscribed(pub, slow, fast);

        long start = System.nanoTime();
        for (int i = 0; i < BURST; i++) {
            assertTrue(offer(pub, Duration.ZERO, numbered(i)), "PUB never pushes back, but refused message " + i);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "publishing " + BURST + " messages took " + took);

        // The slow subscriber's queues are full; the other one, once it has caught up with the burst (it may have
        // missed some too: the burst outran its pipe as well), gets everything published now.
        drainQuietly(fast);
        for (int i = 0; i < 20; i++) {
            byte[] live = utf8("live-" + i);
            assertTrue(offer(pub, TIMEOUT, live));
            receiveUntil(fast, live);
        }
        List<Integer> got = numbers(slow.drain(QUIET));
        assertInOrder(got);
        assertTrue(got.size() < BURST, "the slow subscriber got all " + BURST + " messages: nothing was dropped");
        assertTrue(got.size() >= HWM, "the slow subscriber got only " + got.size() + " messages");
    }

    @ParameterizedTest(name = "their {0} SUB")
    @EnumSource(PeerKind.class)
    void ourXpubWithNodropBlocksForTheirSlowSub_tcp(PeerKind kind) {
        Socket xpub = sender(SocketType.XPUB);
        xpub.set(SocketOption.XPUB_NODROP, true);
        String endpoint = xpub.bind(ANY_PORT);
        Peer slow = slowReceiver(kind, SocketType.SUB);
        slow.subscribe(new byte[0]);
        slow.connect(endpoint);
        PubSubInteropIT.expectSubscriptions(Side.ours(xpub), Side.theirs(slow, SocketType.SUB), new byte[] {1});

        int sent = sendUntilWouldBlock(xpub, 0);
        assertBlocks(xpub, sent);
        assertEverythingArrives(slow.drain(QUIET), sent, 0);
        assertTrue(offer(xpub, TIMEOUT, numbered(sent)), "XPUB still blocked after the subscriber caught up");
    }

    @ParameterizedTest(name = "their {0} PULL")
    @EnumSource(PeerKind.class)
    void ourPushBlocksForTheirSlowPull_tcp(PeerKind kind) {
        Socket push = sender(SocketType.PUSH);
        Peer pull = slowReceiver(kind, SocketType.PULL);
        pull.connect(push.bind(ANY_PORT));
        assertTrue(offer(push, TIMEOUT, numbered(0)));   // waits for the peer to connect
        assertEverythingArrives(List.of(assertReceived(pull)), 1, 0);

        int sent = sendUntilWouldBlock(push, 1);
        assertBlocks(push, sent);
        assertEverythingArrives(pull.drain(QUIET), sent - 1, 1);
    }

    @ParameterizedTest(name = "their {0} ROUTER")
    @EnumSource(PeerKind.class)
    void ourDealerBlocksForTheirSlowRouter_tcp(PeerKind kind) {
        Socket dealer = sender(SocketType.DEALER);
        Peer router = slowReceiver(kind, SocketType.ROUTER);
        router.connect(dealer.bind(ANY_PORT));
        assertTrue(offer(dealer, TIMEOUT, numbered(0)));
        assertEverythingArrives(List.of(assertReceived(router)), 1, 0);

        int sent = sendUntilWouldBlock(dealer, 1);
        assertBlocks(dealer, sent);
        assertEverythingArrives(router.drain(QUIET), sent - 1, 1);
    }

    @ParameterizedTest(name = "their {0} DEALER")
    @EnumSource(PeerKind.class)
    void ourRouterDropsForTheirSlowDealer_tcp(PeerKind kind) {
        Socket router = sender(SocketType.ROUTER);
        byte[] id = slowDealerSaysHello(kind, router);
        for (int i = 0; i < BURST; i++) {
            assertTrue(offer(router, Duration.ZERO, id, numbered(i)), "ROUTER drops at SNDHWM, but refused " + i);
        }
        List<Integer> got = numbers(dealer.drain(QUIET));
        assertInOrder(got);
        assertTrue(got.size() < BURST, "the slow DEALER got all " + BURST + " messages: nothing was dropped");
    }

    @ParameterizedTest(name = "their {0} DEALER")
    @EnumSource(PeerKind.class)
    void ourMandatoryRouterBlocksForTheirSlowDealer_tcp(PeerKind kind) {
        Socket router = sender(SocketType.ROUTER);
        router.set(SocketOption.ROUTER_MANDATORY, true);
        byte[] id = slowDealerSaysHello(kind, router);
        int sent = 0;
        while (offer(router, Duration.ofMillis(200), id, numbered(sent))) {
            if (++sent >= NEVER_FULL) {
                fail("ROUTER_MANDATORY took " + NEVER_FULL + " messages for a DEALER that reads nothing");
            }
        }
        assertFalse(offer(router, Duration.ZERO, id, numbered(sent)), "ROUTER_MANDATORY sent past SNDHWM");
        assertEverythingArrives(dealer.drain(QUIET), sent, 0);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** The slow DEALER of the ROUTER scenarios. */
    private Peer dealer;

    /** A slow DEALER named {@code slow-dealer} connects to our ROUTER and says hello; returns its routing id. */
    private byte[] slowDealerSaysHello(PeerKind kind, Socket router) {
        byte[] id = utf8("slow-dealer");
        dealer = slowReceiver(kind, SocketType.DEALER);
        dealer.setOption("ROUTING_ID", id);
        dealer.connect(router.bind(ANY_PORT));
        dealer.send(utf8("hello"));
        try (Message m = router.receive()) {
            assertNotNull(m, "our ROUTER received no hello within " + TIMEOUT);
            assertArrayEquals(id, m.frame(0).toBytes(), "the DEALER's routing id");
        }
        return id;
    }

    /** Our socket of {@code type} with SNDHWM {@value #HWM} and a small SO_SNDBUF. */
    private Socket sender(SocketType type) {
        Socket s = ours(type);
        s.set(SocketOption.SNDHWM, HWM);
        s.set(SocketOption.SNDBUF, TCP_BUFFER);
        return s;
    }

    /** Their socket of {@code type} with RCVHWM {@value #HWM} and a small SO_RCVBUF; the test does not read it yet. */
    private Peer slowReceiver(PeerKind kind, SocketType type) {
        Peer p = theirs(kind, type);
        p.setOption("RCVHWM", HWM);
        p.setOption("RCVBUF", TCP_BUFFER);
        return p;
    }

    /** 1 KiB, starting with {@code n} as 4 big-endian bytes. */
    private static byte[] numbered(int n) {
        byte[] b = Payloads.patterned(MESSAGE_SIZE, n);
        ByteBuffer.wrap(b).putInt(n);
        return b;
    }

    /** The numbers of the numbered messages among {@code messages} (the last frame of each), in arrival order. */
    private static List<Integer> numbers(List<Peer.Received> messages) {
        return messages.stream().map(r -> r.frames().get(r.frames().size() - 1))
                .filter(f -> f.length == MESSAGE_SIZE).map(f -> ByteBuffer.wrap(f).getInt()).toList();
    }

    private static void assertInOrder(List<Integer> numbers) {
        for (int i = 1; i < numbers.size(); i++) {
            if (numbers.get(i) <= numbers.get(i - 1)) {
                fail("message " + numbers.get(i) + " arrived after " + numbers.get(i - 1) + ": " + numbers);
            }
        }
    }

    /** Exactly messages {@code first} .. {@code first + count - 1} arrived, in order: nothing was lost. */
    private static void assertEverythingArrives(List<Peer.Received> messages, int count, int first) {
        List<Integer> got = numbers(messages);
        assertEquals(count, got.size(), "messages that arrived (nothing may be lost): " + summary(got));
        for (int i = 0; i < count; i++) {
            assertEquals(first + i, got.get(i), "message at position " + i);
        }
    }

    private static String summary(List<Integer> numbers) {
        return numbers.size() <= 20 ? numbers.toString()
                : numbers.subList(0, 10) + " … " + numbers.subList(numbers.size() - 10, numbers.size());
    }

    private static Peer.Received assertReceived(Peer peer) {
        Peer.Received r = peer.receive(TIMEOUT);
        assertNotNull(r, peer.describe() + " received nothing within " + TIMEOUT);
        return r;
    }

    /**
     * Sends numbered messages from {@code from} on until a send waits 200 ms in vain; returns the number of the message
     * that could not be sent. (A single trySend that fails proves little: the I/O thread may be about to take the
     * queued messages into the TCP buffers.)
     */
    private static int sendUntilWouldBlock(Socket sender, int from) {
        int n = from;
        while (true) {
            if (!offer(sender, Duration.ofMillis(200), numbered(n))) {
                return n;
            }
            if (++n - from >= NEVER_FULL) {
                return fail("our " + sender.type() + " took " + NEVER_FULL + " messages for a peer that reads nothing");
            }
        }
    }

    /** A send with a timeout waits it out and gives up, leaving the message with the caller. */
    private static void assertBlocks(Socket sender, int next) {
        long start = System.nanoTime();
        assertFalse(offer(sender, Duration.ofMillis(200), numbered(next)), "our " + sender.type()
                + " sent past its SNDHWM");
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(waited >= 150, "our " + sender.type() + " gave up after " + waited + " ms, not 200");
    }

    /** Publishes {@code sync} until both subscribers got one. */
    private static void awaitBothSubscribed(Socket pub, Peer slow, Socket fast) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        boolean slowGot = false;
        boolean fastGot = false;
        while (!slowGot || !fastGot) {
            if (System.nanoTime() - deadline > 0) {
                fail("subscribers not ready within " + TIMEOUT + ": slow " + slowGot + ", fast " + fastGot);
            }
            assertTrue(offer(pub, TIMEOUT, utf8("sync")));
            slowGot |= slow.receive(Duration.ofMillis(20)) != null;
            try (Message m = fast.receive(Duration.ZERO)) {
                fastGot |= m != null;
            }
        }
    }

    private static void drainQuietly(Socket socket) {
        while (true) {
            try (Message m = socket.receive(Duration.ofMillis(200))) {
                if (m == null) {
                    return;
                }
            }
        }
    }

    private static void receiveUntil(Socket socket, byte[] marker) {
        while (true) {
            try (Message m = socket.receive()) {
                assertNotNull(m, "our " + socket.type() + " did not receive " + new String(marker) + " within "
                        + TIMEOUT);
                if (m.frame(0).contentEquals(marker)) {
                    return;
                }
            }
        }
    }
}
