package io.jzmtp.netty;

import io.jzmtp.wire.Command;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;

import java.io.IOException;

/**
 * The one place where a connection's failures end (last in the pipeline): a {@link ZmtpProtocolException} is logged
 * with its specific reason, recorded for the socket (monitor, reconnect policy), answered with an ERROR command when
 * the protocol allows one (between the greetings and the end of the handshake), and the connection alone is closed.
 * I/O errors (reset by peer) just close it.
 */
final class ConnectionGuard extends ChannelInboundHandlerAdapter {

    private final ConnectionState state;

    ConnectionGuard(ConnectionState state) {
        this.state = state;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (!ctx.channel().isActive() || state.isClosing()) {
            return;
        }
        state.closing();
        if (root instanceof ZmtpProtocolException e) {
            state.failed(e);
            if (Logs.isCondition(e.reason())) {
                Logs.CONNECTIONS.info("{} closing connection: {}", ctx.channel(), e.getMessage());
            } else {
                Logs.CONNECTIONS.warn("{} closing connection: {}", ctx.channel(), e.getMessage());
            }
            // ERROR is a handshake command (RFC 23/37); after the handshake libzmq just closes, and so do we.
            if (e.reason().sendsErrorCommand() && state.canSendCommands() && state.peer() == null) {
                ctx.writeAndFlush(new Command.Error(errorReason(e))).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        } else if (root instanceof IOException) {
            Logs.CONNECTIONS.debug("{} connection lost: {}", ctx.channel(), root.toString());
        } else {
            state.failed(new ZmtpProtocolException(ZmtpError.MALFORMED_FRAME, "internal error: " + root));
            Logs.CONNECTIONS.error("{} closing connection after unexpected error", ctx.channel(), root);
        }
        ctx.close();
    }

    /** The ERROR reason: short and specific, without our internal enum prefix. */
    private static String errorReason(ZmtpProtocolException e) {
        return e.reason() == ZmtpError.INCOMPATIBLE_PEER ? "Incompatible socket type: " + e.detail() : e.errorReason();
    }
}
