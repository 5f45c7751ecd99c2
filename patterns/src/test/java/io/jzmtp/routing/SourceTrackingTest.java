package io.jzmtp.routing;

import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fair queue that names each message's source, and the load balancer that names each message's target. */
class SourceTrackingTest {

    private final FairQueue in = new FairQueue();
    private final MemoryPipes pipes = new MemoryPipes().onReadable(in::readable);

    @AfterEach
    void releaseQueued() {
        pipes.releaseAll();
    }

    @Test
    void fairQueueNamesTheSourceOfEachMessageInTurn() {
        Pipe a = pipes.pipe(0, 0);
        Pipe b = pipes.pipe(0, 0);
        deliver(a, "a0");
        deliver(a, "a1");
        deliver(b, "b0");
        assertTrue(in.hasReadable());
        assertEquals("a0", consume(in.receive()));
        assertSame(a, in.lastSource());
        assertEquals("b0", consume(in.receive()));
        assertSame(b, in.lastSource());
        assertEquals("a1", consume(in.receive()));
        assertSame(a, in.lastSource());
        assertNull(in.receive());
        assertNull(in.lastSource(), "no message, no source");
        assertFalse(in.hasReadable());
        deliver(b, "b1");
        assertEquals("b1", consume(in.receive()), "a drained pipe announces itself again");
        assertSame(b, in.lastSource());
    }

    @Test
    void loadBalancerNamesTheTargetAndSkipsFullPipes() {
        LoadBalancer out = new LoadBalancer();
        Pipe a = pipes.pipe(0, 0);
        Pipe full = pipes.pipe(1, 0);
        Pipe c = pipes.pipe(0, 0);
        out.attach(a);
        out.attach(full);
        out.attach(c);
        assertSame(a, out.sendTo(message("m0")));
        assertSame(full, out.sendTo(message("m1")));
        assertSame(c, out.sendTo(message("m2")));
        assertSame(a, out.sendTo(message("m3")), "full is skipped");
        out.detach(a);
        assertSame(c, out.sendTo(message("m4")));
        out.detach(c);
        assertFalse(out.canSend());
        try (Message m = message("m5")) {
            assertNull(out.sendTo(m), "would block; the caller keeps it");
        }
        assertEquals(List.of("m1"), drainOutbound(full));
        assertTrue(out.canSend());
        assertSame(full, out.sendTo(message("m6")));
    }
}
