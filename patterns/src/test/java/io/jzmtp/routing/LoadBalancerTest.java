package io.jzmtp.routing;

import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jzmtp.routing.MemoryPipes.drainOutbound;
import static io.jzmtp.routing.MemoryPipes.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Round-robin sending (ZMTP.md §15): per whole message, skipping full pipes, fair across detaches. */
class LoadBalancerTest {

    private final MemoryPipes pipes = new MemoryPipes();
    private final LoadBalancer lb = new LoadBalancer();

    @AfterEach
    void releaseQueued() {
        pipes.releaseAll();
    }

    private void send(String... parts) {
        Message m = message(parts);
        if (!lb.send(m)) {
            m.close();
            throw new AssertionError("send of " + String.join("|", parts) + " would block");
        }
    }

    @Test
    void roundRobinPerMessage() {
        Pipe a = pipes.pipe(0, 0);
        Pipe b = pipes.pipe(0, 0);
        Pipe c = pipes.pipe(0, 0);
        lb.attach(a);
        lb.attach(b);
        lb.attach(c);
        for (int i = 0; i < 9; i++) {
            send("m" + i, "part2", "part3");
        }
        assertEquals(List.of("m0|part2|part3", "m3|part2|part3", "m6|part2|part3"), drainOutbound(a));
        assertEquals(List.of("m1|part2|part3", "m4|part2|part3", "m7|part2|part3"), drainOutbound(b));
        assertEquals(List.of("m2|part2|part3", "m5|part2|part3", "m8|part2|part3"), drainOutbound(c));
    }

    @Test
    void fullPipesAreSkipped() {
        Pipe a = pipes.pipe(0, 0);
        Pipe full = pipes.pipe(1, 0);
        Pipe c = pipes.pipe(0, 0);
        lb.attach(a);
        lb.attach(full);
        lb.attach(c);
        for (int i = 0; i < 7; i++) {
            send("m" + i);
        }
        assertEquals(List.of("m0", "m3", "m5"), drainOutbound(a));
        assertEquals(List.of("m1"), drainOutbound(full), "takes one, then is skipped while at SNDHWM");
        assertEquals(List.of("m2", "m4", "m6"), drainOutbound(c));
        send("m7");
        send("m8");
        send("m9");
        assertEquals(List.of("m7"), drainOutbound(a));
        assertEquals(List.of("m8"), drainOutbound(full), "back in the rotation once drained");
        assertEquals(List.of("m9"), drainOutbound(c));
    }

    @Test
    void allFullWouldBlockAndCallerKeepsTheMessage() {
        Pipe a = pipes.pipe(2, 0);
        Pipe b = pipes.pipe(1, 0);
        lb.attach(a);
        lb.attach(b);
        send("1");
        send("2");
        send("3");
        assertFalse(lb.canSend());
        try (Message m = message("refused", "x")) {
            assertFalse(lb.send(m));
            assertEquals(2, m.size(), "the caller still owns the whole message");
            assertEquals("refused", m.frame(0).toUtf8());
        }
        assertEquals(List.of("1", "3"), drainOutbound(a));
        assertEquals(List.of("2"), drainOutbound(b));
        assertTrue(lb.canSend());
    }

    @Test
    void noPipesWouldBlock() {
        assertFalse(lb.canSend());
        try (Message m = message("x")) {
            assertFalse(lb.send(m));
        }
    }

    @Test
    void terminatedPipesAreSkipped() {
        Pipe a = pipes.pipe(0, 0);
        Pipe dead = pipes.pipe(0, 0);
        lb.attach(a);
        lb.attach(dead);
        dead.terminate();
        send("m0");
        send("m1");
        assertEquals(List.of("m0", "m1"), drainOutbound(a));
    }

    @Test
    void detachingAnEarlierPipeKeepsTheTurn() {
        Pipe a = pipes.pipe(0, 0);
        Pipe b = pipes.pipe(0, 0);
        Pipe c = pipes.pipe(0, 0);
        lb.attach(a);
        lb.attach(b);
        lb.attach(c);
        send("m0");                // a; b is next
        lb.detach(a);
        send("m1");
        send("m2");
        send("m3");
        assertEquals(List.of("m0"), drainOutbound(a));
        assertEquals(List.of("m1", "m3"), drainOutbound(b), "b's turn was not skipped by the detach");
        assertEquals(List.of("m2"), drainOutbound(c));
    }

    @Test
    void detachingThePipeWhoseTurnItIsPassesTheTurnOn() {
        Pipe a = pipes.pipe(0, 0);
        Pipe b = pipes.pipe(0, 0);
        Pipe c = pipes.pipe(0, 0);
        lb.attach(a);
        lb.attach(b);
        lb.attach(c);
        send("m0");                // a; b is next
        lb.detach(b);
        send("m1");
        send("m2");
        assertEquals(List.of("m0", "m2"), drainOutbound(a));
        assertEquals(List.of(), drainOutbound(b));
        assertEquals(List.of("m1"), drainOutbound(c), "c follows b");
    }

    @Test
    void detachingTheLastPipeWhoseTurnItIsWrapsAround() {
        Pipe a = pipes.pipe(0, 0);
        Pipe b = pipes.pipe(0, 0);
        Pipe c = pipes.pipe(0, 0);
        lb.attach(a);
        lb.attach(b);
        lb.attach(c);
        send("m0");
        send("m1");                // c is next
        lb.detach(c);
        send("m2");
        send("m3");
        assertEquals(List.of("m0", "m2"), drainOutbound(a));
        assertEquals(List.of("m1", "m3"), drainOutbound(b));
    }

    @Test
    void detachingALaterPipeKeepsTheTurn() {
        Pipe a = pipes.pipe(0, 0);
        Pipe b = pipes.pipe(0, 0);
        Pipe c = pipes.pipe(0, 0);
        lb.attach(a);
        lb.attach(b);
        lb.attach(c);
        send("m0");                // b is next
        lb.detach(c);
        send("m1");
        send("m2");
        assertEquals(List.of("m0", "m2"), drainOutbound(a));
        assertEquals(List.of("m1"), drainOutbound(b));
    }

    @Test
    void detachingAnUnknownPipeChangesNothing() {
        Pipe a = pipes.pipe(0, 0);
        Pipe b = pipes.pipe(0, 0);
        lb.attach(a);
        lb.attach(b);
        send("m0");
        lb.detach(pipes.pipe(0, 0));
        send("m1");
        assertEquals(List.of("m0"), drainOutbound(a));
        assertEquals(List.of("m1"), drainOutbound(b));
    }

    @Test
    void attachedPipeJoinsTheRotation() {
        Pipe a = pipes.pipe(0, 0);
        lb.attach(a);
        send("m0");
        Pipe b = pipes.pipe(0, 0);
        lb.attach(b);
        for (int i = 1; i <= 6; i++) {
            send("m" + i);
        }
        assertEquals(1 + 3, drainOutbound(a).size(), "a had m0, then shares evenly with b");
        assertEquals(3, drainOutbound(b).size());
    }

}
