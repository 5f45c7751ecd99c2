package io.jzmtp.netty;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.CommandCodec;
import io.jzmtp.wire.FrameHeader;
import io.jzmtp.wire.ZmtpFrame;
import io.jzmtp.wire.ZmtpVersion;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

import java.nio.charset.StandardCharsets;

/**
 * Encodes {@link Message}s and {@link Command}s as ZMTP 3.x frames, batching them: headers and small bodies are copied
 * into one pooled direct buffer that is handed to the transport at flush (or when it fills), so a burst of small
 * messages becomes one write; bodies of {@value #COPY_THRESHOLD} bytes or more are passed through as retained slices,
 * never copied. Other objects (raw greeting bytes) pass through unchanged, after anything batched before them.
 */
final class FrameEncoder extends ChannelOutboundHandlerAdapter {

    /** Bodies at least this large are written as retained slices instead of being copied. */
    static final int COPY_THRESHOLD = 8 * 1024;
    /** A batch buffer that reaches this size is handed on before the next one is started. */
    static final int BATCH_LIMIT = 64 * 1024;
    private static final int INITIAL_BATCH = 16 * 1024;

    private static final byte[] SUBSCRIBE = "SUBSCRIBE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CANCEL = "CANCEL".getBytes(StandardCharsets.US_ASCII);

    private final ConnectionState state;
    private ByteBuf batch;

    /** An encoder that learns the peer's ZMTP version from {@code state} (for subscription commands). */
    FrameEncoder(ConnectionState state) {
        this.state = state;
    }

    /** An encoder for a connection whose version is unknown: subscriptions are sent as 3.0 messages. */
    FrameEncoder() {
        this(new ConnectionState());
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Message message) {
            try {
                if (message.isSubscriptionControl() && state.version() == ZmtpVersion.V3_1) {
                    encodeSubscriptionCommand(ctx, message.first());
                } else {
                    encode(ctx, message);
                }
            } finally {
                message.close();
            }
            completeWith(ctx, promise);
        } else if (msg instanceof Command command) {
            ensure(ctx, CommandCodec.encodedLength(command));
            CommandCodec.encode(command, batch);
            completeWith(ctx, promise);
        } else {
            writeBatch(ctx);
            ctx.write(msg, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        writeBatch(ctx);
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        flush(ctx);
        ctx.close(promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (batch != null) {
            batch.release();
            batch = null;
        }
    }

    private void encode(ChannelHandlerContext ctx, Message message) {
        int last = message.size() - 1;
        for (int i = 0; i <= last; i++) {
            Frame frame = message.frame(i);
            int size = frame.size();
            int flags = i < last ? ZmtpFrame.FLAG_MORE : 0;
            if (size < COPY_THRESHOLD) {
                ensure(ctx, FrameHeader.MAX_LENGTH + size);
                FrameHeader.write(batch, flags, size);
                frame.writeTo(batch);
            } else {
                ensure(ctx, FrameHeader.MAX_LENGTH);
                FrameHeader.write(batch, flags, size);
                writeBatch(ctx);
                ctx.write(frame.content().retainedSlice(), ctx.voidPromise());
            }
        }
    }

    /** {@code [1|0][prefix]} as a ZMTP 3.1 SUBSCRIBE or CANCEL command (ZMTP.md §8.1), without a Command object. */
    private void encodeSubscriptionCommand(ChannelHandlerContext ctx, Frame frame) {
        ByteBuf body = frame.content();
        byte[] name = body.getByte(body.readerIndex()) == 1 ? SUBSCRIBE : CANCEL;
        int prefixLength = body.readableBytes() - 1;
        int bodyLength = 1 + name.length + prefixLength;
        ensure(ctx, FrameHeader.MAX_LENGTH + bodyLength);
        FrameHeader.write(batch, ZmtpFrame.FLAG_COMMAND, bodyLength);
        batch.writeByte(name.length).writeBytes(name).writeBytes(body, body.readerIndex() + 1, prefixLength);
    }

    /** Makes room for {@code needed} bytes, handing on a full batch first. */
    private void ensure(ChannelHandlerContext ctx, int needed) {
        if (batch != null && batch.writableBytes() < needed && batch.readableBytes() + needed > BATCH_LIMIT) {
            writeBatch(ctx);
        }
        if (batch == null) {
            batch = ctx.alloc().ioBuffer(Math.max(INITIAL_BATCH, needed));
        }
    }

    private void writeBatch(ChannelHandlerContext ctx) {
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

    /** A caller waiting for its write gets completion with the bytes written so far. */
    private void completeWith(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (!promise.isVoid()) {
            ByteBuf b = batch;
            batch = null;
            ctx.write(b != null ? b : ctx.alloc().buffer(0), promise);
        }
    }
}
