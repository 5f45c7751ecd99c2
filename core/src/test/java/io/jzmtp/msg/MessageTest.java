package io.jzmtp.msg;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A message owns its frames: close releases them all, pop hands one to the caller. */
class MessageTest {

    private static Frame pooled(String s) {
        return Frame.wrap(ByteBufAllocator.DEFAULT.buffer().writeBytes(s.getBytes()));
    }

    @Test
    void closeReleasesEveryFrameOnce() {
        Frame a = pooled("a");
        Frame b = pooled("bb");
        ByteBuf ab = a.content();
        ByteBuf bb = b.content();
        Message m = Message.of(a, b);
        assertEquals(2, m.size());
        assertEquals(3, m.byteSize());
        m.close();
        assertEquals(0, ab.refCnt());
        assertEquals(0, bb.refCnt());
        assertTrue(m.isEmpty());
        m.close();   // idempotent: must not release again (would throw IllegalReferenceCountException)
    }

    @Test
    void popHandsTheFirstFrameToTheCaller() {
        Frame id = pooled("id");
        Message m = Message.of(id, Frame.empty(), pooled("body"));
        Frame popped = m.pop();
        assertSame(id, popped);
        assertEquals(2, m.size());
        assertTrue(m.first().isEmpty());
        m.close();
        assertEquals(1, popped.content().refCnt(), "closing the message must not release the popped frame");
        popped.release();
    }

    @Test
    void pushPrependsAndAddAppends() {
        Message m = new Message().add("b").add(new byte[] {'c'});
        m.push(Frame.of("a"));
        assertEquals("Message[\"a\", \"b\", \"c\"]", m.toString());
        assertEquals("a", m.frame(0).toUtf8());
        assertEquals("c", m.frame(2).toUtf8());
        assertThrows(IndexOutOfBoundsException.class, () -> m.frame(3));
        m.close();
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        Message m = new Message();
        for (int i = 0; i < 100; i++) {
            m.add(pooled("f" + i));
        }
        assertEquals(100, m.size());
        assertEquals("f99", m.frame(99).toUtf8());
        m.close();
    }

    @Test
    void emptyMessageHasNoFirstFrame() {
        Message m = new Message();
        assertThrows(NoSuchElementException.class, m::first);
        assertThrows(NoSuchElementException.class, m::pop);
    }

    @Test
    void ofCopiesTheFrameArray() {
        Frame[] frames = {Frame.of("x")};
        Message m = Message.of(frames);
        frames[0] = Frame.of("y");
        assertEquals("x", m.first().toUtf8());
        m.close();
    }

    @Test
    void ofRefusesNullFrames() {
        assertThrows(NullPointerException.class, () -> Message.of(Frame.of("a"), null));
        assertThrows(NullPointerException.class, () -> new Message().add((Frame) null));
    }

    @Test
    void metadataDefaultsToEmptyAndCanBeAttached() {
        Message m = Message.of("x");
        assertSame(Metadata.EMPTY, m.metadata());
        Metadata md = Metadata.of(List.of(new Metadata.Property(Metadata.SOCKET_TYPE, "PUSH".getBytes())));
        assertSame(m, m.metadata(md));
        assertEquals("PUSH", m.metadata().socketType().orElseThrow());
        m.close();
    }

    @Test
    void toStringShowsBinaryFramesAsHex() {
        Message m = Message.of(new byte[] {0, 1}, "q\"uote".getBytes());
        String s = m.toString();
        assertTrue(s.contains("Frame[2 B: 0001]"), s);
        assertTrue(s.contains("Frame[6 B:"), s);
        m.close();
    }
}
