package io.jzmtp.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The size of each socket read: Netty's adaptive guess, held to 64 KiB unless large frames are flowing. */
class ReadSizesTest {

    /** Reports full reads to {@code handle} until its guess passes the small-frame limit. */
    private static void growPastTheSmallLimit(RecvByteBufAllocator.Handle handle, EmbeddedChannel ch) {
        for (int round = 0; round < 100 && handle.guess() <= ReadSizes.SMALL_FRAMES_MAX; round++) {
            handle.reset(ch.config());
            int size = handle.guess();
            handle.attemptedBytesRead(size);
            handle.lastBytesRead(size);
            handle.readComplete();
        }
        assertTrue(handle.guess() > ReadSizes.SMALL_FRAMES_MAX, "the adaptive guess grows past 64 KiB: "
                + handle.guess());
    }

    @Test
    void readsStayAtTheSmallLimitUntilALargeFrameIsSeenAndOnlyForTheNextRead() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ReadSizes sizes = new ReadSizes();
        RecvByteBufAllocator.Handle handle = sizes.newHandle();
        growPastTheSmallLimit(handle, ch);
        int guess = handle.guess();
        assertTrue(guess <= ReadSizes.LARGE_FRAMES_MAX, "never past the large-frame limit: " + guess);
        assertCapacity(ReadSizes.SMALL_FRAMES_MAX, handle);
        sizes.largeFrameSeen();
        assertCapacity(guess, handle);
        assertCapacity(ReadSizes.SMALL_FRAMES_MAX, handle);
        ch.finishAndReleaseAll();
    }

    @Test
    void aSmallGuessIsKeptWhateverTheFrames() {
        ReadSizes sizes = new ReadSizes();
        RecvByteBufAllocator.Handle handle = sizes.newHandle();
        int guess = handle.guess();
        assertTrue(guess < ReadSizes.SMALL_FRAMES_MAX);
        sizes.largeFrameSeen();
        assertCapacity(guess, handle);
    }

    @Test
    void installReplacesTheChannelsSizingAndKeepsItsReadsPerEvent() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setMaxMessagesPerRead(3);
        ReadSizes sizes = new ReadSizes();
        sizes.install(ch.config());
        assertSame(sizes, ch.config().getRecvByteBufAllocator());
        RecvByteBufAllocator.Handle handle = sizes.newHandle();
        handle.reset(ch.config());
        int reads = 0;
        do {
            handle.attemptedBytesRead(100);
            handle.lastBytesRead(100);
            handle.incMessagesRead(1);
            reads++;
        } while (handle.continueReading() && reads < 100);
        assertEquals(3, reads, "the channel's reads per read event");
        ch.finishAndReleaseAll();
    }

    private static void assertCapacity(int expected, RecvByteBufAllocator.Handle handle) {
        ByteBuf b = handle.allocate(ByteBufAllocator.DEFAULT);
        try {
            assertEquals(expected, b.capacity());
        } finally {
            b.release();
        }
    }
}
