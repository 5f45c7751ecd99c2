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
 * <p><b>Threads.</b> Used by the socket's owner thread, as a JeroMQ socket is, and lock-free on the paths every
 * message takes: the frames waiting for SNDMORE's last frame belong to the owner alone (they wrap the caller's arrays,
 * so nothing needs releasing if the socket closes), and a one-frame message gives up its array (the socket reads
 * bodies into arrays, RECEIVE_ARRAYS) and is released within the receive that took it. Only a multipart message
 * being read is shared: it must be released once, by the reader or by {@link #release()} from a thread that closes
 * the socket, so the lock guards it.
 */
final class FrameIo {

    private final io.jzmtp.Socket engine;
    private final List<Frame> outgoing = new ArrayList<>();
    /** A multipart message being read, guarded by this; volatile for {@link #hasMore()}'s lock-free read. */
    private volatile Message incoming;
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
            outgoing.add(frame);
            return true;
        }
        Message message;
        if (outgoing.isEmpty()) {
            message = Message.of(frame);
        } else {
            message = new Message();
            outgoing.forEach(message::add);
            message.add(frame);
        }
        boolean sent = dontWait ? engine.trySend(message) : engine.send(message);
        if (sent) {
            outgoing.clear();
        }
        return sent;
    }

    /** Whether the next frame sent is the first of a message. */
    boolean startsMessage() {
        return outgoing.isEmpty();
    }

    /** Drops the frames of a message whose sending failed, as JeroMQ forgets a message it could not send. */
    void dropOutgoing() {
        outgoing.clear();
    }

    /** The next frame's bytes, waiting as the socket's RCVTIMEO says unless {@code dontWait}; null when none. */
    byte[] receive(boolean dontWait) {
        if (incoming == null) {
            Message m = dontWait ? engine.tryReceive() : engine.receive();
            if (m == null) {
                return null;
            }
            if (m.size() == 1) {   // the common case: never shared, so no lock
                try {
                    return m.frame(0).sharedBytes();   // its own array (RECEIVE_ARRAYS): handed over, as JeroMQ does
                } finally {
                    m.close();
                }
            }
            keep(m);
        }
        return nextOfIncoming();
    }

    /** The next frame of the multipart message being read (kept out of the one-frame path, which stays small). */
    private synchronized byte[] nextOfIncoming() {
        byte[] bytes = current().sharedBytes();
        advance();
        return bytes;
    }

    /** Like {@link #receive}, copying the frame into {@code buffer}; returns the bytes copied, or -1 when none. */
    int receive(ByteBuffer buffer, boolean dontWait) {
        if (incoming == null) {
            Message m = dontWait ? engine.tryReceive() : engine.receive();
            if (m == null) {
                return -1;
            }
            keep(m);
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

    /** Holds a received message to hand out frame by frame, unless the socket was closed meanwhile. */
    private synchronized void keep(Message m) {
        if (released) {
            m.close();
            throw new SocketClosedException("the socket was closed while receiving");
        }
        incoming = m;
        next = 0;
    }

    private Frame current() {
        Message m = incoming;
        if (m == null) {
            throw new SocketClosedException("the socket was closed while receiving");
        }
        return m.frame(next);
    }

    /** Moves past the current frame; the message is released with its last frame (callers copy first). */
    private void advance() {
        Message m = incoming;
        if (++next == m.size()) {
            incoming = null;
            m.close();
        }
    }

    /** Whether the message being read has frames left (JeroMQ's hasReceiveMore). */
    boolean hasMore() {
        return incoming != null;
    }

    /** Releases the rest of a message being read; called once, by whichever thread closes the socket. */
    synchronized void release() {
        released = true;
        Message m = incoming;
        if (m != null) {
            incoming = null;
            m.close();
        }
    }
}
