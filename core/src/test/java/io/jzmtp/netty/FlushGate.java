package io.jzmtp.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;

/**
 * Swallows flushes while closed, like a socket whose send buffer is full (a peer that does not read): bytes pile up
 * in the channel's outbound buffer and its writability really changes. Released by {@link #open()}. Add it first in
 * the pipeline (next to the head).
 */
final class FlushGate extends ChannelOutboundHandlerAdapter {
    private boolean closed = true;
    private ChannelHandlerContext ctx;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (!closed) {
            ctx.flush();
        }
    }

    void open() {
        closed = false;
        ctx.flush();
    }
}
