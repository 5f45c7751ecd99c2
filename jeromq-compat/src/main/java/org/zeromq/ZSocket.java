package org.zeromq;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A socket that needs no context: it uses a hidden context shared by all ZSockets, created for the first one and
 * terminated when the last one closes. Byte and UTF-8 sends and receives, with would-block as a return value (-1 or
 * null) and other failures as {@link ZMQException}. Not thread-safe, as a {@link ZMQ.Socket}.
 *
 * <p>Differences from JeroMQ: {@link #unbind} unbinds (JeroMQ 0.6.0 binds again); {@link #sendMessage(ZMsg)} sends
 * the frames as one multipart message (JeroMQ passes its internal MORE flag, which is DONTWAIT, and so sends separate
 * messages); {@link #receiveStringUtf8()} returns null on EAGAIN where JeroMQ throws NullPointerException; the
 * {@code zmq.Msg} overloads of {@code sendMessage} and {@code receiveMessage} are absent, as they expose JeroMQ's
 * internals; the shared context does not outlive its last socket.
 */
public class ZSocket implements AutoCloseable {

    private final SharedContext.Lease lease;
    private final ZMQ.Socket socket;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A socket of the type numbered {@code socketType}. */
    public ZSocket(int socketType) {
        this(SocketType.type(socketType));
    }

    /** A socket of {@code socketType}. */
    public ZSocket(SocketType socketType) {
        this.lease = SharedContext.socket(socketType);
        this.socket = lease.socket();
    }

    /** The socket's type. */
    public SocketType getSocketType() {
        return socket.getSocketType();
    }

    /** The socket's type as JeroMQ's number ({@link ZMQ#PUSH}...). */
    public int getType() {
        return socket.getType();
    }

    /** Binds; failures throw {@link ZMQException} (or IllegalArgumentException for a malformed endpoint). */
    public boolean bind(String endpoint) {
        return socket.bind(endpoint);
    }

    /** Stops listening on {@code endpoint}; an endpoint this socket is not bound to throws ENOENT, as in JeroMQ. */
    public boolean unbind(String endpoint) {
        return raiseUnless(socket.unbind(endpoint));
    }

    /** Connects; failures throw as for {@link #bind}. */
    public boolean connect(String endpoint) {
        return socket.connect(endpoint);
    }

    /** Disconnects from {@code endpoint}; an endpoint this socket did not connect to throws ENOENT, as in JeroMQ. */
    public boolean disconnect(String endpoint) {
        return raiseUnless(socket.disconnect(endpoint));
    }

    private boolean raiseUnless(boolean done) {
        if (!done) {
            throw new ZMQException(socket.errno());
        }
        return true;
    }

    /** Whether the message being read has more frames. */
    public final boolean hasReceiveMore() {
        return socket.hasReceiveMore();
    }

    /** SUB: receives messages starting with {@code topic}. */
    public void subscribe(byte[] topic) {
        socket.subscribe(topic);
    }

    /** {@link #subscribe(byte[])} with the UTF-8 bytes of {@code topic}. */
    public void subscribe(String topic) {
        socket.subscribe(topic);
    }

    /** SUB: cancels one earlier {@link #subscribe(byte[])} of {@code topic}. */
    public void unsubscribe(byte[] topic) {
        socket.unsubscribe(topic);
    }

    /** {@link #unsubscribe(byte[])} with the UTF-8 bytes of {@code topic}. */
    public void unsubscribe(String topic) {
        socket.unsubscribe(topic);
    }

    /** Sends one frame; returns its size, or -1 on EAGAIN. */
    public int send(byte[] b) {
        return send(b, 0);
    }

    /** Sends one frame with {@link ZMQ#SNDMORE} and/or {@link ZMQ#DONTWAIT}; returns its size, or -1 on EAGAIN. */
    public int send(byte[] b, int flags) {
        return socket.send(b, flags) ? b.length : -1;
    }

    /** Sends the frame's data with {@code flags} ({@link ZFrame#MORE}, {@link ZFrame#DONTWAIT}); false on EAGAIN. */
    public boolean sendFrame(ZFrame frame, int flags) {
        byte[] data = frame.getData();
        return socket.send(data == null ? new byte[0] : data, flags);
    }

    /**
     * Sends the frames of {@code message} as one message, taking them out of it as they go; false on EAGAIN or for
     * an empty message.
     */
    public boolean sendMessage(ZMsg message) {
        boolean rc = false;
        for (ZFrame frame = message.pop(); frame != null; frame = message.pop()) {
            rc = sendFrame(frame, message.isEmpty() ? 0 : ZMQ.SNDMORE);
            if (!rc) {
                break;
            }
        }
        return rc;
    }

    /** Sends {@code str} in UTF-8; returns the bytes sent, or -1 on EAGAIN. */
    public int sendStringUtf8(String str) {
        return sendStringUtf8(str, 0);
    }

    /** Sends {@code str} in UTF-8 as one frame with {@code flags}; returns its size, -1 on EAGAIN. */
    public int sendStringUtf8(String str, int flags) {
        return send(str.getBytes(ZMQ.CHARSET), flags);
    }

    /** The next frame, waiting for it; null on EAGAIN (receive timeout). */
    public byte[] receive() {
        return receive(0);
    }

    /** The next frame; with {@link ZMQ#DONTWAIT}, null at once when none is waiting. */
    public byte[] receive(int flags) {
        return socket.recv(flags);
    }

    /** The next frame as UTF-8 text; null on EAGAIN. */
    public String receiveStringUtf8() {
        return receiveStringUtf8(0);
    }

    /** The next frame as UTF-8 text, with {@code flags}; null on EAGAIN. */
    public String receiveStringUtf8(int flags) {
        byte[] b = receive(flags);
        return b == null ? null : new String(b, ZMQ.CHARSET);
    }

    /** Closes the socket at once (queued messages are dropped); the last ZSocket closed ends the shared context. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            lease.close();
        }
    }
}
