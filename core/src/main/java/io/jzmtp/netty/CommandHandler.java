package io.jzmtp.netty;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Handles commands after the handshake (ZMTP.md §4, §8, §10): answers PINGs with PONGs, turns SUBSCRIBE and CANCEL
 * into the legacy {@code \x01topic} / {@code \x00topic} messages that publishers understand from any peer, closes on
 * ERROR, and ignores unknown commands as libzmq does. Anything else passes on untouched.
 *
 * <p>What a peer makes us write must not grow with what it sends: only the latest PING is owed an answer (as in
 * libzmq, a PONG answers the newest PING's context), it is written once per read, and only while the connection is
 * writable; a peer that floods PINGs and never reads its PONGs costs one pending PONG, not one per PING. Reading is
 * not paused for it: a connection whose peer is slow to read must still read, or two peers sending to each other
 * could each wait for the other forever.
 */
final class CommandHandler extends ChannelInboundHandlerAdapter {

    /** The newest PING not answered yet, or {@code null}. */
    private Command.Ping owed;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Command command)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (command instanceof Command.Ping ping) {
            owed = ping;   // answered at the end of this read, replacing any older one still owed
            ctx.fireUserEventTriggered(ping);
        } else if (command instanceof Command.Pong pong) {
            ctx.fireUserEventTriggered(pong);
        } else if (command instanceof Command.Subscribe s) {
            ctx.fireChannelRead(subscription(ctx, 1, s.topic()));
        } else if (command instanceof Command.Cancel c) {
            ctx.fireChannelRead(subscription(ctx, 0, c.topic()));
        } else if (command instanceof Command.Error e) {
            throw new ZmtpProtocolException(ZmtpError.PEER_ERROR, "peer sent ERROR '" + e.reason() + "'");
        } else if (command instanceof Command.Unknown u) {
            Logs.CONNECTIONS.debug("{} ignoring unknown command {}", ctx.channel(), u.name());
        } else {
            throw new ZmtpProtocolException(ZmtpError.UNEXPECTED_COMMAND, command.name() + " after the handshake");
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        answerPing(ctx);
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        answerPing(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    /** Sends the PONG owed, if any, once the connection can take it. */
    private void answerPing(ChannelHandlerContext ctx) {
        Command.Ping ping = owed;
        if (ping != null && ctx.channel().isWritable()) {
            owed = null;
            ctx.writeAndFlush(ping.answer(), ctx.voidPromise());
        }
    }

    /** A one-frame message {@code [kind][topic]}, marked as a subscription. */
    private static Message subscription(ChannelHandlerContext ctx, int kind, byte[] topic) {
        ByteBuf b = ctx.alloc().buffer(1 + topic.length);
        b.writeByte(kind).writeBytes(topic);
        return Message.of(Frame.wrap(b));
    }
}
