package io.jzmtp.transport;

import io.netty.util.concurrent.Future;

/** A listening endpoint: what was actually bound (the real port for {@code *}), and how to stop listening. */
public interface BoundEndpoint {

    /** The endpoint as bound, with wildcards resolved, e.g. {@code tcp://127.0.0.1:40123}. */
    Endpoint endpoint();

    /** Stops accepting connections; connections already accepted stay open. */
    Future<?> close();
}
