package io.jzmtp.netty;

import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import io.netty.channel.WriteBufferWaterMark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.jzmtp.netty.EmbeddedConnection.config;
import static io.jzmtp.wire.Vectors.ascii;
import static io.jzmtp.wire.Vectors.concat;
import static io.jzmtp.wire.Vectors.get;
import static io.jzmtp.wire.Vectors.hex;
import static io.jzmtp.wire.Vectors.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bridge between a connection and its pipe on the outbound side: it stops draining while the channel is not
 * writable (the transport's send buffer is full), resumes when it is writable again, and reports pending writes to the
 * pipe. The transport is simulated by holding flushes at the head of the pipeline, so bytes pile up in the channel's
 * outbound buffer and its writability really changes.
 */
class PipeBridgeTest {

    private static final ConnectionConfig DEALER = config("DEALER", "DEALER");

    @AfterEach
    void releaseWhatAFailedTestLeftBehind() {
        EmbeddedConnection.releaseUnfinished();
    }

    private static EmbeddedConnection establishedWithGate(FlushGate gate, int hwm) {
        EmbeddedConnection c = new EmbeddedConnection(DEALER, new RecordingConnectionHandler(hwm));
        c.feed(concat(get("greeting.full.null"), get("ready.DEALER")));
        c.takeSent();
        c.ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(64, 128));
        c.ch.pipeline().addFirst(gate);
        return c;
    }

    private static byte[] frames(int from, int to) {
        byte[] all = new byte[0];
        for (int i = from; i < to; i++) {
            all = concat(all, ascii("\u0000\u0004"), ascii(String.format("%04d", i)));
        }
        return all;
    }

    @Test
    void drainingStopsWhileUnwritableAndResumesWhenWritable() {
        FlushGate gate = new FlushGate();
        EmbeddedConnection c = establishedWithGate(gate, 5000);
        Pipe pipe = c.handler.pipe;
        int n = PipeBridge.MAX_BATCH + 100;
        for (int i = 0; i < n; i++) {
            assertTrue(pipe.offer(Message.of(String.format("%04d", i))));
        }
        c.runTasks();
        assertFalse(c.ch.isWritable());
        assertEquals(100, pipe.outboundSize(), "one batch went out, then the bridge waited for writability");
        assertFalse(pipe.isFlushed(), "bytes are still pending in the connection");

        gate.open();
        c.runTasks();
        assertEquals(0, pipe.outboundSize());
        assertEquals(hex(frames(0, n)), hex(c.takeSent()));
        assertTrue(c.ch.isWritable());
        assertTrue(pipe.isFlushed(), "everything reached the transport, nothing is pending");
        assertTrue(pipe.offer(Message.of("next")));
        c.runTasks();
        assertEquals("00046e657874", hex(c.takeSent()), "a later offer must still be sent");
        c.finish();
    }

    /**
     * The last queued messages fill the send buffer: the drain ends with the channel unwritable and the pipe empty.
     * When the channel is writable again, a new offer must still be sent (and the pipe must count as flushed).
     */
    @Test
    void offersAfterAnUnwritableSpellWithAnEmptyPipeAreStillSent() {
        FlushGate gate = new FlushGate();
        EmbeddedConnection c = establishedWithGate(gate, 100);
        Pipe pipe = c.handler.pipe;
        for (int i = 0; i < 10; i++) {
            pipe.offer(Message.of(repeat('a', 100)));
        }
        c.runTasks();
        assertFalse(c.ch.isWritable());
        assertEquals(0, pipe.outboundSize());

        gate.open();
        c.runTasks();
        assertTrue(c.ch.isWritable());
        assertEquals(10 * 102, c.takeSent().length);
        assertTrue(pipe.isFlushed(), "everything reached the transport, nothing is pending");

        assertTrue(pipe.offer(Message.of("late")));
        c.runTasks();
        assertEquals("00046c617465", hex(c.takeSent()), "the message offered after the spell was never sent");
        c.finish();
    }
}
