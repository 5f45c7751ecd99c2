package io.jzmtp.examples;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;
import io.jzmtp.security.Authenticator;
import io.jzmtp.security.Certificate;
import io.jzmtp.security.CurveKeyPair;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A CURVE server and client: the traffic is encrypted and authenticated both ways, and the server lets in only the
 * client keys it has certificates for (an {@link Authenticator} as the context's ZAP handler). The same options talk
 * to libzmq, pyzmq, CZMQ and JeroMQ peers. Run it with {@code bin/example SecureChannel}.
 */
public class SecureChannel {

    public static void main(String[] args) throws Exception {
        CurveKeyPair serverKeys = CurveKeyPair.generate();   // in real life: Certificate.load(...).keyPair()
        CurveKeyPair clientKeys = CurveKeyPair.generate();
        Path allowed = Files.createTempDirectory("allowed-clients");
        Certificate.of(clientKeys).withMetadata("name", "alice").savePublic(allowed.resolve("alice.key"));

        try (Context ctx = Context.create()) {
            ctx.setZapHandler(new Authenticator().curveCertificates(allowed));

            Socket server = ctx.socket(SocketType.REP);
            server.set(SocketOption.CURVE_SERVER, true);
            server.set(SocketOption.CURVE_SECRETKEY, serverKeys.secretKey());
            String endpoint = server.bind("tcp://127.0.0.1:*");

            Socket client = ctx.socket(SocketType.REQ);
            client.set(SocketOption.CURVE_SERVERKEY, serverKeys.publicKey());   // or its 40-character Z85 text
            client.set(SocketOption.CURVE_SECRETKEY, clientKeys.secretKey());
            client.set(SocketOption.RCVTIMEO, Duration.ofSeconds(5));
            client.connect(endpoint);

            client.send("hello");
            try (Message request = server.receive()) {
                // The ZAP handler's verdict travels with every message: User-Id and the certificate's metadata.
                String who = request.metadata().get("name").orElse("?");
                server.send(request.first().toUtf8() + ", " + who);
            }
            System.out.println("curve: " + client.receiveString());
        } finally {
            try (var files = Files.list(allowed)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(allowed);
        }
    }
}
