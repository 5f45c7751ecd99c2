package io.jzmtp.socket;

import io.jzmtp.SocketOption;
import io.jzmtp.UnroutableMessageException;
import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.routing.MemoryPipes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.jzmtp.routing.MemoryPipes.consume;
import static io.jzmtp.routing.MemoryPipes.deliver;
import static io.jzmtp.routing.MemoryPipes.drainOutbound;
import static io.jzmtp.routing.MemoryPipes.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ROUTER (RFC 28, ZMTP.md §9) over in-memory pipes: routing ids, routing, dropping, MANDATORY, HANDOVER, probes. */
class RouterSocketTest {

    private final MutableOptions options = new MutableOptions();
    private final RouterSocket router = options.of(new RouterSocket(options));
    private final MemoryPipes pipes = new MemoryPipes().onReadable(router::readable);

    @AfterEach
    void releaseQueued() {
        pipes.releaseAll();
    }

    /** An accepted peer announcing {@code identity} (null: none), attached and connected as the socket does it. */
    private Pipe accepted(String identity) {
        return accepted(identity, 0);
    }

    private Pipe accepted(String identity, int sendHwm) {
        Pipe p = pipes.pipe(sendHwm, 0);
        router.attach(p);
        StubWire.connect(p, "DEALER", identity == null ? null : bytes(identity));
        router.connected(p);
        return p;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Receives the next message; returns its routing id bytes and checks the rest reads {@code body}. */
    private byte[] receiveFrom(String body) {
        try (Message m = router.receive()) {
            assertNotNull(m, "expected " + body);
            Frame id = m.pop();
            try {
                assertEquals(body, MemoryPipes.text(m));
                return id.toBytes();
            } finally {
                id.release();
            }
        }
    }

    private boolean sendTo(byte[] id, String... body) {
        Message m = message(body);
        m.push(Frame.of(id.clone()));
        boolean sent = false;
        try {
            sent = router.send(m);
            return sent;
        } finally {
            if (!sent) {
                m.close();
            }
        }
    }

    @Test
    void receivedMessagesCarryThePeersAnnouncedIdentity() {
        Pipe p = accepted("alice");
        deliver(p, "hello", "there");
        assertArrayEquals(bytes("alice"), receiveFrom("hello|there"));
    }

    @Test
    void sendRoutesByTheFirstFrameWhichIsNotSent() {
        Pipe alice = accepted("alice");
        Pipe bob = accepted("bob");
        assertTrue(sendTo(bytes("bob"), "for bob"));
        assertTrue(sendTo(bytes("alice"), "for", "alice"));
        assertEquals(List.of("for bob"), drainOutbound(bob));
        assertEquals(List.of("for|alice"), drainOutbound(alice));
    }

    @Test
    void peersWithoutIdentityGetDistinctGeneratedFiveByteIds() {
        Set<String> seen = new HashSet<>();
        int previous = 0;
        for (int i = 0; i < 3; i++) {
            Pipe p = accepted(null);
            deliver(p, "x");
            byte[] id = receiveFrom("x");
            assertEquals(5, id.length);
            assertEquals(0, id[0], "generated ids start with a zero byte");
            int counter = (id[1] & 0xff) << 24 | (id[2] & 0xff) << 16 | (id[3] & 0xff) << 8 | (id[4] & 0xff);
            if (i > 0) {
                assertEquals(previous + 1, counter, "a big-endian counter, one per connection");
            }
            previous = counter;
            assertTrue(seen.add(java.util.HexFormat.of().formatHex(id)), "distinct");
            assertTrue(sendTo(id, "reply " + i));
            assertEquals(List.of("reply " + i), drainOutbound(p));
        }
    }

    @Test
    void connectRoutingIdWinsAndIsRoutableBeforeTheConnection() {
        Pipe p = pipes.pipe(0, 0);
        p.connectRoutingId(bytes("chosen"));
        router.attach(p);
        assertTrue(sendTo(bytes("chosen"), "queued early"));
        StubWire.connect(p, "ROUTER", bytes("announced"));
        router.connected(p);
        deliver(p, "hi");
        assertArrayEquals(bytes("chosen"), receiveFrom("hi"));
        assertTrue(sendTo(bytes("announced"), "dropped: nobody has this id"));
        assertEquals(List.of("queued early"), drainOutbound(p));
    }

    @Test
    void connectingPipeWithoutConnectRoutingIdIsUnroutableUntilConnected() {
        options.set(SocketOption.ROUTER_MANDATORY, true);
        Pipe p = pipes.pipe(0, 0);
        router.attach(p);
        assertFalse(router.canSend(), "no identified peer yet");
        StubWire.connect(p, "ROUTER", bytes("late"));
        router.connected(p);
        assertTrue(router.canSend());
        assertTrue(sendTo(bytes("late"), "now"));
        assertEquals(List.of("now"), drainOutbound(p));
    }

    @Test
    void reconnectingPipeKeepsItsId() {
        Pipe p = pipes.pipe(0, 0);
        router.attach(p);
        StubWire first = StubWire.connect(p, "DEALER", null);
        router.connected(p);
        deliver(p, "1");
        byte[] id = receiveFrom("1");
        router.disconnected(p);
        p.detach(first);
        StubWire.connect(p, "DEALER", null);
        router.connected(p);
        deliver(p, "2");
        assertArrayEquals(id, receiveFrom("2"));
    }

    @Test
    void unknownIdIsDroppedSilentlyByDefault() {
        accepted("alice");
        assertTrue(router.canSend());
        assertTrue(sendTo(bytes("nobody"), "lost"), "taken and released by the socket");
    }

    @Test
    void mandatoryUnknownIdThrowsNamingItAndTheCallerKeepsTheMessage() {
        options.set(SocketOption.ROUTER_MANDATORY, true);
        accepted("alice");
        try (Message m = message("nobody", "body")) {
            UnroutableMessageException e = assertThrows(UnroutableMessageException.class, () -> router.send(m));
            assertTrue(e.getMessage().contains("0x6e6f626f6479"), e.getMessage());
            assertArrayEquals(bytes("nobody"), e.routingId());
            assertEquals("nobody|body", MemoryPipes.text(m));
        }
    }

    @Test
    void fullPeerDropsByDefaultAndWouldBlockWhenMandatory() {
        Pipe p = accepted("alice", 1);
        assertTrue(sendTo(bytes("alice"), "1"));
        assertTrue(sendTo(bytes("alice"), "dropped at SNDHWM"));
        assertEquals(List.of("1"), drainOutbound(p));

        options.set(SocketOption.ROUTER_MANDATORY, true);
        assertTrue(sendTo(bytes("alice"), "2"));
        assertFalse(router.canSend());
        try (Message m = message("alice", "3")) {
            assertFalse(router.send(m), "would block");
            assertEquals("alice|3", MemoryPipes.text(m), "the caller keeps the whole message, id included");
        }
        assertEquals(List.of("2"), drainOutbound(p));
        assertTrue(router.canSend());
    }

    @Test
    void duplicateIdentityLeavesTheNewcomerUnidentified() {
        Pipe first = accepted("same");
        Pipe second = accepted("same");
        deliver(second, "ignored");
        assertEquals(0, second.inboundSize(), "its messages are dropped");
        deliver(first, "heard");
        assertArrayEquals(bytes("same"), receiveFrom("heard"));
        assertNull(router.receive());
        assertTrue(sendTo(bytes("same"), "to the first"));
        assertEquals(List.of("to the first"), drainOutbound(first));
        assertEquals(List.of(), drainOutbound(second));
    }

    @Test
    void handoverGivesTheIdToTheNewcomerAndClosesTheOldConnection() {
        options.set(SocketOption.ROUTER_HANDOVER, true);
        Pipe old = pipes.pipe(0, 0);
        router.attach(old);
        StubWire oldWire = StubWire.connect(old, "DEALER", bytes("same"));
        router.connected(old);
        deliver(old, "sent before the handover");
        Pipe newcomer = accepted("same");
        assertTrue(oldWire.closed(), "the old connection is closed");
        assertTrue(old.isTerminated());
        assertTrue(sendTo(bytes("same"), "to the newcomer"));
        assertEquals(List.of("to the newcomer"), drainOutbound(newcomer));
        byte[] oldId = receiveFrom("sent before the handover");
        assertEquals(5, oldId.length, "what the old peer sent arrives under a generated id");
        deliver(newcomer, "hello");
        assertArrayEquals(bytes("same"), receiveFrom("hello"));
    }

    @Test
    void peerThatLeftStillDeliversWhatItSentThenBecomesUnroutable() {
        options.set(SocketOption.ROUTER_MANDATORY, true);
        Pipe p = accepted("gone");
        deliver(p, "last words");
        router.disconnected(p);
        router.detach(p);
        p.terminate();
        try (Message m = message("gone", "reply")) {
            assertThrows(UnroutableMessageException.class, () -> router.send(m));
        }
        assertArrayEquals(bytes("gone"), receiveFrom("last words"));
        Pipe again = accepted("gone");
        assertTrue(sendTo(bytes("gone"), "welcome back"), "the id is free for a new peer");
        assertEquals(List.of("welcome back"), drainOutbound(again));
    }

    @Test
    void probeRouterSendsAnEmptyMessageToEachNewPeer() {
        options.set(SocketOption.PROBE_ROUTER, true);
        Pipe a = accepted("a");
        Pipe b = accepted(null);
        assertEquals(List.of(""), drainOutbound(a));
        assertEquals(List.of(""), drainOutbound(b));
    }

    @Test
    void messageWithOnlyARoutingIdIsRefused() {
        accepted("alice");
        try (Message m = message("alice")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> router.send(m));
            assertTrue(e.getMessage().contains("routing id"), e.getMessage());
            assertEquals(1, m.size());
        }
    }

    @Test
    void peersAreFairQueued() {
        Pipe a = accepted("a");
        Pipe b = accepted("b");
        deliver(a, "a0");
        deliver(a, "a1");
        deliver(b, "b0");
        assertArrayEquals(bytes("a"), receiveFrom("a0"));
        assertArrayEquals(bytes("b"), receiveFrom("b0"));
        assertArrayEquals(bytes("a"), receiveFrom("a1"));
        assertNull(router.receive());
        assertFalse(router.canReceive());
    }
}
