package io.jzmtp.mechanism;

import io.jzmtp.msg.Metadata;
import io.jzmtp.security.ZapHandler;
import io.jzmtp.security.ZapReply;
import io.jzmtp.security.ZapRequest;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One ZAP question about a client (RFC 27, ZMTP.md §14) and what its answer means for the handshake: 200 goes on with
 * the user id and metadata, 300 closes without an ERROR, 400 and 500 close with an ERROR that carries only the code.
 */
final class ZapCheck {

    /** The property under which the application finds the ZAP user id, as in libzmq. */
    static final String USER_ID = "User-Id";

    private ZapCheck() {
    }

    /** Asks {@code handler}; a handler that throws or fails counts as status 500. */
    static CompletionStage<ZapReply> ask(ZapHandler handler, ServerSecurity security, String address,
                                         String mechanism, List<byte[]> credentials) {
        ZapRequest request = new ZapRequest(security.domain(), address, security.routingId(), mechanism, credentials);
        try {
            CompletionStage<ZapReply> reply = handler.authenticate(request);
            if (reply == null) {
                return CompletableFuture.completedFuture(new ZapReply(500, "the ZAP handler returned null", "",
                        Map.of()));
            }
            return reply.exceptionally(e -> new ZapReply(500, "the ZAP handler failed: " + e, "", Map.of()));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new ZapReply(500, "the ZAP handler threw " + e, "", Map.of()));
        }
    }

    /** The refusal when a ZAP check applies, ZAP_ENFORCE_DOMAIN is set and the context has no handler. */
    static ZmtpProtocolException noHandlerEnforced(String mechanism, String address) {
        return new ZmtpProtocolException(ZmtpError.AUTHENTICATION_FAILED, mechanism + " client from " + address
                + " refused: ZAP_ENFORCE_DOMAIN is set and this context has no ZAP handler", "500");
    }

    /** Throws unless {@code reply} lets the client in; {@code who} describes the client for the log. */
    static void requireAllowed(ZapReply reply, String mechanism, String who) {
        if (reply == null) {
            throw new ZmtpProtocolException(ZmtpError.AUTHENTICATION_FAILED, "the ZAP handler gave no reply", "500");
        }
        if (reply.allowed()) {
            return;
        }
        String detail = mechanism + " client " + who + " refused by the ZAP handler: " + reply.statusCode() + " "
                + reply.statusText();
        if (reply.statusCode() == 300) {
            throw new ZmtpProtocolException(ZmtpError.AUTHENTICATION_DEFERRED, detail);
        }
        throw new ZmtpProtocolException(ZmtpError.AUTHENTICATION_FAILED, detail,
                Integer.toString(reply.statusCode()));
    }

    /**
     * The peer's metadata as the application sees it: what it announced, less any {@code User-Id} it claimed and any
     * property the ZAP reply sets (only ZAP may say who a peer is and what it may do, so a client cannot shadow a
     * granted property with its own), plus the ZAP reply's user id and properties when there was one. ZAP properties
     * named {@code Socket-Type} or {@code Identity} are left out: those come from the peer's handshake, and the
     * socket routes and checks by them.
     */
    static Metadata peerMetadata(Metadata announced, ZapReply reply) {
        Set<String> granted = new HashSet<>();
        granted.add(USER_ID.toLowerCase(Locale.ROOT));
        List<Metadata.Property> fromZap = new ArrayList<>();
        if (reply != null) {
            fromZap.add(new Metadata.Property(USER_ID, reply.userId().getBytes(StandardCharsets.UTF_8)));
            reply.metadata().forEach((name, value) -> {
                if (!name.equalsIgnoreCase(Metadata.SOCKET_TYPE) && !name.equalsIgnoreCase(Metadata.IDENTITY)) {
                    granted.add(name.toLowerCase(Locale.ROOT));
                    fromZap.add(new Metadata.Property(name, value.getBytes(StandardCharsets.UTF_8)));
                }
            });
        }
        List<Metadata.Property> props = new ArrayList<>();
        for (Metadata.Property p : announced.properties()) {
            if (!granted.contains(p.name().toLowerCase(Locale.ROOT))) {
                props.add(p);
            }
        }
        props.addAll(fromZap);
        return Metadata.of(props);
    }
}
