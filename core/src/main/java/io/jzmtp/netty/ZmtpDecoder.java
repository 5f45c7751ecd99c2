package io.jzmtp.netty;

import io.jzmtp.mechanism.FrameBox;
import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.wire.CommandCodec;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.FrameHeader;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.Arrays;
import java.util.List;

/**
 * Turns the bytes after the greeting straight into whole {@link Message}s and decoded commands (ZMTP.md §3, §4):
 * one handler, one pass over each read, no object per frame.
 *
 * <ul>
 *   <li>A frame's size is checked against MAXMSGSIZE as soon as its header is readable, and a message's running total
 *       too, before any body byte is kept: memory follows the bytes that arrived, never a size a peer declares.</li>
 *   <li>Bodies under {@value #COPY_BELOW} bytes are copied out of the read buffer into their own array (cheaper than
 *       a slice whose reference count two threads would touch, and the read buffer is freed at once); larger ones
 *       that arrived whole are retained slices of it, no copy.</li>
 *   <li>Runs of whole short message frames, what bursts of small messages are on the wire, are decoded from an
 *       array copy of the read rather than through the buffer's accessors ({@link #shortFrames(ByteBuf)}).</li>
 *   <li>A body of {@value #COLLECT_FROM} bytes or more that has not all arrived is collected read by read into a
 *       buffer of its own that grows as the bytes come and is handed over as it is ({@link CollectedBody}): each byte
 *       is copied once, never merged into the decoder's cumulation again and again.</li>
 *   <li>With {@code arrayBodies} (for APIs that hand out every frame as a {@code byte[]}, such as the JeroMQ drop-in)
 *       every body, whatever its size, is copied once into an array of its own on this thread, and collected into
 *       one when large: the reader then takes the array as it is, where it would otherwise copy the bytes out of a
 *       shared read buffer and release that buffer across threads.</li>
 *   <li>Once a mechanism with a {@link FrameBox} (CURVE) has completed its handshake, every frame is opened by it
 *       first and what it carried goes on as if it had arrived in the clear.</li>
 *   <li>Whole messages go straight to the {@link MessageSink} (the connection's pipe), without a trip through the
 *       pipeline; commands are passed on in order, through the pipeline, to the handshake and then to
 *       {@link CommandHandler}. A message frame before the handshake is over is a protocol error.</li>
 * </ul>
 */
final class ZmtpDecoder extends ByteToMessageDecoder {

