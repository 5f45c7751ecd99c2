package io.jzmtp.cli;

import io.jzmtp.security.ZapHandler;
import io.jzmtp.security.ZapReply;
import io.jzmtp.security.ZapRequest;

import java.util.concurrent.CompletionStage;

/**
 * {@code --verbose} on a PLAIN or CURVE server: each of the authenticator's decisions as one line on stderr, saying who
 * asked (user name or public key, address, ZAP domain) and the answer, never a password. The monitor reports the
 * refusals too, but not who got in, nor under which domain.
 */
final class ZapLog implements ZapHandler {

    private final ZapHandler handler;
    private final Console console;

    ZapLog(ZapHandler handler, Console console) {
        this.handler = handler;
        this.console = console;
    }

    @Override
    public CompletionStage<ZapReply> authenticate(ZapRequest request) {
        return handler.authenticate(request).thenApply(reply -> {
            console.note(describe(request, reply));
            return reply;
        });
    }

    /** E.g. {@code ZAP: PLAIN user 'admin' from 127.0.0.1 in domain 'lab': allowed}. */
    static String describe(ZapRequest request, ZapReply reply) {
        String who = switch (request.mechanism()) {
            case "PLAIN" -> "PLAIN user '" + request.username() + "'";
            case "CURVE" -> "CURVE key " + request.clientKeyZ85();
            default -> request.mechanism() + " client";
        };
        String domain = request.domain().isEmpty() ? "" : " in domain '" + request.domain() + "'";
        String answer = reply.allowed() ? "allowed"
                : "refused (" + reply.statusCode() + " " + reply.statusText() + ")";
        return "ZAP: " + who + " from " + request.address() + domain + ": " + answer;
    }
}
