package org.zeromq;

import io.jzmtp.SocketClosedException;
import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * JeroMQ's frame-at-a-time view over jzmtp's message-at-a-time socket. Frames sent with SNDMORE wait here until the
 * last one, and then travel as one {@link Message}, so a multipart message is atomic as in libzmq. A received message
 * is handed out one frame per receive, {@link #hasMore()} saying whether frames remain.
 *
 * <p>Used by the socket's owner thread, as a JeroMQ socket is; the lock only makes {@link #release()} from another
 * thread (a context closed in a shutdown hook) safe. It is never held while waiting for the network.
 */
final class FrameIo {

    private final io.jzmtp.Socket engine;
    private final List<Frame> outgoing = new ArrayList<>();
    private Message incoming;
    private int next;
    private boolean released;

    FrameIo(io.jzmtp.Socket engine) {
        this.engine = engine;
    }

    /**
     * Sends {@code frame}: queued when {@code more}, else sent with the frames queued before it. Returns false when
     * the socket would block (DONTWAIT, or SNDTIMEO passed); the earlier frames then stay queued, so that sending the
     * last frame again sends the whole message.
     */
    boolean send(Frame frame, boolean more, boolean dontWait) {
        if (more) {
            synchronized (this) {
                outgoing.add(frame);
            }
            return true;
        }
        Message message;
        synchronized (this) {
            if (outgoing.isEmpty()) {
                message = Message.of(frame);
            } else {
                message = new Message();
                outgoing.forEach(message::add);
                message.add(frame);
            }
        }
        boolean sent = false;
        try {
            sent = dontWait ? engine.trySend(message) : engine.send(message);
            return sent;
        } finally {
            if (sent) {
                synchronized (this) {
                    outgoing.clear();
                }
            }
        }
    }

    /** Whether the next frame sent is the first of a message. */
    synchronized boolean startsMessage() {
        return outgoing.isEmpty();
    }

    /** Drops the frames of a message whose sending failed, as JeroMQ forgets a message it could not send. */
    synchronized void dropOutgoing() {
        outgoing.clear();
    }

    /** The next frame's bytes, waiting as the socket's RCVTIMEO says unless {@code dontWait}; null when none. */
    byte[] receive(boolean dontWait) {
        if (!hasMore() && !arrive(dontWait)) {
            return null;
        }
        synchronized (this) {
            byte[] bytes = current().toBytes();
            advance();
            return bytes;
        }
    }

    /** Like {@link #receive}, copying the frame into {@code buffer}; returns the bytes copied, or -1 when none. */
    int receive(ByteBuffer buffer, boolean dontWait) {
        if (!hasMore() && !arrive(dontWait)) {
            return -1;
        }
        synchronized (this) {
            Frame frame = current();
            int length = Math.min(frame.size(), buffer.remaining());
            ByteBuffer target = buffer.slice();
            target.limit(length);
            frame.content().getBytes(frame.content().readerIndex(), target);
            buffer.position(buffer.position() + length);
            advance();
            return length;
        }
    }

    private boolean arrive(boolean dontWait) {
        Message m = dontWait ? engine.tryReceive() : engine.receive();
        if (m == null) {
            return false;
        }
        synchronized (this) {
            if (released) {
                m.close();
                throw new SocketClosedException("the socket was closed while receiving");
            }
            incoming = m;
            next = 0;
        }
        return true;
    }

    private Frame current() {
        if (incoming == null) {
            throw new SocketClosedException("the socket was closed while receiving");
        }
        return incoming.frame(next);
    }

    /** Moves past the current frame; the message is released with its last frame (callers copy first). */
    private void advance() {
        if (++next == incoming.size()) {
            incoming.close();
            incoming = null;
        }
    }

    /** Whether the message being read has frames left (JeroMQ's hasReceiveMore). */
    synchronized boolean hasMore() {
        return incoming != null;
    }

    /** Releases what is held: the rest of a message being read and the frames waiting for their last one. */
    synchronized void release() {
        released = true;
        outgoing.clear();
        if (incoming != null) {
            incoming.close();
            incoming = null;
        }
    }
}
