package io.jzmtp.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An allocator that remembers every buffer it handed out, so a test can check right away that the engine released
 * all of them (Netty's leak detector only reports after a garbage collection). Buffers come from the default pooled
 * allocator, so they stay leak-aware too.
 */
final class TrackingAllocator extends AbstractByteBufAllocator {

    private final List<ByteBuf> allocated = new ArrayList<>();

    TrackingAllocator() {
        super(true);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return track(PooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity));
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return track(PooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity));
    }

    @Override
    public boolean isDirectBufferPooled() {
        return true;
    }

    private ByteBuf track(ByteBuf b) {
        synchronized (allocated) {
            allocated.add(b);
        }
        return b;
    }

    /** Number of buffers allocated so far. */
    int count() {
        synchronized (allocated) {
            return allocated.size();
        }
    }

    /** Bytes of capacity of the buffers allocated so far that are still referenced: the memory the engine holds. */
    long liveCapacity() {
        synchronized (allocated) {
            long sum = 0;
            for (ByteBuf b : allocated) {
                if (b.refCnt() > 0) {
                    sum += b.capacity();
                }
            }
            return sum;
        }
    }

    /** Fails if any buffer allocated so far is still referenced. */
    void assertAllReleased() {
        synchronized (allocated) {
            for (int i = 0; i < allocated.size(); i++) {
                assertEquals(0, allocated.get(i).refCnt(), "buffer " + i + " of " + allocated.size()
                        + " allocated by the engine was not released");
            }
        }
    }
}
