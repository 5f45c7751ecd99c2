package io.jzmtp.netty;

import io.jzmtp.mechanism.FrameBox;
import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.CommandCodec;
import io.jzmtp.wire.FrameHeader;
import io.jzmtp.wire.ZmtpVersion;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import java.nio.charset.StandardCharsets;

/**
 * Writes messages and commands as ZMTP 3.x frames (ZMTP.md §3) into batch buffers: headers and small bodies are
 * copied into pooled direct buffers of {@value #BATCH_BYTES} bytes, each written on when full or at {@link #finish()},
 * so that a burst of small messages goes out in one gathering write at the flush; a body of {@value #COPY_THRESHOLD}
 * bytes or more goes out as a retained slice right after its header (one gathering write of both, no copy). Short
 * frames (a body of at most 255 bytes, the one-byte size of ZMTP.md §3) are first gathered in an array of the writer's
 * own and copied into the batch a run at a time: plain array code per frame, where the buffer's checked accessors
 * would cost several times as much, in the interpreter and in what the JIT compiles.
 *
 * <p>Once the handshake is complete, a mechanism with a {@link FrameBox} (CURVE) seals every frame, commands
 * included: the writer still decides what the frames are (a SUBSCRIBE for a ZMTP 3.1 peer is made into a command
 * above the box) and the box decides how they look on the wire.
 * Not thread-safe: one writer per connection, used on its I/O thread.
 */
class FrameWriter {

    /** Bodies at least this large are written as retained slices instead of being copied. */
    static final int COPY_THRESHOLD = 8 * 1024;
    /**
     * The size of a batch buffer (or of the frame, if larger). A batch without room for the next frame is written on
     * and a new one started: a buffer that grew instead would copy what it holds each time it did.
     */
    static final int BATCH_BYTES = 16 * 1024;
    /** The most short frames' bytes gathered before they are copied into the batch. */
    static final int SHORT_RUN_BYTES = 8 * 1024;

    private static final byte[] SUBSCRIBE = "SUBSCRIBE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CANCEL = "CANCEL".getBytes(StandardCharsets.US_ASCII);

    private final ConnectionState state;
    private ChannelHandlerContext ctx;
    private ByteBuf batch;
    private byte[] shortRun;   // short frames not yet copied into the batch, made at the first one
    private int shortRunLength;

    /** A writer that learns the peer's ZMTP version from {@code state} (for subscription commands). */
    FrameWriter(ConnectionState state) {
        this.state = state;
    }

