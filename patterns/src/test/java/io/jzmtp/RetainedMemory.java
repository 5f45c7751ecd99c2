package io.jzmtp;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * What the process keeps, for memory assertions. The heap figure is read from each heap pool's usage as the last
 * full collection left it, not from the live heap: an event loop still allocating after the collection would add its
 * fresh garbage to a live reading (seen as 12 MB of noise under load).
 */
final class RetainedMemory {

    private RetainedMemory() {
    }

    /** Heap live after a full collection: the least of three, so a collection that raced an allocation spike loses. */
    static long heapAfterGc() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            long live = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
                if (afterGc != null) {
                    live += afterGc.getUsed();
                }
            }
            least = Math.min(least, live);
        }
        return least;
    }

    /** Direct memory Netty holds (its pools included). */
    static long nettyDirect() {
        long used = PlatformDependent.usedDirectMemory();
        return used >= 0 ? used
                : ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
    }

    /** Heap after a full collection plus Netty's direct memory. */
    static long total() {
        return heapAfterGc() + nettyDirect();
    }
}
