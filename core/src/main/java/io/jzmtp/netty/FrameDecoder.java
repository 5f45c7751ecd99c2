package io.jzmtp.netty;

import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpFrame;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the byte stream after the greeting into {@link ZmtpFrame}s (ZMTP.md §3). The size is checked against
 * MAXMSGSIZE as soon as the header is readable, before any body byte is buffered; the body is handed on as a retained
 * slice of the read buffer, so nothing is copied and memory grows only with bytes that actually arrived, never with
 * the size a peer merely declares.
 */
final class FrameDecoder extends ByteToMessageDecoder {

    private final long maxFrameSize;
    private final ConnectionState state;
    private boolean failed;

    /** A decoder rejecting frames larger than {@code maxFrameSize} bytes (-1 for no limit). */
    FrameDecoder(long maxFrameSize) {
        this(maxFrameSize, new ConnectionState());
    }

    /** As above, and stops decoding once {@code state} says the connection is closing. */
    FrameDecoder(long maxFrameSize, ConnectionState state) {
        this.maxFrameSize = maxFrameSize;
        this.state = state;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed || state.isClosing()) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int start = in.readerIndex();
        int available = in.readableBytes();
        if (available < 2) {
            return;
        }
        int flags = in.getUnsignedByte(start);
        boolean isLong = (flags & ZmtpFrame.FLAG_LONG) != 0;
        int headerLength = isLong ? 9 : 2;
        if (available < headerLength) {
            return;
        }
        long size = isLong ? in.getLong(start + 1) : in.getUnsignedByte(start + 1);
        check(flags, size);
        if (available - headerLength < size) {
            return;   // wait for the rest; the cumulation holds only what arrived
        }
        in.skipBytes(headerLength);
        out.add(new ZmtpFrame(flags & (ZmtpFrame.FLAG_MORE | ZmtpFrame.FLAG_COMMAND), in.readRetainedSlice((int) size)));
    }

    private void check(int flags, long size) {
        if (size < 0 || size > Integer.MAX_VALUE - 16) {
            throw fail(ZmtpError.FRAME_TOO_LARGE, "frame declares " + Long.toUnsignedString(size)
                    + " bytes, more than a JVM buffer can hold");
        }
        if (maxFrameSize >= 0 && size > maxFrameSize) {
            throw fail(ZmtpError.FRAME_TOO_LARGE, "frame of " + size + " bytes exceeds MAXMSGSIZE " + maxFrameSize);
        }
        if ((flags & ZmtpFrame.FLAG_COMMAND) != 0 && (flags & ZmtpFrame.FLAG_MORE) != 0) {
            throw fail(ZmtpError.MALFORMED_FRAME, "command frame with the MORE flag set");
        }
    }

    private ZmtpProtocolException fail(ZmtpError reason, String detail) {
        failed = true;
        return new ZmtpProtocolException(reason, detail);
    }
}
