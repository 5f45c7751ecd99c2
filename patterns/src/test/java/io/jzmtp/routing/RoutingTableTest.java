package io.jzmtp.routing;

import io.jzmtp.pipe.Pipe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ROUTER routing ids (ZMTP.md §9): both directions, leaving pipes, generated ids. */
class RoutingTableTest {

    private final MemoryPipes pipes = new MemoryPipes();
    private final RoutingTable table = new RoutingTable();

    @AfterEach
    void releaseQueued() {
        pipes.releaseAll();
    }

    @Test
    void idsRouteByContentNotByArray() {
        Pipe p = pipes.pipe(0, 0);
        byte[] id = {1, 2, 3};
        table.assign(p, id);
        id[0] = 9;   // the table kept its own copy
        assertSame(p, table.route(new byte[] {1, 2, 3}));
        assertNull(table.route(id));
        assertArrayEquals(new byte[] {1, 2, 3}, table.idOf(p));
        table.idOf(p)[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, table.idOf(p), "callers get copies");
    }

    @Test
    void anIdInUseCannotBeAssignedTwice() {
        Pipe a = pipes.pipe(0, 0);
        table.assign(a, new byte[] {7});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> table.assign(pipes.pipe(0, 0), new byte[] {7}));
        assertTrue(e.getMessage().contains("07"), e.getMessage());
    }

    @Test
    void reassigningMovesThePipe() {
        Pipe a = pipes.pipe(0, 0);
        table.assign(a, new byte[] {1});
        table.assign(a, new byte[] {2});
        assertNull(table.route(new byte[] {1}));
        assertSame(a, table.route(new byte[] {2}));
    }

    @Test
    void unroutedPipeKeepsItsIdUntilForgotten() {
        Pipe a = pipes.pipe(0, 0);
        table.assign(a, new byte[] {1});
        table.unroute(a);
        assertNull(table.route(new byte[] {1}));
        assertTrue(table.hasId(a));
        assertEquals(List.of(), List.copyOf(table.routablePipes()));
        Pipe b = pipes.pipe(0, 0);
        table.assign(b, new byte[] {1});
        table.forget(a);
        assertSame(b, table.route(new byte[] {1}), "forgetting the old pipe leaves the new holder alone");
        assertFalse(table.hasId(a));
    }

    @Test
    void generatedIdsAreZeroThenABigEndianCounter() {
        byte[] first = table.generate();
        byte[] second = table.generate();
        assertEquals(RoutingTable.GENERATED_ID_LENGTH, first.length);
        assertEquals(0, first[0]);
        assertEquals(0, second[0]);
        assertEquals(counter(first) + 1, counter(second));
        assertNotEquals(RoutingTable.hex(first), RoutingTable.hex(second));
    }

    @Test
    void generationSkipsIdsInUse() {
        byte[] first = table.generate();
        table.assign(pipes.pipe(0, 0), inc(first));   // a peer announced what would come next
        assertArrayEquals(inc(inc(first)), table.generate());
    }

    @Test
    void hexIsLowerCase() {
        assertEquals("00ff7f", RoutingTable.hex(new byte[] {0, (byte) 0xff, 0x7f}));
    }

    private static int counter(byte[] id) {
        return (id[1] & 0xff) << 24 | (id[2] & 0xff) << 16 | (id[3] & 0xff) << 8 | (id[4] & 0xff);
    }

    private static byte[] inc(byte[] id) {
        int n = counter(id) + 1;
        return new byte[] {0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}
