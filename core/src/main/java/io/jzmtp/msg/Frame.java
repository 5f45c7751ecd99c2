package io.jzmtp.msg;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One frame of a ZeroMQ message: an opaque run of bytes, backed by a reference-counted Netty {@link ByteBuf}.
 *
 * <p><b>Ownership.</b> A frame owns exactly one reference to its buffer. Whoever holds the frame must either hand it
 * on (add it to a {@link Message} that is then sent or handed on) or {@link #release()} it. Frames created from
 * {@code byte[]} or {@link ByteBuffer} wrap the caller's memory without copying, so the caller must not modify that
 * memory until the frame has been sent and released.
 */
public final class Frame {

    private static final Frame EMPTY_TEMPLATE = new Frame(Unpooled.EMPTY_BUFFER, null);
    private static final byte[] NO_BYTES = new byte[0];

    /** The bytes as a buffer; for an array-backed frame made lazily, only if someone asks for it. */
    private ByteBuf content;
    /** The caller's array for frames made from {@code byte[]} or {@code String}: no buffer object until needed. */
    private final byte[] array;

    private Frame(ByteBuf content, byte[] array) {
        this.content = content;
        this.array = array;
    }

    /** Wraps {@code bytes} without copying; the frame shares the array with the caller. */
    public static Frame of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? empty() : new Frame(null, bytes);
    }

    /** Encodes {@code text} as UTF-8. */
    public static Frame of(String text) {
        Objects.requireNonNull(text, "text");
        return text.isEmpty() ? empty() : new Frame(null, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Wraps the remaining bytes of {@code buffer} without copying (a direct buffer stays direct, which makes large
     * transfers zero-copy). The buffer's position is not changed.
     */
    public static Frame of(ByteBuffer buffer) {
        Objects.requireNonNull(buffer, "buffer");
        return buffer.hasRemaining() ? new Frame(Unpooled.wrappedBuffer(buffer.slice()), null) : empty();
    }

    /** Takes ownership of one reference to {@code content}: the caller must not release it afterwards. */
    public static Frame wrap(ByteBuf content) {
        return new Frame(Objects.requireNonNull(content, "content"), null);
    }

    /** A frame with no bytes (the delimiter of request-reply envelopes). */
    public static Frame empty() {
        return EMPTY_TEMPLATE;
    }

    /** Number of bytes in this frame. */
    public int size() {
        return array != null ? array.length : content.readableBytes();
    }

    /** The byte at {@code index} (0-based), unsigned. */
    public int byteAt(int index) {
        Objects.checkIndex(index, size());
        return array != null ? array[index] & 0xff : content.getUnsignedByte(content.readerIndex() + index);
    }

    /** Whether the frame's bytes start with {@code prefix}. */
    public boolean startsWith(byte[] prefix) {
        if (prefix.length > size()) {
            return false;
        }
        if (array != null) {
            return Arrays.equals(array, 0, prefix.length, prefix, 0, prefix.length);
        }
        int base = content.readerIndex();
        for (int i = 0; i < prefix.length; i++) {
            if (content.getByte(base + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the frame has no bytes. */
    public boolean isEmpty() {
        return size() == 0;
    }

    /**
     * The frame's bytes as a buffer view, still owned by this frame: valid until the frame is released, and not to be
     * released by the caller. Use {@link ByteBuf#retainedSlice()} to keep the bytes longer.
     */
    public ByteBuf content() {
        if (content == null) {
            content = Unpooled.wrappedBuffer(array);
        }
        return content;
    }

    /** Copies the frame's bytes to the end of {@code out}, whichever way they are held. */
    public void writeTo(ByteBuf out) {
        if (array != null) {
            out.writeBytes(array);
        } else {
            out.writeBytes(content, content.readerIndex(), content.readableBytes());
        }
    }

    /**
     * Copies the frame's bytes into {@code destination} from {@code offset}, whichever way they are held; the array
     * must have room for {@link #size()} bytes there.
     */
    public void copyTo(byte[] destination, int offset) {
        if (array != null) {
            System.arraycopy(array, 0, destination, offset, array.length);
        } else {
            content.getBytes(content.readerIndex(), destination, offset, content.readableBytes());
        }
    }

    /** A copy of the frame's bytes. */
    public byte[] toBytes() {
        return array != null ? array.clone() : ByteBufUtil.getBytes(content);
    }

    /**
     * The frame's bytes as an array, without a copy when the frame holds them in one: the array is then shared with
     * whoever else holds it (the sender's own array over inproc; nobody for a frame read from the network into an
     * array, as small frames always are and every frame is with the socket option {@code RECEIVE_ARRAYS}), so treat
     * it as read-only unless you know it is yours. Bytes held in a buffer come as a copy; an empty frame gives one
     * shared empty array. For APIs that hand out {@code byte[]}, such as the JeroMQ drop-in, where the copy
     * {@link #toBytes()} makes would be the only one.
     */
    public byte[] sharedBytes() {
        if (array != null) {
            return array;
        }
        return content.isReadable() ? ByteBufUtil.getBytes(content) : NO_BYTES;   // no bytes to share: one array
    }

    /** The frame's bytes decoded as UTF-8. */
    public String toUtf8() {
        return array != null ? new String(array, StandardCharsets.UTF_8) : content.toString(StandardCharsets.UTF_8);
    }

    /** A read-only {@link ByteBuffer} view of the frame's bytes, valid until the frame is released. */
    public ByteBuffer toByteBuffer() {
        return array != null ? ByteBuffer.wrap(array).asReadOnlyBuffer() : content.nioBuffer().asReadOnlyBuffer();
    }

    /** Whether the frame holds exactly {@code bytes}. */
    public boolean contentEquals(byte[] bytes) {
        if (array != null) {
            return Arrays.equals(array, bytes);
        }
        return ByteBufUtil.equals(content, Unpooled.wrappedBuffer(bytes));
    }

    /** A new frame that shares this frame's bytes and holds its own reference to them. */
    public Frame retainedDuplicate() {
        if (this == EMPTY_TEMPLATE) {
            return this;
        }
        return array != null ? new Frame(null, array) : new Frame(content.retainedDuplicate(), null);
    }

    /** Gives up this frame's reference to its bytes. */
    public void release() {
        if (array == null && this != EMPTY_TEMPLATE) {
            content.release();
        }
    }

    @Override
    public String toString() {
        int shown = Math.min(size(), 32);
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            hex.append(String.format("%02x", byteAt(i)));
        }
        return "Frame[" + size() + " B: " + hex + (shown < size() ? "…" : "") + "]";
    }
}
