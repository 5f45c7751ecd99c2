package io.jzmtp.security;

import java.util.concurrent.CompletionStage;

/**
 * Decides whether a client may connect to a PLAIN or CURVE server socket (ZeroMQ's ZAP, RFC 27), set per context with
 * {@code Context.setZapHandler}. The handshake waits for the answer without holding an I/O thread, up to the socket's
 * HANDSHAKE_IVL.
 *
 * <p>Called on a connection's I/O thread: answer at once ({@code CompletableFuture.completedFuture}) when the decision
 * is quick, and run slow lookups elsewhere ({@code CompletableFuture.supplyAsync}) so other connections are not
 * delayed. A stage that fails counts as status 500.
 */
@FunctionalInterface
public interface ZapHandler {

    /** The decision about {@code request}. */
    CompletionStage<ZapReply> authenticate(ZapRequest request);
}
