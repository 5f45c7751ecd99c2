package io.jzmtp.pipe;

import io.jzmtp.msg.Message;

/**
 * The connection side of a {@link Pipe}: the engine's bridge to one network connection. Implemented by the Netty
 * bridge; all methods are safe to call from any thread.
 */
public interface WireSide {

    /** The pipe's outbound queue has messages: schedule a drain unless one is pending. */
    void outboundReady();

    /**
     * Hands {@code message} straight to the peer, bypassing the outbound queue, if this wire can do so now without
     * waiting and without passing messages already queued; returns {@code false} (keeping nothing) otherwise. Only
     * a wire with no encoding step (inproc) ever accepts, and then calls {@link Pipe#drainedDirectly()} as the
     * outbound queue's consumer would.
     */
    default boolean deliverDirectly(Message message) {
        return false;
    }

    /** Stop reading from the network: the pipe's inbound queue reached its high-water mark. */
    void pauseReading();

    /** Resume reading from the network: the application has caught up. */
    void resumeReading();

    /** Whether bytes handed to the connection have not reached the operating system yet. */
    boolean hasPendingWrites();

    /** Close the connection. */
    void close();
}
