package io.jzmtp.mechanism;

import io.jzmtp.wire.FrameHeader;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * CURVE's MESSAGE box on its own: every size around the switch to libsodium, in heap buffers (Java's box) and direct
 * ones (libsodium in place, when it loads), each side opening what the other sealed, flags carried inside, and the
 * nonce rule.
 */
class CurveMessageBoxTest {

    private static final byte[] KEY = new byte[32];
    private static final int[] SIZES = {0, 1, 200, 255, 1022, 1023, 1024, 1025, 65_536, 300_000};

    static {
        new Random(3).nextBytes(KEY);
    }

    @Test
    void whatOneSideSealsTheOtherOpensWhateverTheBuffers() {
        for (boolean directOut : new boolean[] {false, true}) {
            for (boolean directIn : new boolean[] {false, true}) {
                CurveMessageBox client = new CurveMessageBox(KEY, true, 2, 1);
                CurveMessageBox server = new CurveMessageBox(KEY, false, 1, 2);
                Random random = new Random(11);
                for (int size : SIZES) {
                    byte[] body = new byte[size];
                    random.nextBytes(body);
                    int flags = size % 2 == 0 ? FrameHeader.FLAG_MORE : FrameHeader.FLAG_COMMAND;
                    String what = size + " bytes, direct out " + directOut + ", direct in " + directIn;
                    ByteBuf frame = buffer(directOut, size + 64);
                    ByteBuf opened = buffer(directIn, size);
                    try {
                        client.seal(flags, Unpooled.wrappedBuffer(body), frame);
                        int header = frame.getByte(0) == 0 ? 2 : 9;
                        assertEquals(CurveMessageBox.OVERHEAD + size, frame.readableBytes() - header, what);
                        ByteBuf sealed = frame.skipBytes(header);
                        ByteBuf in = buffer(directIn, sealed.readableBytes()).writeBytes(sealed);
                        try {
                            assertEquals(flags, server.open(in, opened), what);
                        } finally {
                            in.release();
                        }
                        assertArrayEquals(body, ByteBufUtil.getBytes(opened), what);
                    } finally {
                        frame.release();
                        opened.release();
                    }
                }
            }
        }
    }

    @Test
    void aNonceThatDoesNotGrowIsRefusedAtEverySize() {
        for (int size : SIZES) {
            CurveMessageBox client = new CurveMessageBox(KEY, true, 2, 1);
            CurveMessageBox server = new CurveMessageBox(KEY, false, 1, 2);
            ByteBuf frame = buffer(true, size + 64);
            ByteBuf out = buffer(true, size);
            try {
                client.seal(0, Unpooled.wrappedBuffer(new byte[size]), frame);
                frame.skipBytes(frame.getByte(0) == 0 ? 2 : 9);
                server.open(frame.duplicate(), out);
                out.clear();
                assertThrows(ZmtpProtocolException.class, () -> server.open(frame.duplicate(), out), "size " + size);
            } finally {
                frame.release();
                out.release();
            }
        }
    }

    private static ByteBuf buffer(boolean direct, int capacity) {
        return direct ? PooledByteBufAllocator.DEFAULT.directBuffer(capacity)
                : PooledByteBufAllocator.DEFAULT.heapBuffer(capacity);
    }
}
