package io.jzmtp.msg;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frame ownership (one reference per frame) and the views over its bytes. */
class FrameTest {

    @Test
    void wrapTakesOwnershipAndReleaseGivesItUp() {
        ByteBuf b = ByteBufAllocator.DEFAULT.buffer().writeBytes("abc".getBytes(StandardCharsets.US_ASCII));
        Frame f = Frame.wrap(b);
        assertEquals(1, b.refCnt(), "wrap must not retain");
        assertEquals("abc", f.toUtf8());
        f.release();
        assertEquals(0, b.refCnt());
    }

    @Test
    void copyToPutsTheBytesAtTheOffsetWhicheverWayTheyAreHeld() {
        ByteBuf b = ByteBufAllocator.DEFAULT.buffer().writeBytes(new byte[] {9, 9, 4, 5, 6}).skipBytes(2);
        Frame inBuffer = Frame.wrap(b);
        Frame inArray = Frame.of(new byte[] {7, 8});
        byte[] out = new byte[7];
        inBuffer.copyTo(out, 1);
        inArray.copyTo(out, 4);
        Frame.empty().copyTo(out, 7);
        assertArrayEquals(new byte[] {0, 4, 5, 6, 7, 8, 0}, out);
        assertEquals(2, b.readerIndex(), "the frame's bytes stay where they were");
        inBuffer.release();
    }

    @Test
    void retainedDuplicateHoldsItsOwnReference() {
        ByteBuf b = ByteBufAllocator.DEFAULT.buffer().writeBytes(new byte[] {1, 2, 3});
        Frame f = Frame.wrap(b);
        Frame copy = f.retainedDuplicate();
        assertEquals(2, b.refCnt());
        f.release();
        assertArrayEquals(new byte[] {1, 2, 3}, copy.toBytes(), "the duplicate outlives the original");
        copy.release();
        assertEquals(0, b.refCnt());
    }

    @Test
    void retainedDuplicateHasIndependentIndexes() {
        Frame f = Frame.wrap(ByteBufAllocator.DEFAULT.buffer().writeBytes(new byte[] {1, 2, 3}));
        Frame d = f.retainedDuplicate();
        d.content().skipBytes(2);
        assertEquals(3, f.size());
        assertEquals(1, d.size());
        d.release();
        f.release();
    }

    @Test
    void byteArrayIsWrappedNotCopied() {
        byte[] bytes = {'a', 'b'};
        Frame f = Frame.of(bytes);
        bytes[0] = 'z';
        assertEquals("zb", f.toUtf8());
        assertTrue(f.contentEquals(new byte[] {'z', 'b'}));
        assertFalse(f.contentEquals(new byte[] {'a', 'b'}));
        f.release();
    }

    @Test
    void byteBufferIsWrappedFromItsPositionWithoutMovingIt() {
        ByteBuffer bb = ByteBuffer.allocateDirect(8);
        bb.put(new byte[] {9, 9, 1, 2, 3}).flip().position(2);
        Frame f = Frame.of(bb);
        assertEquals(2, bb.position());
        assertArrayEquals(new byte[] {1, 2, 3}, f.toBytes());
        bb.put(2, (byte) 7);
        assertEquals(7, f.toBytes()[0], "shares the caller's memory");
        f.release();
    }

    @Test
    void sharedBytesHandsOverAnArrayAndCopiesABuffer() {
        byte[] mine = {1, 2, 3};
        assertSame(mine, Frame.of(mine).sharedBytes(), "an array-backed frame gives its array, no copy");
        assertNotSame(mine, Frame.of(mine).toBytes(), "toBytes always copies");
        Frame pooled = Frame.wrap(Unpooled.directBuffer(3).writeBytes(mine));
        byte[] copy = pooled.sharedBytes();
        assertArrayEquals(mine, copy);
        pooled.content().setByte(0, 9);
        assertEquals(1, copy[0], "bytes held in a buffer come as a copy, which outlives the buffer");
        pooled.release();
    }

    @Test
    void anEmptyFrameSharesOneEmptyArray() {
        Frame wrapped = Frame.wrap(Unpooled.buffer(0));
        assertEquals(0, Frame.empty().sharedBytes().length);
        assertSame(Frame.empty().sharedBytes(), wrapped.sharedBytes(), "no bytes, no new array");
        wrapped.release();
    }

    @Test
    void emptyFramesAreSharedAndReleaseIsHarmless() {
        Frame e = Frame.empty();
        assertSame(e, Frame.of(new byte[0]));
        assertSame(e, Frame.of(""));
        assertSame(e, Frame.of(ByteBuffer.allocate(0)));
        assertSame(e, e.retainedDuplicate());
        assertTrue(e.isEmpty());
        assertEquals(0, e.size());
        for (int i = 0; i < 3; i++) {
            e.release();
        }
        assertTrue(Frame.empty().isEmpty());
        assertEquals(0, Frame.empty().toBytes().length);
    }

    @Test
    void toByteBufferIsReadOnly() {
        Frame f = Frame.of("xy");
        ByteBuffer view = f.toByteBuffer();
        assertEquals(2, view.remaining());
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 1));
        f.release();
    }

    @Test
    void toStringShowsSizeAndAtMost32Bytes() {
        Frame f = Frame.of(new byte[40]);
        String s = f.toString();
        assertTrue(s.startsWith("Frame[40 B: "), s);
        assertTrue(s.endsWith("…]"), s);
        f.release();
    }

    @Test
    void nullsAreRefused() {
        assertThrows(NullPointerException.class, () -> Frame.of((byte[]) null));
        assertThrows(NullPointerException.class, () -> Frame.of((String) null));
        assertThrows(NullPointerException.class, () -> Frame.wrap(null));
    }
}
