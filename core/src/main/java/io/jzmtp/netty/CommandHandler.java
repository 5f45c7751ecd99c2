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
 * Handles commands after the handshake (ZMTP.md §4, §8, §10): answers every PING with a PONG, turns SUBSCRIBE and
 * CANCEL into the legacy {@code \x01topic} / {@code \x00topic} messages that publishers understand from any peer,
 * closes on ERROR, and ignores unknown commands as libzmq does. Anything else passes on untouched.
 */
final class CommandHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Command command)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (command instanceof Command.Ping ping) {
            ctx.writeAndFlush(ping.answer(), ctx.voidPromise());
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

    /** A one-frame message {@code [kind][topic]}, marked as a subscription. */
    private static Message subscription(ChannelHandlerContext ctx, int kind, byte[] topic) {
        ByteBuf b = ctx.alloc().buffer(1 + topic.length);
        b.writeByte(kind).writeBytes(topic);
        return Message.of(Frame.wrap(b));
    }
}
