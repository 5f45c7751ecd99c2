package io.jzmtp.transport;

import io.netty.util.concurrent.Future;

/**
 * What keeps a connected endpoint connected: a network {@link Connector} that reconnects with back-off, or a
 * transport whose peers live in the same process (inproc) and that waits for its name to be bound. The endpoint that
 * owns it reports how each connection went.
 */
public interface Dialer {

    /** Makes the first attempt (or starts waiting for the peer). */
    void start();

    /** The handshake on the current connection succeeded. */
    void handshakeSucceeded();

    /** The current connection ended; a {@code permanent} failure means no retry. */
    void connectionClosed(boolean permanent);

    /** Stops for good and closes the current connection; the future completes once it is closed. */
    Future<?> stop();
}
