package io.jzmtp.cli;

import io.jzmtp.security.Certificate;
import io.jzmtp.security.CurveKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The security options of {@code bin/jzmtp} against libzmq (python3-zmq, {@link SecurePeer}): PLAIN and CURVE in both
 * roles, the CLI's own authenticator ({@code --plain-users}, {@code --curve-allow}) with its ZAP domain, certificates
 * from {@code keygen} read by pyzmq and pyzmq's read by {@code --cert}, and a client its server refuses ending with
 * status 1 and one line. No secret may show on stderr, even with {@code --verbose}.
 */
class LauncherSecurityIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PASSWORD = "pw-s3cret-42";
    private static final String WRONG_PASSWORD = "pw-wrong-17";
    private static final String ANY = "tcp://127.0.0.1:*";

    @TempDir
    Path dir;

    @Test
    void ourPlainClientLogsInToLibzmqsPlainServer() {
        try (SecurePeer rep = SecurePeer.open("REP")) {
            rep.zap(200, "admin-id").set("PLAIN_SERVER", 1).set("ZAP_DOMAIN", "lab");
            String endpoint = rep.bind(ANY);
            try (Launcher req = Launcher.start("req", "--connect", endpoint, "--plain-username", "admin",
                    "--plain-password", PASSWORD, "--timeout", "5000", "--verbose")) {
                req.writeLine("hello");
                req.closeInput();
                assertEquals("admin-id hello", rep.receive(WAIT), "with the User-Id of libzmq's ZAP handler");
                assertEquals("lab PLAIN admin " + PASSWORD, rep.lastZapRequest(), "the credentials that were sent");
                rep.send("world");
                assertEquals("world", req.nextLine());
                assertEquals(ExitStatus.OK, req.awaitExit(), req.stderr());
                assertTrue(req.stderr().contains("jzmtp: security: PLAIN client, user 'admin'"), req.stderr());
                assertNoSecret(req, PASSWORD);
            }
        }
    }

    @Test
    void ourPlainServerChecksLibzmqClientsAgainstPlainUsersInItsZapDomain() throws IOException {
        Path users = Files.writeString(dir.resolve("users"), "# who may come in\nadmin=" + PASSWORD + "\n");
        try (Launcher rep = Launcher.start("rep", "--bind", ANY, "--plain-server", "--plain-users", users.toString(),
                "--zap-domain", "lab", "--reply", "world", "--count", "1", "--verbose");
             SecurePeer req = SecurePeer.open("REQ")) {
            String endpoint = rep.awaitListening();
            req.set("PLAIN_USERNAME", "admin").set("PLAIN_PASSWORD", WRONG_PASSWORD).connect(endpoint);
            // libzmq 4.3's PLAIN client misreads a correct ERROR as a protocol error (ZMTP.md §12); either way it
            // is refused for good.
            String event = req.awaitEvent(WAIT, "HANDSHAKE_FAILED_AUTH", "HANDSHAKE_FAILED_PROTOCOL",
                    "HANDSHAKE_SUCCEEDED");
            assertTrue(event.startsWith("HANDSHAKE_FAILED_"), event);
            rep.awaitStderr(l -> l.equals("jzmtp: ZAP: PLAIN user 'admin' from 127.0.0.1 in domain 'lab': refused "
                    + "(400 wrong password for user admin)"), "the refusal");

            req.reopen("REQ");
            req.set("PLAIN_USERNAME", "admin").set("PLAIN_PASSWORD", PASSWORD).connect(endpoint);
            req.send("hello");
            assertEquals("- world", req.receive(WAIT));
            assertEquals("hello", rep.nextLine());
            assertEquals(ExitStatus.OK, rep.awaitExit(), rep.stderr());
            assertTrue(rep.stderr().contains("jzmtp: ZAP: PLAIN user 'admin' from 127.0.0.1 in domain 'lab': allowed"),
                    rep.stderr());
            assertNoSecret(rep, PASSWORD);
            assertNoSecret(rep, WRONG_PASSWORD);
        }
    }

    @Test
    void ourCurveClientTalksToLibzmqsCurveServer() {
        CurveKeyPair server = CurveKeyPair.generate();
        CurveKeyPair client = CurveKeyPair.generate();
        try (SecurePeer rep = SecurePeer.open("REP")) {
            rep.zap(200, "known").set("CURVE_SERVER", 1).set("CURVE_SECRETKEY", server.secretKeyZ85());
            String endpoint = rep.bind(ANY);
            try (Launcher req = Launcher.start("req", "--connect", endpoint, "--curve-serverkey",
                    server.publicKeyZ85(), "--curve-secretkey", client.secretKeyZ85(), "--curve-publickey",
                    client.publicKeyZ85(), "--timeout", "5000", "--verbose")) {
                req.writeLine("hello");
                req.closeInput();
                assertEquals("known hello", rep.receive(WAIT));
                assertEquals("- CURVE " + client.publicKeyZ85() + " -", rep.lastZapRequest(), "our key reached ZAP");
                rep.send("world");
                assertEquals("world", req.nextLine());
                assertEquals(ExitStatus.OK, req.awaitExit(), req.stderr());
                assertTrue(req.stderr().contains("jzmtp: security: CURVE client of server key "
                        + server.publicKeyZ85() + ", our public key " + client.publicKeyZ85()), req.stderr());
                assertNoSecret(req, client.secretKeyZ85());
            }
        }
    }

    @Test
    void ourCurveServerLetsInOnlyTheClientsOfCurveAllowDir() throws IOException {
        CurveKeyPair server = CurveKeyPair.generate();
        CurveKeyPair known = CurveKeyPair.generate();
        CurveKeyPair stranger = CurveKeyPair.generate();
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Certificate.of(known).savePublic(allowed.resolve("known.key"));
        try (Launcher rep = Launcher.start("rep", "--bind", ANY, "--curve-server", "--curve-secretkey",
                server.secretKeyZ85(), "--curve-allow", allowed.toString(), "--reply", "world", "--count", "1",
                "--verbose");
             SecurePeer req = SecurePeer.open("REQ")) {
            String endpoint = rep.awaitListening();
            curveClient(req, server, stranger).connect(endpoint);
            assertEquals("HANDSHAKE_FAILED_AUTH 400", req.awaitEvent(WAIT, "HANDSHAKE_FAILED_AUTH",
                    "HANDSHAKE_FAILED_PROTOCOL", "HANDSHAKE_SUCCEEDED"), "libzmq's event carries our status code");
            rep.awaitStderr(l -> l.equals("jzmtp: ZAP: CURVE key " + stranger.publicKeyZ85() + " from 127.0.0.1: "
                    + "refused (400 no certificate for key " + stranger.publicKeyZ85() + ")"), "the refusal");

            req.reopen("REQ");
            curveClient(req, server, known).connect(endpoint);
            req.send("hello");
            assertEquals("- world", req.receive(WAIT));
            assertEquals("hello", rep.nextLine());
            assertEquals(ExitStatus.OK, rep.awaitExit(), rep.stderr());
            assertTrue(rep.stderr().contains("jzmtp: ZAP: CURVE key " + known.publicKeyZ85() + " from 127.0.0.1: "
                    + "allowed"), rep.stderr());
            assertNoSecret(rep, server.secretKeyZ85());
        }
    }

    /** keygen --out's files load in pyzmq, and --cert with --curve-allow any serves a client of any key. */
    @Test
    void keygenCertificatesServeThroughCertAndLoadInPyzmq() throws IOException {
        Path base = dir.resolve("server");
        Path secretFile = dir.resolve("server_secret");
        Launcher keygen = Launcher.run("keygen", "--out", base.toString());
        assertEquals(ExitStatus.OK, keygen.awaitExit(), keygen.stderr());
        List<String> out = keygen.remainingLines();
        assertEquals(3, out.size(), String.join("\n", out));
        assertEquals(List.of("public certificate: " + base, "secret certificate: " + secretFile + " (owner-only)"),
                out.subList(0, 2));
        String publicKey = out.get(2).substring("public: ".length());
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(secretFile));

        CurveKeyPair client = CurveKeyPair.generate();
        try (SecurePeer req = SecurePeer.open("REQ");
             Launcher rep = Launcher.start("rep", "--bind", ANY, "--curve-server", "--cert", secretFile.toString(),
                     "--curve-allow", "any", "--reply", "world", "--count", "1", "--verbose")) {
            assertEquals(publicKey + " -", req.loadCertificate(base));
            String[] keys = req.loadCertificate(secretFile).split(" ");
            assertEquals(publicKey, keys[0]);
            assertEquals(publicKey, CurveKeyPair.fromSecretKey(keys[1]).publicKeyZ85(), "the secret key matches");

            String endpoint = rep.awaitListening();
            req.set("CURVE_SERVERKEY", publicKey).set("CURVE_PUBLICKEY", client.publicKeyZ85())
                    .set("CURVE_SECRETKEY", client.secretKeyZ85()).connect(endpoint);
            req.send("hello");
            assertEquals("- world", req.receive(WAIT));
            assertEquals("hello", rep.nextLine());
            assertEquals(ExitStatus.OK, rep.awaitExit(), rep.stderr());
            assertTrue(rep.stderr().contains("jzmtp: security: CURVE server, public key " + publicKey
                    + ", letting in any client (--curve-allow any)"), rep.stderr());
            assertNoSecret(rep, keys[1]);
        }
    }

    @Test
    void keygenPrintsAKeyPairAndNothingElse() {
        Launcher keygen = Launcher.run("keygen");
        assertEquals(ExitStatus.OK, keygen.awaitExit(), keygen.stderr());
        List<String> out = keygen.remainingLines();
        assertEquals(2, out.size(), String.join("\n", out));
        String z85 = "([0-9a-zA-Z.\\-:+=^!/*?&<>()\\[\\]{}@%$#]{40})";
        assertTrue(out.get(0).matches("public: " + z85), out.get(0));
        assertTrue(out.get(1).matches("secret: " + z85), out.get(1));
        assertEquals(out.get(0).substring(8), CurveKeyPair.fromSecretKey(out.get(1).substring(8)).publicKeyZ85());
        assertEquals("", keygen.stderr());
    }

    /** libzmq closes without a word when our HELLO does not open with its key; pyzmq made our certificate. */
    @Test
    void aCurveClientWithTheWrongServerKeyExits1WithOneLine() {
        CurveKeyPair server = CurveKeyPair.generate();
        try (SecurePeer rep = SecurePeer.open("REP")) {
            rep.set("CURVE_SERVER", 1).set("CURVE_SECRETKEY", server.secretKeyZ85());
            String endpoint = rep.bind(ANY);
            String clientSecretFile = rep.makeCertificate(dir, "client").split(" ")[1];
            Launcher req = Launcher.run(List.of("hello"), "req", "--connect", endpoint, "--cert", clientSecretFile,
                    "--curve-serverkey", CurveKeyPair.generate().publicKeyZ85(), "--timeout", "1500");
            assertEquals(ExitStatus.FAILURE, req.awaitExit(), req.stderr());
            assertEquals("jzmtp: no connection to " + endpoint + ": the CURVE server closed the connection during "
                    + "the handshake, without a reason (a wrong --curve-serverkey?)", req.stderr());
        }
    }

    @Test
    void aPlainClientWithABadPasswordExits1WithOneLineAndVerboseShowsTheReason() {
        try (SecurePeer rep = SecurePeer.open("REP")) {
            rep.zap(400, "").set("PLAIN_SERVER", 1);
            String endpoint = rep.bind(ANY);
            String refused = "jzmtp: no connection to " + endpoint + ": the server refused our PLAIN handshake "
                    + "('400')";
            String[] args = {"req", "--connect", endpoint, "--plain-username", "admin", "--plain-password",
                WRONG_PASSWORD, "--timeout", "1500"};
            Launcher quiet = Launcher.run(List.of("hello"), args);
            assertEquals(ExitStatus.FAILURE, quiet.awaitExit(), quiet.stderr());
            assertEquals(refused, quiet.stderr());

            Launcher verbose = Launcher.run(List.of("hello"), concat(args, "--verbose"));
            assertEquals(ExitStatus.FAILURE, verbose.awaitExit(), verbose.stderr());
            List<String> lines = verbose.stderr().lines().toList();
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("jzmtp: handshake with 127.0.0.1:")
                    && l.endsWith(" failed: PEER_ERROR (the PLAIN peer refused us: '400')")), verbose.stderr());
            assertEquals(refused, lines.get(lines.size() - 1));
            assertNoSecret(verbose, WRONG_PASSWORD);
        }
    }

    /** A refused sender does not mistake its dropped queue for a delivered one. */
    @Test
    void aRefusedPushSaysItsMessagesWereNotDelivered() {
        try (SecurePeer pull = SecurePeer.open("PULL")) {
            pull.zap(400, "").set("PLAIN_SERVER", 1);
            String endpoint = pull.bind(ANY);
            Launcher push = Launcher.run(List.of("lost"), "push", "--connect", endpoint, "--plain-username", "admin",
                    "--plain-password", WRONG_PASSWORD, "--linger", "1000");
            assertEquals(ExitStatus.FAILURE, push.awaitExit(), push.stderr());
            List<String> lines = push.stderr().lines().toList();
            assertEquals("jzmtp: 1 message not delivered: never connected: the server refused our PLAIN handshake "
                    + "('400') at " + endpoint, lines.get(lines.size() - 1), push.stderr());
            assertNoSecret(push, WRONG_PASSWORD);
        }
    }

    private static SecurePeer curveClient(SecurePeer peer, CurveKeyPair server, CurveKeyPair client) {
        return peer.set("CURVE_SERVERKEY", server.publicKeyZ85()).set("CURVE_PUBLICKEY", client.publicKeyZ85())
                .set("CURVE_SECRETKEY", client.secretKeyZ85());
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static void assertNoSecret(Launcher run, String secret) {
        assertFalse(run.stderr().contains(secret), "a secret on stderr: " + run.stderr());
    }
}
