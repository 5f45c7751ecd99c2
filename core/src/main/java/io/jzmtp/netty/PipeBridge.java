package io.jzmtp.netty;

import io.jzmtp.msg.Message;
import io.jzmtp.msg.Metadata;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.pipe.WireSide;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The only handler that touches the pattern layer: connects one channel to one {@link Pipe} once the handshake is
 * done. Inbound messages go into the pipe (which pauses reading at RCVHWM) and the reader is told once per socket
 * read, at {@code channelReadComplete}, so waking it costs one signal per read; outbound messages are drained from the
 * pipe in batches on the event loop and encoded here, by the connection's {@link FrameWriter} (shared with the
 * {@link FrameEncoder}, from whose place the buffers leave), into pooled batch buffers that are written and flushed
 * once per batch: no trip through the pipeline per message. A producer schedules a drain only when none is pending,
 * so a burst of sends costs one event-loop wake-up.
 */
final class PipeBridge extends ChannelInboundHandlerAdapter implements WireSide, ZmtpDecoder.MessageSink {

    /** Messages written per drain before yielding the event loop to other channels. */
    static final int MAX_BATCH = 512;

    private final ConnectionHandler handler;
    private final ConnectionState state;
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final FrameWriter writer;
    private final Runnable drainTask = this::drain;
    private ChannelHandlerContext ctx;
    private Pipe pipe;
    private Metadata metadata = Metadata.EMPTY;

    /**
     * A bridge that encodes into {@code writer}, the connection's one writer, which its {@link FrameEncoder} binds and
     * discards: the batches then leave from the encoder's place, after whatever commands it encoded before them.
     */
    PipeBridge(ConnectionHandler handler, ConnectionState state, FrameWriter writer) {
        this.handler = handler;
        this.state = state;
        this.writer = writer;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof HandshakeHandler.HandshakeCompleted done) {
            PeerInfo peer = done.peer();
            Pipe p = handler.handshakeCompleted(peer, ctx.executor());
            if (p == null) {
                ctx.fireExceptionCaught(new ZmtpProtocolException(ZmtpError.PEER_REFUSED,
                        "socket refused another peer (" + peer.socketType() + " at " + peer.remoteAddress() + ")"));
                return;
            }
            metadata = peer.metadata();
            pipe = p;
            p.attach(this, peer);
            handler.pipeConnected(p);
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** A whole message from the decoder, straight from the read (not through the pipeline). */
    @Override
    public void message(Message m) {
        Pipe p = pipe;
        if (p != null) {
            p.pushInboundQuietly(m.metadata(metadata));   // announced once per read, in channelReadComplete
        } else {
            m.close();   // the peer was refused; nothing will read this
        }
    }

    /** Messages made by other handlers (subscriptions from SUBSCRIBE/CANCEL commands) arrive through the pipeline. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Message m) {
            message(m);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (pipe != null) {
            pipe.announceInbound();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && pipe != null && (drainPending.get() || pipe.hasOutbound())) {
            drainPending.set(true);
            drain();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handler.connectionOpened(Addresses.text(ctx.channel().remoteAddress()));
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Pipe p = pipe;
        if (p != null) {
            p.detach(this);
        }
        handler.connectionClosed(Addresses.text(ctx.channel().remoteAddress()), state.peer(), p, state.failure());
        ctx.fireChannelInactive();
    }

    // ---- WireSide ----------------------------------------------------------------------------------------------------

    @Override
    public void outboundReady() {
        if (!drainPending.get() && drainPending.compareAndSet(false, true)) {
            ctx.executor().execute(drainTask);
        }
    }

    @Override
    public void pauseReading() {
        ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void resumeReading() {
        // On the event loop, so it is ordered after the pause that the same loop issued.
        ctx.executor().execute(() -> ctx.channel().config().setAutoRead(true));
    }

    @Override
    public boolean hasPendingWrites() {
        ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        return buffer != null && buffer.totalPendingWriteBytes() > 0 || drainPending.get();
    }

    @Override
    public void close() {
        ctx.channel().close();
    }

    /**
     * Encodes up to {@value #MAX_BATCH} queued messages while the channel takes more; returns how many. A method of its
     * own, apart from the hand-off that follows it: the JIT then compiles this loop and that hand-off each once, where
     * one method holding both would be compiled again, loop and all, whenever either changed course.
     */
    private int encodeBatch(Channel ch, Pipe p) {
        int written = 0;
        Message m;
        while (written < MAX_BATCH && ch.isWritable() && (m = p.pollOutbound()) != null) {
            writer.write(m);   // encoded into the batch buffer here: no trip through the pipeline per message
            written++;
        }
        return written;
    }

    private void drain() {
        Channel ch = ctx.channel();
        Pipe p = pipe;
        if (encodeBatch(ch, p) > 0) {
            writer.flush();
            p.outboundDrained();
        }
        if (!ch.isActive()) {
            drainPending.set(false);
            return;
        }
        if (!ch.isWritable()) {
            return;   // stays pending: channelWritabilityChanged resumes the drain
        }
        if (p.hasOutbound()) {
            ctx.executor().execute(drainTask);   // more to do, but let other channels run first
            return;
        }
        drainPending.set(false);
        if (p.hasOutbound() && drainPending.compareAndSet(false, true)) {
            ctx.executor().execute(drainTask);   // a producer slipped in before we cleared the flag
        }
    }
}
