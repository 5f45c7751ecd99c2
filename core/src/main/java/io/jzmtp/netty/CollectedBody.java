package io.jzmtp.netty;

import io.jzmtp.msg.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.Arrays;

/**
 * A large frame body that did not arrive in one read, collected read by read into memory of its own so that each
 * byte is copied once and never merged into the decoder's cumulation again and again. The memory grows with the
 * bytes that arrived, never past the frame's size and never ahead of the bytes: a peer that declares a large frame
 * and sends little costs little.
 */
abstract sealed class CollectedBody {

    /** The frame's declared size. */
    final int size;

    private CollectedBody(int size) {
        this.size = size;
    }

    /**
     * A body collected into a buffer from {@code allocator}, handed over as it is: zero-copy for the reader of a
     * {@link Frame}'s content. It starts with {@code initial} bytes of memory, or {@code size} if smaller.
     */
    static CollectedBody inBuffer(ByteBufAllocator allocator, int size, int initial) {
        return new InBuffer(allocator.buffer(Math.min(size, initial), size), size);
    }

    /**
     * A body collected into a {@code byte[]} of its own, handed over as that array (see {@link Frame#sharedBytes}),
     * starting with {@code initial} bytes of memory, or {@code size} if smaller.
     */
    static CollectedBody inArray(int size, int initial) {
        return new InArray(size, initial);
    }

    /** Takes the bytes of {@code in} that belong to this body; returns whether the body is now complete. */
    abstract boolean take(ByteBuf in);

    /** Bytes received so far. */
    abstract int received();

    /** Bytes of memory held for the body now: what arrived, rounded up by growth, never more than the size. */
    abstract int held();

    /** The complete body as a frame, which now owns its memory. */
    abstract Frame toFrame();

    /** Frees the memory of a body that will never be completed. */
    abstract void discard();

    private static final class InBuffer extends CollectedBody {
        private final ByteBuf buffer;

        InBuffer(ByteBuf buffer, int size) {
            super(size);
            this.buffer = buffer;
        }

        @Override
        boolean take(ByteBuf in) {
            buffer.writeBytes(in, Math.min(in.readableBytes(), size - buffer.readableBytes()));
            return buffer.readableBytes() == size;
        }

        @Override
        int received() {
            return buffer.readableBytes();
        }

        @Override
        int held() {
            return buffer.capacity();
        }

        @Override
        Frame toFrame() {
            return Frame.wrap(buffer);
        }

        @Override
        void discard() {
            buffer.release();
        }
    }

    private static final class InArray extends CollectedBody {
        private byte[] bytes;
        private int received;

        InArray(int size, int initial) {
            super(size);
            this.bytes = new byte[Math.min(size, initial)];
        }

        @Override
        boolean take(ByteBuf in) {
            int n = Math.min(in.readableBytes(), size - received);
            if (received + n > bytes.length) {   // doubling, capped at the size: the last array is exactly size long
                bytes = Arrays.copyOf(bytes, (int) Math.min(size, Math.max(received + n, 2L * bytes.length)));
            }
            in.readBytes(bytes, received, n);
            received += n;
            return received == size;
        }

        @Override
        int received() {
            return received;
        }

        @Override
        int held() {
            return bytes.length;
        }

        @Override
        Frame toFrame() {
            return Frame.of(bytes);
        }

        @Override
        void discard() {
            bytes = null;
        }
    }
}
