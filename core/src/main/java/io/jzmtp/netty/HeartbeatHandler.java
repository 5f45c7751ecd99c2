package io.jzmtp.netty;

import io.jzmtp.wire.Command;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * ZMTP 3.1 heartbeats (ZMTP.md §10), with libzmq's semantics:
 * <ul>
 *   <li>after the handshake, a PING every HEARTBEAT_IVL, announcing our HEARTBEAT_TTL;</li>
 *   <li>a PING arms a HEARTBEAT_TIMEOUT check unless one is armed; if no frame at all arrived by then, the connection
 *       is closed with {@link ZmtpError#HEARTBEAT_TIMEOUT} (and, on the connecting side, made again);</li>
 *   <li>each PING from the peer with a TTL (re)starts a check of that length: no frame by then closes the connection
 *       with {@link ZmtpError#HEARTBEAT_TTL_EXPIRED}, whether or not our own heartbeats are on.</li>
 * </ul>
 * Any frame counts as proof of life; the frames are counted by {@link CommandHandler}, so this handler is not on the
 * read path at all (it overrides no read method) and costs nothing per message. PONGs are sent by CommandHandler.
 */
final class HeartbeatHandler extends ChannelInboundHandlerAdapter {

    private static final byte[] NO_CONTEXT = new byte[0];

    private final ConnectionConfig.Heartbeat settings;
    private final ConnectionState state;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> pings;
    private ScheduledFuture<?> timeoutCheck;
    private ScheduledFuture<?> ttlCheck;

    HeartbeatHandler(ConnectionConfig.Heartbeat settings, ConnectionState state) {
        this.settings = settings;
        this.state = state;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof HandshakeHandler.HandshakeCompleted) {
            start();
        } else if (evt instanceof Command.Ping ping && ping.ttlDeciseconds() > 0) {
            armTtl(ping.ttlDeciseconds() * 100L);
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void start() {
        long interval = settings.intervalMillis();
        if (interval > 0) {
            pings = ctx.executor().scheduleAtFixedRate(this::ping, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    private void ping() {
        if (ctx.channel().isWritable()) {
            // A PING behind data the peer has not read yet proves nothing more than that data will; skipping it keeps
            // a stalled connection from piling up PINGs. The timeout check below still runs.
            ctx.writeAndFlush(new Command.Ping(settings.ttlDeciseconds(), NO_CONTEXT), ctx.voidPromise());
        }
        if (timeoutCheck == null || timeoutCheck.isDone()) {
            long timeout = settings.timeoutMillis() > 0 ? settings.timeoutMillis() : settings.intervalMillis();
            timeoutCheck = failIfSilentFor(timeout, ZmtpError.HEARTBEAT_TIMEOUT,
                    "no traffic for " + timeout + " ms after our PING");
        }
    }

    /** Every PING with a TTL restarts the check from now, as libzmq does: silence after the last PING is what counts. */
    private void armTtl(long ttlMillis) {
        if (ttlCheck != null) {
            ttlCheck.cancel(false);
        }
        ttlCheck = failIfSilentFor(ttlMillis, ZmtpError.HEARTBEAT_TTL_EXPIRED,
                "no traffic within the peer's TTL of " + ttlMillis + " ms");
    }

    /** Closes the connection with {@code reason} unless some frame arrives within {@code millis} from now. */
    private ScheduledFuture<?> failIfSilentFor(long millis, ZmtpError reason, String detail) {
        long seen = state.framesReceived();
        return ctx.executor().schedule(() -> {
            if (state.framesReceived() == seen) {
                fail(reason, detail);
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    private void fail(ZmtpError reason, String detail) {
        ctx.fireExceptionCaught(new ZmtpProtocolException(reason, detail));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void stop() {
        for (ScheduledFuture<?> f : new ScheduledFuture<?>[] {pings, timeoutCheck, ttlCheck}) {
            if (f != null) {
                f.cancel(false);
            }
        }
        pings = null;
        timeoutCheck = null;
        ttlCheck = null;
    }
}
