package io.jzmtp.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The handler of a transport's server channel: reports what it could not accept (out of descriptors, say) to the
 * socket, which tells its monitor; Netty keeps the listener open afterwards.
 */
public final class AcceptFailureHandler extends ChannelInboundHandlerAdapter {

    private final Consumer<Throwable> acceptFailed;

    /** Reports each failure to {@code acceptFailed}. */
    public AcceptFailureHandler(Consumer<Throwable> acceptFailed) {
        this.acceptFailed = Objects.requireNonNull(acceptFailed, "acceptFailed");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        acceptFailed.accept(cause);
    }
}
