package io.jzmtp.socket;

import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.routing.MemoryPipes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jzmtp.routing.MemoryPipes.consume;
import static io.jzmtp.routing.MemoryPipes.deliver;
import static io.jzmtp.routing.MemoryPipes.drainOutbound;
import static io.jzmtp.routing.MemoryPipes.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PAIR, PUSH and PULL patterns over in-memory pipes, wired as the socket wires them. */
class PatternsTest {

    private Pattern pattern;
    private final MemoryPipes pipes = new MemoryPipes().onReadable(p -> pattern.readable(p));

    @AfterEach
    void releaseQueued() {
        pipes.releaseAll();
    }

    /** Every option at its default. */
    private static final PatternOptions DEFAULTS = SocketOption::defaultValue;

    private Pipe attach(Pipe p) {
        assertTrue(pattern.admits(null));
        pattern.attach(p);
        return p;
    }

    @Test
    void factoryMakesTheImplementedTypes() {
        assertInstanceOf(PairSocket.class, Patterns.create(SocketType.PAIR, DEFAULTS));
        assertInstanceOf(PushSocket.class, Patterns.create(SocketType.PUSH, DEFAULTS));
        assertInstanceOf(PullSocket.class, Patterns.create(SocketType.PULL, DEFAULTS));
        assertInstanceOf(ReqSocket.class, Patterns.create(SocketType.REQ, DEFAULTS));
        assertInstanceOf(RepSocket.class, Patterns.create(SocketType.REP, DEFAULTS));
        assertInstanceOf(DealerSocket.class, Patterns.create(SocketType.DEALER, DEFAULTS));
        assertInstanceOf(RouterSocket.class, Patterns.create(SocketType.ROUTER, DEFAULTS));
    }

    // ---- PAIR ------------------------------------------------------------------------------------------------------

    @Test
    void pairAdmitsOnePeerAtATime() {
        pattern = Patterns.create(SocketType.PAIR, DEFAULTS);
        Pipe first = attach(pipes.pipe(0, 0));
        assertFalse(pattern.admits(null), "a second peer is refused while the first is attached");
        pattern.detach(pipes.pipe(0, 0));
        assertFalse(pattern.admits(null), "detaching some other pipe does not free the slot");
        pattern.detach(first);
        assertTrue(pattern.admits(null), "admitted again once the first left");
    }

    @Test
    void pairSendsToItsPeerAndBlocksWithoutOne() {
        pattern = Patterns.create(SocketType.PAIR, DEFAULTS);
        assertFalse(pattern.canSend());
        try (Message m = message("early")) {
            assertFalse(pattern.send(m), "no peer: would block");
        }
        Pipe peer = attach(pipes.pipe(2, 0));
        assertTrue(pattern.canSend());
        assertTrue(pattern.send(message("1", "a")));
        assertTrue(pattern.send(message("2")));
        assertFalse(pattern.canSend());
        try (Message m = message("3")) {
            assertFalse(pattern.send(m), "at SNDHWM: would block");
        }
        assertEquals(List.of("1|a", "2"), drainOutbound(peer));
        pattern.detach(peer);
        assertFalse(pattern.canSend());
    }

    @Test
    void pairReceivesFromItsPeer() {
        pattern = Patterns.create(SocketType.PAIR, DEFAULTS);
        Pipe peer = attach(pipes.pipe(0, 0));
        assertFalse(pattern.canReceive());
        assertNull(pattern.receive());
        deliver(peer, "hello", "world");
        assertTrue(pattern.canReceive());
        assertEquals("hello|world", consume(pattern.receive()));
        assertNull(pattern.receive());
    }

    // ---- PUSH / PULL -----------------------------------------------------------------------------------------------

    @Test
    void pushCannotReceiveAndSaysWhy() {
        pattern = Patterns.create(SocketType.PUSH, DEFAULTS);
        assertFalse(pattern.canReceive());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, pattern::receive);
        assertTrue(e.getMessage().contains("PUSH"), e.getMessage());
    }

    @Test
    void pullCannotSendAndSaysWhy() {
        pattern = Patterns.create(SocketType.PULL, DEFAULTS);
        assertFalse(pattern.canSend());
        try (Message m = message("x")) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> pattern.send(m));
            assertTrue(e.getMessage().contains("PULL"), e.getMessage());
            assertEquals(1, m.size(), "the caller still owns the message");
        }
    }

    @Test
    void pushRoundRobinsOverItsPeers() {
        pattern = Patterns.create(SocketType.PUSH, DEFAULTS);
        Pipe a = attach(pipes.pipe(0, 0));
        Pipe b = attach(pipes.pipe(0, 0));
        for (int i = 0; i < 4; i++) {
            assertTrue(pattern.send(message("m" + i)));
        }
        assertEquals(List.of("m0", "m2"), drainOutbound(a));
        assertEquals(List.of("m1", "m3"), drainOutbound(b));
    }

    @Test
    void pushDiscardsWhatItsPeersSend() {
        pattern = Patterns.create(SocketType.PUSH, DEFAULTS);
        Pipe a = attach(pipes.pipe(0, 0));
        deliver(a, "unexpected");
        deliver(a, "again");
        assertEquals(0, a.inboundSize(), "released at once, never queued");
        deliver(a, "and again");
        assertEquals(0, a.inboundSize(), "the pipe's readable mark was cleared, so it announces again");
    }

    @Test
    void pullFairQueuesItsPeers() {
        pattern = Patterns.create(SocketType.PULL, DEFAULTS);
        Pipe a = attach(pipes.pipe(0, 0));
        Pipe b = attach(pipes.pipe(0, 0));
        deliver(a, "a0");
        deliver(a, "a1");
        deliver(b, "b0");
        deliver(b, "b1");
        assertTrue(pattern.canReceive());
        assertEquals("a0", consume(pattern.receive()));
        assertEquals("b0", consume(pattern.receive()));
        assertEquals("a1", consume(pattern.receive()));
        assertEquals("b1", consume(pattern.receive()));
        assertNull(pattern.receive());
    }

    @Test
    void pullStillDeliversFromADetachedPipe() {
        pattern = Patterns.create(SocketType.PULL, DEFAULTS);
        Pipe a = attach(pipes.pipe(0, 0));
        deliver(a, "sent before the peer left");
        pattern.detach(a);
        assertEquals("sent before the peer left", consume(pattern.receive()));
    }
}
