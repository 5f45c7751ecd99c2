package io.jzmtp.pipe;

/**
 * The connection side of a {@link Pipe}: the engine's bridge to one network connection. Implemented by the Netty
 * bridge; all methods are safe to call from any thread.
 */
public interface WireSide {

    /** The pipe's outbound queue has messages: schedule a drain unless one is pending. */
    void outboundReady();

    /** Stop reading from the network: the pipe's inbound queue reached its high-water mark. */
    void pauseReading();

    /** Resume reading from the network: the application has caught up. */
    void resumeReading();

    /** Whether bytes handed to the connection have not reached the operating system yet. */
    boolean hasPendingWrites();

    /** Close the connection. */
    void close();
}
