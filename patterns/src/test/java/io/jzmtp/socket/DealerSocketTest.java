package io.jzmtp.socket;

import io.jzmtp.SocketOption;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DEALER (RFC 28) over in-memory pipes: round-robin out, fair-queued in, blocking at SNDHWM, PROBE_ROUTER. */
class DealerSocketTest {

    private final MutableOptions options = new MutableOptions();
    private final DealerSocket dealer = options.of(new DealerSocket(options));
    private final MemoryPipes pipes = new MemoryPipes().onReadable(dealer::readable);

    @AfterEach
    void releaseQueued() {
        pipes.releaseAll();
    }

    private Pipe peer(int sendHwm) {
        Pipe p = pipes.pipe(sendHwm, 0);
        dealer.attach(p);
        return p;
    }

    @Test
    void messagesPassUnchangedRoundRobin() {
        Pipe a = peer(0);
        Pipe b = peer(0);
        for (int i = 0; i < 4; i++) {
            assertTrue(dealer.send(message("", "m" + i)));
        }
        assertEquals(List.of("|m0", "|m2"), drainOutbound(a));
        assertEquals(List.of("|m1", "|m3"), drainOutbound(b));
    }

    @Test
    void repliesAreFairQueuedAndUnchanged() {
        Pipe a = peer(0);
        Pipe b = peer(0);
        deliver(a, "", "a0");
        deliver(a, "", "a1");
        deliver(b, "", "b0");
        assertEquals("|a0", consume(dealer.receive()));
        assertEquals("|b0", consume(dealer.receive()));
        assertEquals("|a1", consume(dealer.receive()));
        assertNull(dealer.receive());
    }

    @Test
    void sendWouldBlockWhenEveryPeerIsAtSndhwm() {
        Pipe a = peer(1);
        Pipe b = peer(1);
        assertTrue(dealer.send(message("1")));
        assertTrue(dealer.send(message("2")));
        assertFalse(dealer.canSend());
        try (Message m = message("3")) {
            assertFalse(dealer.send(m), "blocks rather than drops");
            assertEquals("3", MemoryPipes.text(m));
        }
        assertEquals(List.of("1"), drainOutbound(a));
        assertTrue(dealer.canSend());
        assertTrue(dealer.send(message("3")));
        assertEquals(List.of("3"), drainOutbound(a));
        assertEquals(List.of("2"), drainOutbound(b));
    }

    @Test
    void probeRouterSendsOneEmptyMessageOnEveryConnection() {
        options.set(SocketOption.PROBE_ROUTER, true);
        Pipe p = peer(0);
        assertEquals(List.of(), drainOutbound(p), "no probe before the connection exists");
        StubWire.connect(p, "ROUTER", null);
        dealer.connected(p);
        assertEquals(List.of(""), drainOutbound(p));
    }

    @Test
    void noProbeByDefault() {
        Pipe p = peer(0);
        StubWire.connect(p, "ROUTER", null);
        dealer.connected(p);
        assertEquals(List.of(), drainOutbound(p));
    }
}