    /** The context whose {@code write} carries the batches on; set before the first frame. */
    void bind(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Encodes {@code message} and releases it (the writer owned it). */
    void write(Message message) {
        try {
            ZmtpVersion version = state.version();
            if (message.isSubscriptionControl() && version != null && version.hasSubscriptionCommands()) {
                subscriptionCommand(message.first());
            } else {
                int last = message.size() - 1;
                for (int i = 0; i <= last; i++) {
                    frame(i < last ? FrameHeader.FLAG_MORE : 0, message.frame(i));
                }
            }
        } finally {
            message.close();
        }
    }

    /** Encodes {@code command}; sealed in the mechanism's box, if it has one, once the handshake is complete. */
    void write(Command command) {
        FrameBox box = state.box();
        if (box == null) {
            int length = CommandCodec.encodedLength(command);
            if (batch == null && shortRunLength == 0) {
                // A command alone (a PONG, a PING) gets a buffer of its size: a 16 KiB batch holding 12 bytes would
                // count as 12 bytes against the connection's write limit while it holds 16 KiB of memory.
                batch = ctx.alloc().ioBuffer(length);
            }
            ensure(length);
            CommandCodec.encode(command, batch);
            return;
        }
        ByteBuf body = ctx.alloc().heapBuffer(CommandCodec.bodyLength(command));
        try {
            CommandCodec.encodeBody(command, body);
            seal(box, FrameHeader.FLAG_COMMAND, body);
        } finally {
            body.release();
        }
    }

    /** One frame: header and body, the body copied or passed on by reference by its size, or sealed in the box. */
    void frame(int flags, Frame body) {
        FrameBox box = state.box();
        if (box != null) {
            seal(box, flags, body.content());
            return;
        }
        int size = body.size();
        if (size <= FrameHeader.MAX_SHORT_SIZE) {
            addShort(flags, body, size);
        } else if (size < COPY_THRESHOLD) {
            ensure(FrameHeader.MAX_LENGTH + size);
            FrameHeader.write(batch, flags, size);
            body.writeTo(batch);
        } else {
            ensure(FrameHeader.MAX_LENGTH);
            FrameHeader.write(batch, flags, size);
            finish();
            ctx.write(body.content().retainedSlice(), ctx.voidPromise());
        }
    }

    /**
     * {@code [1|0][prefix]} as a ZMTP 3.1 SUBSCRIBE or CANCEL command (ZMTP.md §8.1), without a Command object; in a
     * box, the command's body is sealed with the COMMAND flag, as libzmq does (ZMTP.md §13.2).
     */
    private void subscriptionCommand(Frame frame) {
        ByteBuf body = frame.content();
        byte[] name = body.getByte(body.readerIndex()) == 1 ? SUBSCRIBE : CANCEL;
        int prefixLength = body.readableBytes() - 1;
        int bodyLength = 1 + name.length + prefixLength;
        FrameBox box = state.box();
        if (box == null) {
            ensure(FrameHeader.MAX_LENGTH + bodyLength);
            FrameHeader.write(batch, FrameHeader.FLAG_COMMAND, bodyLength);
            writeSubscriptionBody(name, body, prefixLength, batch);
            return;
        }
        ByteBuf plain = ctx.alloc().heapBuffer(bodyLength);
        try {
            writeSubscriptionBody(name, body, prefixLength, plain);
            seal(box, FrameHeader.FLAG_COMMAND, plain);
        } finally {
            plain.release();
        }
    }

    private static void writeSubscriptionBody(byte[] name, ByteBuf body, int prefixLength, ByteBuf out) {
        out.writeByte(name.length).writeBytes(name).writeBytes(body, body.readerIndex() + 1, prefixLength);
    }

    /** One frame sealed by the mechanism's box into the batch. */
    private void seal(FrameBox box, int flags, ByteBuf body) {
        ensure(FrameHeader.MAX_LENGTH + box.overhead() + body.readableBytes());
        box.seal(flags, body, batch);
    }

    /** Header and body of a short frame, into the run of them that goes into the batch next. */
    private void addShort(int flags, Frame body, int size) {
        if (shortRun == null) {
            shortRun = new byte[SHORT_RUN_BYTES];
        } else if (SHORT_RUN_BYTES - shortRunLength < 2 + size) {
            copyShortRun();
        }
        byte[] run = shortRun;
        int at = shortRunLength;
        run[at] = (byte) flags;
        run[at + 1] = (byte) size;
        body.copyTo(run, at + 2);
        shortRunLength = at + 2 + size;
    }

    /** Copies the short frames gathered so far into the batch, behind everything written before them. */
    private void copyShortRun() {
        int length = shortRunLength;
        if (length > 0) {
            shortRunLength = 0;
            room(length);
            batch.writeBytes(shortRun, 0, length);
        }
    }

    /** Whether bytes wait in the batch. */
    boolean hasPending() {
        return shortRunLength > 0 || batch != null && batch.isReadable();
    }

    /** Writes the batch under way on (not flushed). */
    void finish() {
        copyShortRun();
        writeBatch();
    }

    /** Writes the batch under way on and flushes the channel. */
    void flush() {
        finish();
        ctx.flush();
    }

    private void writeBatch() {
        ByteBuf b = batch;
        if (b != null) {
            batch = null;
            if (b.isReadable()) {
                ctx.write(b, ctx.voidPromise());
            } else {
                b.release();
            }
        }
    }

    /** Hands the batch under way to the caller (or an empty buffer), who writes it; for a write with a promise. */
    ByteBuf take() {
        copyShortRun();
        ByteBuf b = batch;
        batch = null;
        return b != null ? b : ctx.alloc().buffer(0);
    }

    /** Releases what was not written (the connection is going away). */
    void discard() {
        shortRunLength = 0;
        if (batch != null) {
            batch.release();
            batch = null;
        }
    }

    /** Makes room for {@code needed} bytes after the short frames gathered so far, which go into the batch first. */
    private void ensure(int needed) {
        copyShortRun();
        room(needed);
    }

    /** Makes room for {@code needed} bytes, writing a full batch on first. */
    private void room(int needed) {
        if (batch != null && batch.writableBytes() < needed) {
            writeBatch();
        }
        if (batch == null) {
            batch = ctx.alloc().ioBuffer(Math.max(BATCH_BYTES, needed));
        }
    }
}
