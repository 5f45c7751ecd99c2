package io.jzmtp.routing;

import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistributorTest {

    private final MemoryPipes pipes = new MemoryPipes();

    @AfterEach
    void release() {
        pipes.releaseAll();
    }

    @Test
    void everyTargetGetsTheMessageAndAFullOneMissesIt() {
        Pipe a = pipes.pipe(10, 0);
        Pipe full = pipes.pipe(1, 0);
        Pipe c = pipes.pipe(10, 0);
        assertTrue(full.offer(MemoryPipes.message("filler")));
        assertFalse(Distributor.allWritable(List.of(a, full, c)));
        Distributor.sendToAll(MemoryPipes.message("hello", "world"), List.of(a, full, c));
        assertEquals("hello|world", MemoryPipes.consume(a.pollOutbound()));
        assertEquals("hello|world", MemoryPipes.consume(c.pollOutbound()));
        assertEquals("filler", MemoryPipes.consume(full.pollOutbound()));
        assertEquals(null, full.pollOutbound(), "the full pipe missed the message (dropped, not leaked)");
    }

    @Test
    void noTargetsReleasesTheMessage() {
        Message m = MemoryPipes.message("nobody");
        Distributor.sendToAll(m, List.of());
        assertEquals(0, m.size(), "closed");
    }
}
