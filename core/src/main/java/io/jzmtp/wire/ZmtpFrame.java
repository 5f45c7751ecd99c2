package io.jzmtp.wire;

import io.netty.buffer.ByteBuf;

/**
 * One decoded ZMTP 3.x frame as it travels between the engine's handlers: its flags and a retained slice of its body.
 * Owns one reference to the body: whoever consumes the frame either takes the body over or calls {@link #release()}.
 * Deliberately not a Netty {@code ReferenceCounted}: a second counter per frame would cost an allocation per message,
 * and every frame is consumed by the engine's own handlers.
 */
public final class ZmtpFrame {

    /** Another frame of the same message follows (RFC 23 §2.3). */
    public static final int FLAG_MORE = 0x01;
    /** The size field is eight bytes. */
    public static final int FLAG_LONG = 0x02;
    /** The frame is a command, not message data. */
    public static final int FLAG_COMMAND = 0x04;
    /** Largest body that fits a short frame's one-byte size. */
    public static final int MAX_SHORT_SIZE = 255;

    private final int flags;
    private final ByteBuf body;

    /** A frame taking ownership of {@code body}. */
    public ZmtpFrame(int flags, ByteBuf body) {
        this.flags = flags;
        this.body = body;
    }

    /** The raw flags byte. */
    public int flags() {
        return flags;
    }

    /** Whether another frame of the same message follows. */
    public boolean hasMore() {
        return (flags & FLAG_MORE) != 0;
    }

    /** Whether this frame is a command. */
    public boolean isCommand() {
        return (flags & FLAG_COMMAND) != 0;
    }

    /** The body, owned by this frame. */
    public ByteBuf body() {
        return body;
    }

    /** Releases the body. */
    public void release() {
        body.release();
    }

    @Override
    public String toString() {
        return "ZmtpFrame[flags=" + flags + ", " + body.readableBytes() + " B]";
    }
}
