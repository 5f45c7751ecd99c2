package io.jzmtp.socket;

import io.jzmtp.msg.Message;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.pipe.Pipe;

/**
 * The routing semantics of one socket type, over pipes and messages only (no I/O, no threads). The socket calls every
 * method under its lock; none of them blocks. Sending and receiving report "would block" by return value.
 */
public interface Pattern {

    /** Whether a new peer may join; e.g. PAIR admits one. {@code peer} is null for a pipe made before connecting. */
    default boolean admits(PeerInfo peer) {
        return true;
    }

    /** A pipe joined the socket. */
    void attach(Pipe pipe);

    /** A pipe left the socket; messages it already delivered may still be read. */
    void detach(Pipe pipe);

    /** {@code pipe} has inbound messages. */
    void readable(Pipe pipe);

    /**
     * Sends {@code message}. Returns {@code true} when the socket took ownership, {@code false} when it would block
     * (the caller keeps the message).
     *
     * @throws IllegalStateException when this type cannot send now, with a message naming the reason
     */
    boolean send(Message message);

    /**
     * The next message for the application, owned by the caller, or {@code null} when none is waiting.
     *
     * @throws IllegalStateException when this type cannot receive now, with a message naming the reason
     */
    Message receive();

    /** Whether {@link #send} could succeed now. */
    boolean canSend();

    /** Whether {@link #receive} may return a message now. */
    boolean canReceive();
}
