package io.jzmtp.netty;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpFrame;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Collects message frames into whole {@link Message}s (ZMTP messages are atomic: all frames or none). Frame bodies
 * move into the message without a copy. A message cut short by a closing connection is released, never delivered.
 *
 * <p>MAXMSGSIZE also bounds the running total of a message, not only each frame as libzmq does: otherwise a peer
 * could grow a partial message without limit with an endless chain of MORE frames.
 */
final class MultipartAggregator extends ChannelInboundHandlerAdapter {

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
        // The body's reference moves to the Frame; the ZmtpFrame wrapper is dropped without releasing it.
        Frame body = Frame.wrap(frame.body());
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
