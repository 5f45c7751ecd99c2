package org.zeromq;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One frame of a message, as bytes. The array given to the constructor is kept, not copied, as in JeroMQ.
 * {@link #send} never throws: it returns false on any failure.
 */
public class ZFrame {

    /** Send flag: more frames follow. */
    public static final int MORE = ZMQ.SNDMORE;
    /** Send flag: do not wait. */
    public static final int DONTWAIT = ZMQ.DONTWAIT;
    /** Kept for compatibility; has no effect, as in JeroMQ. */
    public static final int REUSE = 128;

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private byte[] data;
    private boolean more;
    private int routingId;
    private String group;

    /** An empty frame with no data. */
    protected ZFrame() {
    }

    /** A frame holding {@code data} (not copied). */
    public ZFrame(byte[] data) {
        this.data = data;
    }

    /** A frame holding {@code data} in UTF-8. */
    public ZFrame(String data) {
        this.data = data == null ? null : data.getBytes(ZMQ.CHARSET);
    }

    private ZFrame(byte[] data, boolean more) {
        this.data = data;
        this.more = more;
    }

    /** The next frame from {@code socket}, waiting for it; null on EAGAIN (receive timeout). */
    public static ZFrame recvFrame(ZMQ.Socket socket) {
        return recvFrame(socket, 0);
    }

    /**
     * The next frame from {@code socket}; null on EAGAIN.
     *
     * @throws ZMQException on any other failure (ETERM, EINTR...)
     */
    public static ZFrame recvFrame(ZMQ.Socket socket, int flags) {
        byte[] data = socket.recv(flags);
        return data == null ? null : new ZFrame(data, socket.hasReceiveMore());
    }

    /** Sends this frame with {@link #MORE} and/or {@link #DONTWAIT}; keeps it; false on any failure. */
    public boolean send(ZMQ.Socket socket, int flags) {
        Objects.requireNonNull(socket, "socket");
        int sendFlags = ((flags & MORE) != 0 ? ZMQ.SNDMORE : 0) | ((flags & DONTWAIT) != 0 ? ZMQ.DONTWAIT : 0);
        try {
            return socket.send(data == null ? new byte[0] : data, sendFlags);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The same as {@link #send(ZMQ.Socket, int)}: the frame stays usable. */
    public boolean sendAndKeep(ZMQ.Socket socket, int flags) {
        return send(socket, flags);
    }

    /** Sends this frame as the last (or only) frame of a message and keeps it; false on any failure. */
    public boolean sendAndKeep(ZMQ.Socket socket) {
        return send(socket, 0);
    }

    /** Sends this frame and destroys it when the send succeeded. */
    public boolean sendAndDestroy(ZMQ.Socket socket, int flags) {
        boolean sent = send(socket, flags);
        if (sent) {
            destroy();
        }
        return sent;
    }

    /** Sends this frame as the last (or only) frame of a message; destroys it when the send succeeded. */
    public boolean sendAndDestroy(ZMQ.Socket socket) {
        return sendAndDestroy(socket, 0);
    }

    /** Drops the data: the frame is empty and {@link #hasData()} false. */
    public void destroy() {
        data = null;
    }

    /** The bytes (not a copy), or null after {@link #destroy()}. */
    public byte[] getData() {
        return data;
    }

    /** The data decoded with {@code charset}; "" for a frame with no data. */
    public String getString(Charset charset) {
        return data == null ? "" : new String(data, charset);
    }

    /** Whether more frames of the message followed this one when it was received. */
    public boolean hasMore() {
        return more;
    }

    /** The data's length in bytes; 0 for no data. */
    public int size() {
        return data == null ? 0 : data.length;
    }

    /** Whether the frame holds data (an empty array counts; a destroyed frame has none). */
    public boolean hasData() {
        return data != null;
    }

    /** A frame with a copy of this one's data. */
    public ZFrame duplicate() {
        return new ZFrame(data == null ? null : data.clone());
    }

    /** Whether {@code other} holds equal bytes. */
    public boolean hasSameData(ZFrame other) {
        return other != null && Arrays.equals(data, other.data);
    }

    /** Replaces the data with the UTF-8 bytes of {@code data}. */
    public void reset(String data) {
        this.data = data.getBytes(ZMQ.CHARSET);
    }

    /** Replaces the data with {@code data} (not copied). */
    public void reset(byte[] data) {
        this.data = data;
    }

    /** The data in uppercase hexadecimal. */
    public String strhex() {
        return data == null ? "" : HEX.formatHex(data);
    }

    /** Whether the data is {@code text} in UTF-8. */
    public boolean streq(String text) {
        return data != null && new String(data, ZMQ.CHARSET).equals(text);
    }

    /** The routing id given to {@link #setRoutingId}; 0 by default. */
    public int getRoutingId() {
        return routingId;
    }

    /** Kept for the draft SERVER socket, which jzmtp does not implement. */
    public void setRoutingId(int routingId) {
        this.routingId = routingId;
    }

    /** The group of the draft RADIO/DISH sockets; null unless set. */
    public String getGroup() {
        return group;
    }

    /** Kept for the draft RADIO/DISH sockets, which jzmtp does not implement. */
    public void setGroup(String group) {
        this.group = group;
    }

    /** Prints {@code [size] data} on standard output, as text or (for binary data) hex, after {@code prefix}. */
    public void print(String prefix) {
        if (data == null) {
            return;
        }
        StringBuilder line = new StringBuilder(prefix == null ? "" : prefix);
        line.append(String.format("[%03d] ", data.length));
        boolean binary = false;
        for (byte b : data) {
            binary |= b < 9;
        }
        int shown = Math.min(data.length, binary ? 35 : 70);
        line.append(binary ? HEX.formatHex(data, 0, shown) : new String(data, 0, shown, ZMQ.CHARSET));
        System.out.println(line.append(shown < data.length ? "..." : ""));
    }

    /** Equal to a ZFrame holding the same bytes; the MORE flag is not compared. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o != null && o.getClass() == getClass() && Arrays.equals(data, ((ZFrame) o).data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    /** The data as text when every byte is printable ASCII (32..127), else as uppercase hex. */
    @Override
    public String toString() {
        if (data == null) {
            return "";
        }
        for (byte b : data) {
            if (b < 32) {
                return strhex();
            }
        }
        return new String(data, ZMQ.CHARSET);
    }
}
