package io.jzmtp.jeromq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZAuth;
import org.zeromq.ZCert;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The drop-in's ZAuth where it deliberately differs from JeroMQ (so not a differential test): the certificate's
 * metadata reaches {@code nextReply} intact.
 */
@Timeout(60)
class ZAuthFacadeTest {

    @TempDir
    Path dir;

    @Test
    void curveReplyCarriesTheCertificateMetadata() throws IOException {
        Path certs = dir.resolve("certs");
        ZCert client = new ZCert();
        client.setMeta("name", "known-client");
        client.savePublic(certs.resolve("client.key").toString());
        try (ZContext ctx = new ZContext(); ZAuth auth = new ZAuth(ctx)) {
            auth.replies(true).configureCurve(certs.toString());
            ZCert serverCert = new ZCert();
            ZMQ.Socket server = ctx.createSocket(SocketType.REP);
            serverCert.apply(server);
            server.setCurveServer(true);
            server.bind("tcp://127.0.0.1:*");
            ZMQ.Socket req = ctx.createSocket(SocketType.REQ);
            client.apply(req);
            req.setCurveServerKey(serverCert.getPublicKey());
            req.connect(server.getLastEndpoint());

            ZAuth.ZapReply reply = auth.nextReply(10_000);
            assertNotNull(reply);
            assertEquals(200, reply.statusCode);
            assertEquals(client.getPublicKeyAsZ85(), reply.userId);
            assertEquals("known-client", reply.metadata.get("name"));
        }
    }
}
