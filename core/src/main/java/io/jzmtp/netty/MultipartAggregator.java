package io.jzmtp.netty;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpFrame;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Collects message frames into whole {@link Message}s (ZMTP messages are atomic: all frames or none). A message cut
 * short by a closing connection is released, never delivered.
 *
 * <p>Bodies of {@value #COPY_BELOW} bytes or more move into the message without a copy, as retained slices of the
 * read buffer. Smaller ones are copied into their own array: for a few dozen bytes a copy costs less than a slice
 * whose reference count the application thread would then update on a buffer the I/O thread is also counting on,
 * and the read buffer is freed (or reused) at once instead of being pinned by tiny slices.
 *
 * <p>MAXMSGSIZE also bounds the running total of a message, not only each frame as libzmq does: otherwise a peer
 * could grow a partial message without limit with an endless chain of MORE frames.
 */
final class MultipartAggregator extends ChannelInboundHandlerAdapter {

    /** Bodies smaller than this are copied out of the read buffer; larger ones are kept as zero-copy slices. */
    static final int COPY_BELOW = 256;

    private final long maxMessageSize;
    private Message partial;
    private long partialBytes;

    /** An aggregator rejecting messages larger than {@code maxMessageSize} bytes in total (-1 for no limit). */
    MultipartAggregator(long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /** An aggregator without a size limit. */
    MultipartAggregator() {
        this(-1);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ZmtpFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Frame body = toFrame(frame);
        if (maxMessageSize >= 0 && (partial != null || frame.hasMore())) {
            partialBytes += body.size();
            if (partialBytes > maxMessageSize) {
                body.release();
                discardPartial();
                throw new ZmtpProtocolException(ZmtpError.FRAME_TOO_LARGE, "multipart message reached "
                        + partialBytes + " bytes, more than MAXMSGSIZE " + maxMessageSize);
            }
        }
        if (frame.hasMore()) {
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
        ctx.fireChannelRead(complete);
    }

    /** The frame's body as a message frame: copied when small, else its reference moves into the Frame. */
    private static Frame toFrame(ZmtpFrame frame) {
        ByteBuf body = frame.body();
        if (body.readableBytes() >= COPY_BELOW) {
            return Frame.wrap(body);
        }
        byte[] copy = ByteBufUtil.getBytes(body);
        body.release();
        return Frame.of(copy);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discardPartial();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discardPartial();
    }

    private void discardPartial() {
        if (partial != null) {
            partial.close();
            partial = null;
        }
        partialBytes = 0;
    }
}
