package io.jzmtp.netty;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.wire.ZmtpFrame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Collects message frames into whole {@link Message}s (ZMTP messages are atomic: all frames or none). Frame bodies
 * move into the message without a copy. A message cut short by a closing connection is released, never delivered.
 */
final class MultipartAggregator extends ChannelInboundHandlerAdapter {

    private Message partial;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ZmtpFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        // The body's reference moves to the Frame; the ZmtpFrame wrapper is dropped without releasing it.
        Frame body = Frame.wrap(frame.body());
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
    }
}
