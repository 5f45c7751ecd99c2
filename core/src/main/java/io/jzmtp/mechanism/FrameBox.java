package io.jzmtp.mechanism;

import io.netty.buffer.ByteBuf;

/**
 * How a mechanism with a data phase of its own carries every frame once its handshake is complete: CURVE seals each
 * frame, commands included, in a MESSAGE command (ZMTP.md §13.2, §13.4). NULL and PLAIN have none; frames then travel
 * as they are.
 *
 * <p>The engine keeps its own framing above the box: it still decides what a frame is (a message part, a PING, a
 * SUBSCRIBE for a ZMTP 3.1 peer) and hands each one to {@link #seal}; what {@link #open} returns goes on as if it
 * had arrived in the clear. Called on the connection's I/O thread only, in wire order.
 */
public interface FrameBox {

    /** Bytes a sealed frame's body has beyond the plain body it carries (CURVE: 33), so sizes can be bounded. */
    int overhead();

    /**
     * Writes one whole ZMTP frame, header included, that carries the frame {@code flags} and {@code body}.
     *
     * @param flags {@link io.jzmtp.wire.FrameHeader#FLAG_MORE} and {@link io.jzmtp.wire.FrameHeader#FLAG_COMMAND}
     * @param body  the plain body, read but not released
     * @param out   where the sealed frame goes; at least {@code 9 + overhead() + body.readableBytes()} bytes fit
     */
    void seal(int flags, ByteBuf body, ByteBuf out);

    /**
     * Opens the body of a sealed frame the peer sent and writes the plain body into {@code out}.
     *
     * @param sealed the received frame's body, read but not released
     * @param out    where the plain body goes, as its readable bytes ({@code sealed.readableBytes() - overhead() + 1}
     *               bytes fit, so that a box may open its inner flags byte in place and skip it)
     * @return the frame's own flags: {@link io.jzmtp.wire.FrameHeader#FLAG_MORE}, {@link
     *         io.jzmtp.wire.FrameHeader#FLAG_COMMAND}
     * @throws io.jzmtp.wire.ZmtpProtocolException when the frame is not a sealed frame or does not open
     */
    int open(ByteBuf sealed, ByteBuf out);
}
