package io.jzmtp.cli;

import io.jzmtp.security.Authenticator;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which clients a CURVE server lets in, from {@code --curve-allow DIR|any}. Without the option there is no ZAP handler
 * at all, so any client that knows the server's public key gets in, as with libzmq and no ZAP handler.
 *
 * @param authenticator the context's ZAP handler, or {@code null} for none
 * @param description   for {@code --verbose}, e.g. "clients with a certificate in keys/"
 * @param notes         certificate files that were left out, each with its reason
 */
record CurveClients(Authenticator authenticator, String description, List<String> notes) {

    static CurveClients of(String allow) {
        if (allow == null) {
            return new CurveClients(null, "any client that knows this key (no --curve-allow)", List.of());
        }
        if (allow.equals("any")) {
            return new CurveClients(new Authenticator().curveAllowAny(), "any client (--curve-allow any)", List.of());
        }
        Path dir = Path.of(allow);
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--curve-allow " + dir + ": " + (Files.exists(dir) ? "not a directory"
                    : "no such directory") + " (give a directory of client certificates, or 'any')");
        }
        Authenticator authenticator;
        try {
            authenticator = new Authenticator().curveCertificates(dir);
        } catch (UncheckedIOException e) {
            throw new UsageException("--curve-allow " + dir + ": cannot list it (" + e.getCause() + ")");
        }
        List<String> notes = authenticator.certificateProblems().stream()
                .map(problem -> "--curve-allow: left out " + problem).toList();
        return new CurveClients(authenticator, "clients with a certificate in " + dir, notes);
    }
}
