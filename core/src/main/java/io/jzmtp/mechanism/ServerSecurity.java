package io.jzmtp.mechanism;

import io.jzmtp.security.ZapHandler;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a PLAIN or CURVE server (or a NULL socket with a ZAP domain) needs to ask about a client: where to find the
 * ZAP handler, looked up when each handshake asks (so a handler set or bound after the socket binds still counts, as
 * in libzmq), and the values libzmq puts in the request.
 *
 * @param handlers      gives the ZAP handler, or {@code null} when there is none
 * @param domain        the socket's ZAP_DOMAIN, "" if none
 * @param routingId     the server socket's own routing id (libzmq's identity frame)
 * @param enforceDomain ZAP_ENFORCE_DOMAIN: refuse clients when a ZAP check applies but no handler exists
 */
public record ServerSecurity(Supplier<ZapHandler> handlers, String domain, byte[] routingId,
                             boolean enforceDomain) {

    /** Copies the routing id. */
    public ServerSecurity {
        Objects.requireNonNull(handlers, "handlers");
        Objects.requireNonNull(domain, "domain");
        routingId = routingId.clone();
    }

    /** A fixed handler (or none), without ZAP_ENFORCE_DOMAIN. */
    public ServerSecurity(ZapHandler handler, String domain, byte[] routingId) {
        this(() -> handler, domain, routingId, false);
    }

    /** The ZAP handler now, or {@code null}. */
    public ZapHandler handler() {
        return handlers.get();
    }

    @Override
    public byte[] routingId() {
        return routingId.clone();
    }
}
