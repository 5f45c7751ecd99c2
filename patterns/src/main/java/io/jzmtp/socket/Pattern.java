package io.jzmtp.socket;

import io.jzmtp.msg.Message;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.pipe.Pipe;

/**
 * The routing semantics of one socket type, over pipes and messages only (no I/O, no threads). The socket calls every
 * method from its user side, under its lock, never from an I/O thread; none of them blocks. Sending and receiving
 * report "would block" by return value. The one exception is {@link #gate()}, which I/O threads consult.
 */
public interface Pattern {

    /** Whether a new peer may join; e.g. PAIR admits one. {@code peer} is null for a pipe made before connecting. */
    default boolean admits(PeerInfo peer) {
        return gate().isFree();
    }

    /** Which peers the socket takes, asked on the I/O thread when a handshake completes: thread-safe. */
    default PeerGate gate() {
        return PeerGate.OPEN;
    }

    /**
     * The socket's options changed. A pattern keeps the options it reads for every message in fields of its own, and
     * reads them again here; it also reads them once when it is made.
     */
    default void optionsChanged() {
    }

    /** A pipe joined the socket. */
    void attach(Pipe pipe);

    /** A pipe left the socket; messages it already delivered may still be read. */
    void detach(Pipe pipe);

    /**
     * A connection completed its handshake on {@code pipe} (again, after a reconnect, for a connecting pipe):
     * {@code pipe.peer()} is now known. E.g. SUB sends its subscriptions here.
     */
    default void connected(Pipe pipe) {
    }

    /** The connection of {@code pipe} closed; a connecting pipe stays attached and may connect again. */
    default void disconnected(Pipe pipe) {
    }

    /**
     * Adds ({@code subscribe}) or removes one subscription to {@code topic}.
     *
     * @throws UnsupportedOperationException for types without subscriptions
     */
    default void subscribe(byte[] topic, boolean subscribe) {
        throw new UnsupportedOperationException("this socket type has no subscriptions");
    }

    /**
     * ROUTER: whether a message for {@code routingId} would reach a peer now.
     *
     * @throws UnsupportedOperationException for the types that do not route by routing id
     */
    default boolean isRoutable(byte[] routingId) {
        throw new UnsupportedOperationException("only ROUTER sockets route by routing id");
    }

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

    /** Messages this pattern dropped because a peer was gone or at its high-water mark (for statistics). */
    default long drops() {
        return 0;
    }

    /** The socket is closing: release every message the pattern itself still holds. */
    default void close() {
    }

    /** Whether {@link #send} could succeed now. */
    boolean canSend();

    /** Whether {@link #receive} may return a message now. */
    boolean canReceive();
}
