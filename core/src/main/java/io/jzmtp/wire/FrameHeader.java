package io.jzmtp.wire;

import io.netty.buffer.ByteBuf;

/**
 * The flags-and-size header of a ZMTP 3.x frame (ZMTP.md §3): one flags byte, then a one-byte size for bodies up to
 * 255 bytes, or the LONG flag and an eight-byte big-endian size. Like libzmq we send the long form only when needed.
 */
public final class FrameHeader {

    /** Another frame of the same message follows (RFC 23 §2.3). */
    public static final int FLAG_MORE = 0x01;
    /** The size field is eight bytes. */
    public static final int FLAG_LONG = 0x02;
    /** The frame is a command, not message data. */
    public static final int FLAG_COMMAND = 0x04;
    /** Largest body that fits a short frame's one-byte size. */
    public static final int MAX_SHORT_SIZE = 255;
    /** Largest header: flags plus an eight-byte size. */
    public static final int MAX_LENGTH = 9;

    private FrameHeader() {
    }

    /** Writes a header for a body of {@code size} bytes; {@code flags} must not contain {@link #FLAG_LONG}. */
    public static void write(ByteBuf out, int flags, long size) {
        if (size <= MAX_SHORT_SIZE) {
            out.writeByte(flags);
            out.writeByte((int) size);
        } else {
            out.writeByte(flags | FLAG_LONG);
            out.writeLong(size);
        }
    }

    /** Length of the header for a body of {@code size} bytes. */
    public static int length(long size) {
        return size <= MAX_SHORT_SIZE ? 2 : 9;
    }
}
