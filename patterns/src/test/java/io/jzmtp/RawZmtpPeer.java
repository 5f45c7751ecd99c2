package io.jzmtp;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A hand-written ZMTP 3.0 NULL peer over a plain {@link java.net.Socket}, for tests that must see exactly what happens
 * on one connection: that it is accepted, handshaken, and closed. Built from ZMTP.md §2, §3 and §5.
 */
final class RawZmtpPeer implements AutoCloseable {

    private final java.net.Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawZmtpPeer(java.net.Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout((int) TestSupport.PATIENCE.toMillis());
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:{@code port}. */
    static RawZmtpPeer connect(int port) throws IOException {
        return new RawZmtpPeer(new java.net.Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** Wraps an accepted connection. */
    static RawZmtpPeer accepted(java.net.Socket socket) throws IOException {
        return new RawZmtpPeer(socket);
    }

    /** Sends our greeting and READY announcing {@code socketType}, then reads the peer's greeting and READY. */
    RawZmtpPeer handshake(String socketType) throws IOException {
        out.write(greeting());
        out.write(ready(socketType));
        out.flush();
        byte[] theirs = new byte[64];
        in.readFully(theirs);
        if ((theirs[0] & 0xff) != 0xff || theirs[9] != 0x7f || theirs[10] != 3) {
            throw new IOException("not a ZMTP 3 greeting");
        }
        int flags = in.readUnsignedByte();
        if ((flags & 0x04) == 0) {
            throw new IOException("expected a READY command, got flags " + flags);
        }
        long size = (flags & 0x02) != 0 ? in.readLong() : in.readUnsignedByte();
        in.readFully(new byte[(int) size]);
        return this;
    }

    /** Writes {@code messages} (single-frame, UTF-8) in one system call, so they arrive together. */
    void sendTogether(String... messages) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String m : messages) {
            byte[] body = m.getBytes(StandardCharsets.UTF_8);
            if (body.length > 255) {
                throw new IllegalArgumentException("short frames only");
            }
            b.write(0x00);
            b.write(body.length);
            b.write(body);
        }
        out.write(b.toByteArray());
        out.flush();
    }

    /** One frame as read from the wire. */
    record Frame(int flags, byte[] body) {
        boolean isCommand() {
            return (flags & 0x04) != 0;
        }

        boolean hasMore() {
            return (flags & 0x01) != 0;
        }

        /** The command name, for a command frame. */
        String commandName() {
            return new String(body, 1, body[0], StandardCharsets.US_ASCII);
        }
    }

    /** Reads the next frame, waiting up to the socket's timeout. */
    Frame readFrame() throws IOException {
        int flags = in.readUnsignedByte();
        long size = (flags & 0x02) != 0 ? in.readLong() : in.readUnsignedByte();
        byte[] body = new byte[(int) size];
        in.readFully(body);
        return new Frame(flags, body);
    }

    /** Writes one short frame with {@code flags}. */
    void sendFrame(int flags, byte[] body) throws IOException {
        if (body.length > 255) {
            throw new IllegalArgumentException("short frames only");
        }
        out.write(flags);
        out.write(body.length);
        out.write(body);
        out.flush();
    }

    /** Sends a PING command with no TTL and {@code context} (ZMTP.md §10). */
    void sendPing(byte[] context) throws IOException {
        out.write(pingFrame(context));
        out.flush();
    }

    /** A short PING command frame with no TTL and {@code context}, header included. */
    static byte[] pingFrame(byte[] context) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x04);
        frame.write(1 + 4 + 2 + context.length);
        frame.write(4);
        frame.writeBytes("PING".getBytes(StandardCharsets.US_ASCII));
        frame.write(0);
        frame.write(0);
        frame.writeBytes(context);
        return frame.toByteArray();
    }

    /** Answers a PING frame with its PONG, echoing the context. */
    void answerPing(Frame ping) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(4);
        body.writeBytes("PONG".getBytes(StandardCharsets.US_ASCII));
        body.write(ping.body(), 7, ping.body().length - 7);   // name length, "PING", 2-byte TTL, then the context
        sendFrame(0x04, body.toByteArray());
    }

    /** Reads the first {@code n} bytes the peer sends (e.g. its signature). */
    byte[] read(int n) throws IOException {
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    /**
     * Whether the peer closes the connection within {@code timeout}: reads and discards until end of stream (or a
     * reset, which is also a close); {@code false} when the connection is still open at the deadline.
     */
    boolean closedByPeerWithin(Duration timeout) throws IOException {
        return closedByPeerWithin(socket, timeout);
    }

    /** As {@link #closedByPeerWithin(Duration)}, for a plain socket (a test that writes its own bytes). */
    static boolean closedByPeerWithin(java.net.Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream s = socket.getInputStream();
        byte[] sink = new byte[4096];
        try {
            while (s.read(sink) >= 0) {
                // discard
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A 64-byte ZMTP 3.0 greeting for the NULL mechanism, as-server 0 (ZMTP.md §2.1). */
    static byte[] greeting() {
        byte[] g = new byte[64];
        g[0] = (byte) 0xff;
        g[9] = 0x7f;
        g[10] = 3;
        g[11] = 0;
        byte[] mech = "NULL".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(mech, 0, g, 12, mech.length);
        return g;
    }

    /** A READY command frame carrying only {@code Socket-Type} (ZMTP.md §5.2). */
    static byte[] ready(String socketType) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(5);
        body.writeBytes("READY".getBytes(StandardCharsets.US_ASCII));
        byte[] name = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
        byte[] value = socketType.getBytes(StandardCharsets.US_ASCII);
        body.write(name.length);
        body.writeBytes(name);
        body.write(0);
        body.write(0);
        body.write(0);
        body.write(value.length);
        body.writeBytes(value);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x04);
        frame.write(b.length);
        frame.writeBytes(b);
        return frame.toByteArray();
    }
}
