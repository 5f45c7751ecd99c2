package io.jzmtp.netty;

import io.jzmtp.msg.Message;
import io.jzmtp.wire.Command;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Encodes what is written through the pipeline as ZMTP 3.x frames: {@link Command}s (READY, PING, PONG, ERROR) and
 * any {@link Message}, batched by a {@link FrameWriter} until the flush. The bulk of the traffic does not come this
 * way: {@link PipeBridge} encodes what it drains from the pipe into the same writer, which writes whole batches on
 * from this handler's place in the pipeline.
 */
final class FrameEncoder extends ChannelOutboundHandlerAdapter {

    /** Bodies at least this large are written as retained slices instead of being copied. */
    static final int COPY_THRESHOLD = FrameWriter.COPY_THRESHOLD;
    /** The size of a batch buffer: one without room for the next frame is handed on and a new one started. */
    static final int BATCH_BYTES = FrameWriter.BATCH_BYTES;

    private final FrameWriter writer;

    /**
     * An encoder writing through {@code writer}, which it binds to its own place in the pipeline and discards when it
     * is removed: a {@link PipeBridge} given the same writer adds its messages to the same batches, so everything
     * reaches the wire in the order it was encoded, and a batch passes through one handler on its way out, not two.
     */
    FrameEncoder(FrameWriter writer) {
        this.writer = writer;
    }

    /** An encoder for a connection whose version is unknown: subscriptions are sent as 3.0 messages. */
    FrameEncoder() {
        this(new FrameWriter(new ConnectionState()));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        writer.bind(ctx);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Message message) {
            writer.write(message);
            completeWith(ctx, promise);
        } else if (msg instanceof Command command) {
            writer.write(command);
            completeWith(ctx, promise);
        } else {
            writer.finish();
            ctx.write(msg, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        writer.flush();   // the writer is bound to this handler's context
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        flush(ctx);
        ctx.close(promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        writer.discard();
    }

    /** A caller waiting for its write gets completion with the bytes written so far. */
    private void completeWith(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (!promise.isVoid()) {
            ctx.write(writer.take(), promise);
        }
    }
}