    /** Bodies smaller than this are copied out of the read buffer; larger ones are kept as zero-copy slices. */
    static final int COPY_BELOW = 256;
    /** A body at least this large that has not all arrived is collected as it comes, not cumulated. */
    static final int COLLECT_FROM = 8 * 1024;
    /**
     * The memory a collected body starts with, whatever the size the peer declares (the body's own size if smaller):
     * as much as one of Netty's reads brings at most, so a body of up to 64 KiB is never copied to grow.
     */
    static final int FIRST_COLLECT = 64 * 1024;
    /** What MAXMSGSIZE charges for each frame of a message, beyond its body: about what a frame costs in memory. */
    static final int FRAME_COST = 32;
    /** Frames a message may always have, whatever MAXMSGSIZE. */
    static final int MIN_FRAMES = 64;
    /** The most of a read copied at once to decode a run of short frames from an array. */
    static final int SCRATCH_BYTES = 16 * 1024;
    /** The least copied for such a run: a few short frames. */
    static final int MIN_RUN_WINDOW = 64;
    /** Each thread's array for runs of short frames: decoders use it only within one call, on their I/O thread. */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[SCRATCH_BYTES];
        }
    };
    /** The largest frame any JVM buffer can hold. */
    private static final long MAX_FRAME = Integer.MAX_VALUE - 16;

    /** Where whole messages go. */
    interface MessageSink {
        /** A whole message from the peer; the sink owns it. */
        void message(Message message);
    }

    private final long maxMessageSize;
    private final long maxFrames;
    private final ConnectionState state;
    private final MessageSink sink;
    private final String mechanism;
    private final boolean uninterpretedHandshake;
    private final boolean arrayBodies;
    private final ReadSizes readSizes;
    private boolean failed;

    private Message partial;        // the message being assembled
    private long partialBytes;      // its bytes so far, for MAXMSGSIZE
    private long partialFrames;     // its frames so far, for MAXMSGSIZE
    private CollectedBody collecting;   // a large body being collected across reads
    private int collectingFlags;
    private int runWindow = MIN_RUN_WINDOW;   // how much to copy for the next run of short frames

    /**
     * A decoder that delivers messages to {@code sink} and rejects frames and messages larger than
     * {@code maxMessageSize} bytes (-1 for no limit); {@code mechanism} names the handshake in its errors.
     */
    ZmtpDecoder(long maxMessageSize, ConnectionState state, MessageSink sink, String mechanism) {
        this(maxMessageSize, state, sink, mechanism, false, false, new ReadSizes());
    }

    /**
     * As above; with {@code uninterpretedHandshake} every command before the handshake completes is passed on as its
     * name and raw data (CURVE, whose READY and ERROR have a grammar of their own); with {@code arrayBodies} every
     * message body arrives in a {@code byte[]} of its own; large frames are reported to {@code readSizes}.
     */
    ZmtpDecoder(long maxMessageSize, ConnectionState state, MessageSink sink, String mechanism,
                boolean uninterpretedHandshake, boolean arrayBodies, ReadSizes readSizes) {
        this.readSizes = readSizes;
        this.uninterpretedHandshake = uninterpretedHandshake;
        this.arrayBodies = arrayBodies;
        this.maxMessageSize = maxMessageSize;
        this.maxFrames = Math.max(MIN_FRAMES, maxMessageSize / FRAME_COST);
        this.state = state;
        this.sink = sink;
        this.mechanism = mechanism;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed || state.isClosing()) {
            in.skipBytes(in.readableBytes());
            return;
        }
        state.frameReceived();   // any bytes are proof of life for the heartbeat timers
        if (collecting != null && !collect(in)) {
            return;
        }
        while (true) {
            if (state.box() == null && state.peer() != null) {
                shortFrames(in);
            }
            int start = in.readerIndex();
            int available = in.readableBytes();
            if (available < 2) {
                return;
            }
            int flags = in.getUnsignedByte(start);
            int headerLength = (flags & FrameHeader.FLAG_LONG) != 0 ? 9 : 2;
            if (available < headerLength) {
                return;
            }
            long size = headerLength == 9 ? in.getLong(start + 1) : in.getUnsignedByte(start + 1);
            boolean whole = available - headerLength >= size;
            FrameBox box = state.box();
            if (box != null) {
                checkSealed(size, box);
                if (!whole) {
                    return;   // the cumulation holds what arrived until the rest comes
                }
                in.skipBytes(headerLength);
                if (open(ctx, box, in.readSlice((int) size), out)) {
                    return;   // a command: passed on before anything after it, as below
                }
                continue;
            }
            check(flags, size);
            if ((flags & FrameHeader.FLAG_COMMAND) != 0) {
                if (!whole) {
                    return;   // commands are small; the cumulation holds what arrived
                }
                in.skipBytes(headerLength);
                ByteBuf body = in.readSlice((int) size);
                out.add(uninterpretedHandshake && state.peer() == null ? CommandCodec.decodeUninterpreted(body)
                        : CommandCodec.decode(body));
                return;   // passed on before anything after it, so a SUBSCRIBE is seen before later messages
            }
            if (state.peer() == null) {
                throw fail(ZmtpError.UNEXPECTED_COMMAND, "message frame before the " + mechanism
                        + " handshake completed");
            }
            if (!whole && size < COLLECT_FROM) {
                return;   // the cumulation holds what arrived until the rest comes
            }
            countTowardsMessage(size);
            in.skipBytes(headerLength);
            if (!whole) {
                startCollecting(ctx, flags, (int) size, in);
                return;
            }
            frame(flags, body(in, (int) size));
        }
    }

    /**
     * Decodes the run of whole short message frames (flags 0 or MORE, a one-byte size, nothing sealed) at the front
     * of {@code in} from a copy of it in this thread's {@link #SCRATCH} array, leaving the first other frame to the
     * general loop. A burst of small messages is such a run, and plain array code costs a fraction of a buffer's
     * checked accessors per frame: in the interpreter, and in what the JIT compiles, and how long it takes to.
     *
     * <p>How much is copied follows the runs seen ({@link #runWindow}): it doubles, up to the whole scratch array,
     * while runs outlast it, and shrinks to about the last run when another frame ends one, so that envelopes of a
     * few short frames before a long body do not each pay for copying a long stretch of the read.
     */
    private void shortFrames(ByteBuf in) {
        while (true) {
            int readable = in.readableBytes();
            if (readable < 2 || !isShortMessageFrame(in.getUnsignedByte(in.readerIndex()))) {
                return;
            }
            byte[] bytes = SCRATCH.get();
            int length = Math.min(readable, runWindow);
            in.getBytes(in.readerIndex(), bytes, 0, length);
            int used = shortFrames(bytes, length);
            in.skipBytes(used);
            if (used < length && !isShortMessageFrame(bytes[used] & 0xff)) {
                runWindow = Math.max(MIN_RUN_WINDOW, 2 * used);   // another kind of frame ended the run
                return;
            }
            if (length == readable) {
                return;   // what is left is a short frame still arriving: it waits in the cumulation
            }
            runWindow = Math.min(2 * runWindow, SCRATCH_BYTES);   // the run went on past the copy
        }
    }

    /** Decodes whole short message frames from {@code bytes[0, length)}; returns how many bytes they took. */
    private int shortFrames(byte[] bytes, int length) {
        int at = 0;
        while (length - at >= 2) {
            int flags = bytes[at] & 0xff;
            int size = bytes[at + 1] & 0xff;
            if (!isShortMessageFrame(flags) || length - at - 2 < size) {
                break;
            }
            check(flags, size);
            countTowardsMessage(size);
            int body = at + 2;
            frame(flags, size == 0 ? Frame.empty() : Frame.of(Arrays.copyOfRange(bytes, body, body + size)));
            at = body + size;
        }
        return at;
    }

    private static boolean isShortMessageFrame(int flags) {
        return (flags & ~FrameHeader.FLAG_MORE) == 0;
    }

    /**
     * Opens a sealed frame (every frame, once a mechanism with a box completed its handshake; its outer flags do not
     * matter, ZMTP.md §13.4) and goes on with what it carried; returns whether that was a command.
     */
    private boolean open(ChannelHandlerContext ctx, FrameBox box, ByteBuf sealed, List<Object> out) {
        int plainSize = sealed.readableBytes() - box.overhead();
        if (plainSize < 0) {
            throw fail(ZmtpError.MALFORMED_FRAME, "a sealed frame of " + sealed.readableBytes()
                    + " bytes is shorter than the " + mechanism + " box around it");
        }
        ByteBuf plain = ctx.alloc().buffer(plainSize + 1);   // + 1: a box may open with its flags byte in place
        try {
            int flags;
            try {
                flags = box.open(sealed, plain);
            } catch (RuntimeException e) {
                failed = true;
                throw e;
            }
            if ((flags & FrameHeader.FLAG_COMMAND) != 0) {
                out.add(CommandCodec.decode(plain));
                return true;
            }
            countTowardsMessage(plain.readableBytes());
            frame(flags & FrameHeader.FLAG_MORE, body(plain, plain.readableBytes()));
            return false;
        } finally {
            plain.release();
        }
    }

    /** The body as a frame: copied when small or when bodies go in arrays, else a retained slice of the read buffer. */
    private Frame body(ByteBuf in, int size) {
        if (size >= ReadSizes.LARGE_FRAME) {
            readSizes.largeFrameSeen();
        }
        if (size >= COPY_BELOW && !arrayBodies) {
            return Frame.wrap(in.readRetainedSlice(size));
        }
        if (size == 0) {
            return Frame.empty();
        }
        byte[] copy = new byte[size];
        in.readBytes(copy);
        return Frame.of(copy);
    }

    /** Adds a complete frame to the message under way, delivering the message at its last frame. */
    private void frame(int flags, Frame body) {
        if ((flags & FrameHeader.FLAG_MORE) != 0) {
            if (partial == null) {
                partial = new Message();
            }
            partial.add(body);
            return;
        }
        Message complete;
        if (partial == null) {
            complete = Message.of(body);
        } else {
            complete = partial.add(body);
            partial = null;
        }
        partialBytes = 0;
        partialFrames = 0;
        sink.message(complete);
    }

    private void startCollecting(ChannelHandlerContext ctx, int flags, int size, ByteBuf in) {
        // Sized by what has arrived, not by what the peer declares: it grows (within the frame's size) as bytes come.
        int initial = Math.max(in.readableBytes(), FIRST_COLLECT);
        collecting = arrayBodies ? CollectedBody.inArray(size, initial)
                : CollectedBody.inBuffer(ctx.alloc(), size, initial);
        collectingFlags = flags;
        collect(in);
    }

    /** Moves what arrived of the collected body into it; returns whether the frame is complete. */
    private boolean collect(ByteBuf in) {
        readSizes.largeFrameSeen();   // every read of a large body, so the reads stay large until it is complete
        if (!collecting.take(in)) {
            return false;
        }
        CollectedBody body = collecting;
        collecting = null;
        frame(collectingFlags, body.toFrame());
        return true;
    }

    private void check(int flags, long size) {
        if (size < 0 || size > MAX_FRAME) {
            throw fail(ZmtpError.FRAME_TOO_LARGE, "frame declares " + Long.toUnsignedString(size)
                    + " bytes; jzmtp accepts frames of up to " + MAX_FRAME + " bytes (2^31-17, the largest JVM"
                    + " buffer) whatever MAXMSGSIZE says");
        }
        if (maxMessageSize >= 0 && size > maxMessageSize) {
            throw fail(ZmtpError.FRAME_TOO_LARGE, "frame of " + size + " bytes exceeds MAXMSGSIZE " + maxMessageSize);
        }
        if ((flags & FrameHeader.FLAG_COMMAND) != 0 && (flags & FrameHeader.FLAG_MORE) != 0) {
            throw fail(ZmtpError.MALFORMED_FRAME, "command frame with the MORE flag set");
        }
    }

    /** A sealed frame may exceed MAXMSGSIZE by its box, no more; what it carries is checked once opened. */
    private void checkSealed(long size, FrameBox box) {
        if (size < 0 || size > MAX_FRAME) {
            throw fail(ZmtpError.FRAME_TOO_LARGE, "frame declares " + Long.toUnsignedString(size)
                    + " bytes; jzmtp accepts frames of up to " + MAX_FRAME + " bytes (2^31-17, the largest JVM"
                    + " buffer) whatever MAXMSGSIZE says");
        }
        if (maxMessageSize >= 0 && size > maxMessageSize + box.overhead()) {
            throw fail(ZmtpError.FRAME_TOO_LARGE, "sealed frame of " + size + " bytes exceeds MAXMSGSIZE "
                    + maxMessageSize + " plus the " + box.overhead() + " bytes of its " + mechanism + " box");
        }
    }

    /**
     * MAXMSGSIZE also bounds a message's running total, not only each frame as libzmq does: otherwise a peer could
     * grow a partial message without limit with an endless chain of MORE frames. Frames are counted too, since each
     * costs memory beyond its body (an empty one none at all on the wire but its two header bytes): a message may
     * have at most MAXMSGSIZE / {@value #FRAME_COST} frames (and never fewer than {@value #MIN_FRAMES}, so that a
     * small MAXMSGSIZE still lets envelopes through), so it never holds much more than twice MAXMSGSIZE.
     */
    private void countTowardsMessage(long size) {
        if (maxMessageSize < 0) {
            return;
        }
        partialBytes += size;
        partialFrames++;
        if (partialBytes > maxMessageSize) {
            long total = partialBytes;
            discardPartial();
            throw fail(ZmtpError.FRAME_TOO_LARGE, "multipart message reached " + total
                    + " bytes, more than MAXMSGSIZE " + maxMessageSize);
        }
        if (partialFrames > maxFrames) {
            long frames = partialFrames;
            discardPartial();
            throw fail(ZmtpError.FRAME_TOO_LARGE, "multipart message reached " + frames + " frames, more than "
                    + "MAXMSGSIZE " + maxMessageSize + " allows (" + maxFrames + ", one per " + FRAME_COST + " bytes of it)");
        }
    }

    private ZmtpProtocolException fail(ZmtpError reason, String detail) {
        failed = true;
        return new ZmtpProtocolException(reason, detail);
    }

    /**
     * Unlike its superclass, never asks for another read when reading is off: here reading is off only because the
     * pipe reached RCVHWM, and asking for more would defeat that back-pressure (the superclass counts only what it
     * passed on, and messages go to the sink directly). The pipe turns reading on again once it has been drained.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        discardSomeReadBytes();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        discardPartial();   // a message cut short is never delivered
        super.channelInactive(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        discardPartial();
    }

    private void discardPartial() {
        if (partial != null) {
            partial.close();
            partial = null;
        }
        if (collecting != null) {
            collecting.discard();
            collecting = null;
        }
        partialBytes = 0;
        partialFrames = 0;
    }

    @Override
    public String toString() {
        return "ZmtpDecoder[" + (partial == null ? "between messages" : partial.size() + " frames under way")
                + (collecting == null ? "" : ", collecting " + collecting.received() + "/" + collecting.size
                        + " in " + collecting.held() + " bytes")
                + "]";
    }
}
