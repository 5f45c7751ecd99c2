package io.jzmtp.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * How much one socket read of a connection asks for: Netty's adaptive sizing (it grows while reads come back full and
 * shrinks when they do not), within {@value #SMALL_FRAMES_MAX} bytes, as Netty's default, unless the last read held a
 * frame of {@value #LARGE_FRAME} bytes or more; then within {@value #LARGE_FRAMES_MAX}.
 *
 * <p>Why: a body that arrived whole in one read is handed on as a slice of that read's buffer, while one cut by the
 * end of a read is copied into memory of its own ({@link ZmtpDecoder}). With 64 KiB reads almost every 64 KiB frame is
 * cut, so each is copied once more on the I/O thread; with reads of up to 1 MiB most arrive whole. Small frames keep
 * small reads, because every slice of a read buffer keeps all of that buffer alive until the reader releases it.
 *
 * <p>One instance per channel ({@link #install}): the decoder reports the large frames it sees to
 * {@link #largeFrameSeen()}, and both run on the channel's I/O thread.
 */
final class ReadSizes implements RecvByteBufAllocator {

    /** Netty's default largest read: what a connection carrying small frames reads at most. */
    static final int SMALL_FRAMES_MAX = AdaptiveRecvByteBufAllocator.DEFAULT_MAXIMUM;
    /** The largest read while large frames flow (Netty's adaptive pool still pools buffers of this size). */
    static final int LARGE_FRAMES_MAX = 1024 * 1024;
    /** A frame at least this large makes the next read a large one (the size from which bodies are collected). */
    static final int LARGE_FRAME = ZmtpDecoder.COLLECT_FROM;

    private final AdaptiveRecvByteBufAllocator sizes;
    private boolean largeFrameSeen;

    ReadSizes() {
        sizes = new AdaptiveRecvByteBufAllocator(AdaptiveRecvByteBufAllocator.DEFAULT_MINIMUM,
                AdaptiveRecvByteBufAllocator.DEFAULT_INITIAL, LARGE_FRAMES_MAX);
    }

    /** Makes this the read sizing of a channel with {@code config}, keeping its number of reads per read event. */
    void install(ChannelConfig config) {
        if (config.getRecvByteBufAllocator() instanceof MaxMessagesRecvByteBufAllocator current) {
            sizes.maxMessagesPerRead(current.maxMessagesPerRead());
        }
        config.setRecvByteBufAllocator(this);
    }

    /** The decoder saw a frame of {@value #LARGE_FRAME} bytes or more. */
    void largeFrameSeen() {
        largeFrameSeen = true;
    }

    /** How much the next read asks for, given Netty's adaptive guess; forgets the large frames seen so far. */
    int nextReadSize(int guess) {
        boolean large = largeFrameSeen;
        largeFrameSeen = false;
        return large ? guess : Math.min(guess, SMALL_FRAMES_MAX);
    }

    @Override
    public Handle newHandle() {
        return new Sized((ExtendedHandle) sizes.newHandle());
    }

    /** Netty's adaptive handle, with the size of each buffer chosen by {@link #nextReadSize}. */
    private final class Sized implements ExtendedHandle {
        private final ExtendedHandle adaptive;

        Sized(ExtendedHandle adaptive) {
            this.adaptive = adaptive;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            return alloc.ioBuffer(nextReadSize(adaptive.guess()));
        }

        @Override
        public int guess() {
            return adaptive.guess();
        }

        @Override
        public void reset(ChannelConfig config) {
            adaptive.reset(config);
        }

        @Override
        public void incMessagesRead(int numMessages) {
            adaptive.incMessagesRead(numMessages);
        }

        @Override
        public void lastBytesRead(int bytes) {
            adaptive.lastBytesRead(bytes);
        }

        @Override
        public int lastBytesRead() {
            return adaptive.lastBytesRead();
        }

        @Override
        public void attemptedBytesRead(int bytes) {
            adaptive.attemptedBytesRead(bytes);
        }

        @Override
        public int attemptedBytesRead() {
            return adaptive.attemptedBytesRead();
        }

        @Override
        public boolean continueReading() {
            return adaptive.continueReading();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return adaptive.continueReading(maybeMoreDataSupplier);
        }

        @Override
        public void readComplete() {
            adaptive.readComplete();
        }
    }
}
