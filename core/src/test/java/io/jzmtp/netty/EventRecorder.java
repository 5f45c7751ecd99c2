package io.jzmtp.netty;

import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Placed after a handler under test: records user events and exceptions (so that they do not reach the channel's
 * tail and abort the test) and passes reads on to the {@link io.netty.channel.embedded.EmbeddedChannel}'s inbound
 * queue.
 */
final class EventRecorder extends ChannelInboundHandlerAdapter {

    final List<Object> events = new ArrayList<>();
    final List<Throwable> exceptions = new ArrayList<>();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        events.add(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        exceptions.add(cause);
    }

    /** The reason of the single exception recorded, which must be a protocol error. */
    ZmtpError failure() {
        assertEquals(1, exceptions.size(), "exceptions: " + exceptions);
        Throwable t = exceptions.get(0);
        if (t instanceof DecoderException && t.getCause() != null) {
            t = t.getCause();
        }
        return assertInstanceOf(ZmtpProtocolException.class, t).reason();
    }
}
