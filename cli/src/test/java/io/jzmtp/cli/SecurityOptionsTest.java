package io.jzmtp.cli;

import io.jzmtp.SocketEvent;
import io.jzmtp.SocketOption;
import io.jzmtp.security.Certificate;
import io.jzmtp.security.CurveKeyPair;
import io.jzmtp.wire.ZmtpError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PLAIN, CURVE and ZAP options: what each sets, every combination refused with a message that names the options,
 * and no message or description that shows a password or a secret key. Also the client's wording of a refusal, and
 * {@code keygen}'s own mistakes.
 */
class SecurityOptionsTest {

    private static final String PASSWORD = "pw-s3cret";
    private static final CurveKeyPair SERVER = CurveKeyPair.generate();
    private static final CurveKeyPair CLIENT = CurveKeyPair.generate();

    @TempDir
    Path dir;

    @Test
    void withoutSecurityOptionsTheSocketIsNull() {
        Security security = parse().security();
        assertEquals("NULL", security.mechanism());
        assertFalse(security.isClient());
        assertEquals(List.of(), security.settings());
    }

    @Test
    void aPlainClientSetsItsNameAndAHiddenPassword() {
        Security security = parse("--plain-password", PASSWORD, "--plain-username", "admin").security();
        assertEquals("PLAIN", security.mechanism());
        assertTrue(security.isClient());
        assertEquals(List.of(SocketOption.PLAIN_USERNAME, SocketOption.PLAIN_PASSWORD), options(security));
        assertEquals(List.of("admin", PASSWORD), values(security));
        assertEquals("PLAIN client, user 'admin'", security.description());
        assertFalse(security.toString().contains(PASSWORD) || security.settings().toString().contains(PASSWORD),
                security + " " + security.settings());
    }

    @Test
    void aPlainServerChecksItsUsersFileInItsZapDomain() throws IOException {
        Path users = Files.writeString(dir.resolve("users"), "admin=" + PASSWORD + "\n");
        Security security = parse("--plain-server", "--plain-users", users.toString(), "--zap-domain", "lab")
                .security();
        assertTrue(security.server());
        assertNotNull(security.authenticator());
        assertEquals(List.of(SocketOption.PLAIN_SERVER, SocketOption.ZAP_DOMAIN), options(security));
        assertEquals(List.of(true, "lab"), values(security));
        assertEquals("PLAIN server, users from " + users + " in ZAP domain 'lab'", security.description());
    }

    @Test
    void plainMistakesAreNamed() throws IOException {
        assertEquals("--plain-server needs --plain-users FILE: the user=password lines that clients are checked "
                + "against", usage("--plain-server"));
        assertEquals("--plain-users needs --plain-server (a PLAIN client logs in with --plain-username and "
                + "--plain-password)", usage("--plain-users", "users", "--plain-username", "admin"));
        assertEquals("--plain-password needs --plain-username", usage("--plain-password", PASSWORD));
        assertEquals("--plain-server and --plain-username exclude each other: a socket is a PLAIN server or a PLAIN "
                + "client", usage("--plain-server", "--plain-users", "u", "--plain-username", "admin"));
        assertEquals("--plain-username must not be empty", usage("--plain-username", ""));
        assertEquals("--plain-password must be at most 255 bytes (UTF-8), not 256",
                usage("--plain-username", "a", "--plain-password", "x".repeat(256)));
        Path missing = dir.resolve("missing");
        assertEquals("--plain-users " + missing + ": no such file",
                usage("--plain-server", "--plain-users", missing.toString()));
        Path malformed = Files.writeString(dir.resolve("malformed"), "admin " + PASSWORD + "\n");
        String message = usage("--plain-server", "--plain-users", malformed.toString());
        assertTrue(message.startsWith("--plain-users: ") && message.contains(malformed.toString()), message);
        assertFalse(message.contains(PASSWORD), message);
    }

    @Test
    void aCurveClientSetsTheServerKeyAndItsOwnPair() {
        Security security = parse("--curve-serverkey", SERVER.publicKeyZ85(), "--curve-secretkey",
                CLIENT.secretKeyZ85()).security();
        assertEquals("CURVE", security.mechanism());
        assertTrue(security.isClient());
        assertNull(security.authenticator());
        assertEquals(List.of(SocketOption.CURVE_SERVERKEY, SocketOption.CURVE_PUBLICKEY, SocketOption.CURVE_SECRETKEY),
                options(security));
        assertArrayEquals(SERVER.publicKey(), (byte[]) values(security).get(0));
        assertArrayEquals(CLIENT.publicKey(), (byte[]) values(security).get(1), "derived from the secret key");
        assertArrayEquals(CLIENT.secretKey(), (byte[]) values(security).get(2));
        assertFalse(security.toString().contains(CLIENT.secretKeyZ85())
                || security.settings().toString().contains(CLIENT.secretKeyZ85()));
        assertEquals(security.description(), parse("--curve-serverkey", SERVER.publicKeyZ85(), "--curve-secretkey",
                CLIENT.secretKeyZ85(), "--curve-publickey", CLIENT.publicKeyZ85()).security().description());
    }

    @Test
    void aKeyMustBe40Z85CharactersAndASecretOneIsNeverQuoted() {
        String key = SERVER.publicKeyZ85();
        assertEquals("--curve-serverkey must be 40 Z85 characters, not 39", usage("--curve-serverkey",
                key.substring(1)));
        assertEquals("--curve-publickey must be 40 Z85 characters, not 64", usage("--curve-publickey",
                "ab".repeat(32)));
        String notZ85 = "~" + key.substring(1);
        assertEquals("--curve-serverkey is not Z85: '~' at position 0 is not a Z85 character",
                usage("--curve-serverkey", notZ85));
        String secret = CLIENT.secretKeyZ85();
        String badSecret = secret.substring(0, 39) + "~";
        String message = usage("--curve-serverkey", key, "--curve-secretkey", badSecret);
        assertTrue(message.startsWith("--curve-secretkey is not Z85: "), message);
        assertFalse(message.contains(secret.substring(0, 39)) || message.contains("~"), message);
        message = usage("--curve-serverkey", key, "--curve-secretkey", secret.substring(1));
        assertEquals("--curve-secretkey must be 40 Z85 characters, not 39", message);
    }

    @Test
    void curveMistakesAreNamed() {
        String server = SERVER.publicKeyZ85();
        String secret = CLIENT.secretKeyZ85();
        assertEquals("--plain-username and --curve-serverkey exclude each other: a socket uses PLAIN or CURVE, not "
                + "both", usage("--plain-username", "admin", "--curve-serverkey", server));
        assertEquals("--curve-server and --curve-serverkey exclude each other: a socket is a CURVE server or a "
                + "client of one", usage("--curve-server", "--curve-secretkey", secret, "--curve-serverkey", server));
        assertEquals("--curve-secretkey needs --curve-server (be a CURVE server) or --curve-serverkey KEY (be a client "
                + "of the server with that public key)", usage("--curve-secretkey", secret));
        assertEquals("--curve-serverkey needs this socket's key pair: --curve-secretkey KEY or --cert FILE (jzmtp "
                + "keygen makes one)", usage("--curve-serverkey", server));
        assertEquals("--curve-server needs this socket's key pair: --curve-secretkey KEY or --cert FILE (jzmtp "
                + "keygen makes one)", usage("--curve-server"));
        assertEquals("--curve-allow needs --curve-server",
                usage("--curve-serverkey", server, "--curve-secretkey", secret, "--curve-allow", "any"));
        assertEquals("--curve-publickey is not the public key of --curve-secretkey (" + CLIENT.publicKeyZ85()
                + " is)", usage("--curve-serverkey", server, "--curve-secretkey", secret, "--curve-publickey", server));
        Path missing = dir.resolve("clients");
        assertEquals("--curve-allow " + missing + ": no such directory (give a directory of client certificates, or "
                + "'any')", usage("--curve-server", "--curve-secretkey", secret, "--curve-allow", missing.toString()));
    }

    @Test
    void aCurveServerLetsInWhomCurveAllowSays() throws IOException {
        String secret = SERVER.secretKeyZ85();
        Security open = parse("--curve-server", "--curve-secretkey", secret).security();
        assertTrue(open.server());
        assertNull(open.authenticator(), "no ZAP handler: any client that knows the key, as libzmq");
        assertEquals(List.of(SocketOption.CURVE_SERVER, SocketOption.CURVE_PUBLICKEY, SocketOption.CURVE_SECRETKEY),
                options(open));
        assertEquals("CURVE server, public key " + SERVER.publicKeyZ85() + ", letting in any client that knows this "
                + "key (no --curve-allow)", open.description());
        assertNotNull(parse("--curve-server", "--curve-secretkey", secret, "--curve-allow", "any").security()
                .authenticator());

        Path clients = Files.createDirectories(dir.resolve("clients"));
        Certificate.of(CLIENT).save(clients.resolve("client"));   // its _secret file has no place there
        Security listed = parse("--curve-server", "--curve-secretkey", secret, "--curve-allow", clients.toString(),
                "--zap-domain", "lab").security();
        assertNotNull(listed.authenticator());
        assertEquals(1, listed.notes().size(), listed.notes().toString());
        assertTrue(listed.notes().get(0).startsWith("--curve-allow: left out " + clients.resolve("client_secret")),
                listed.notes().toString());
        assertTrue(listed.description().endsWith("letting in clients with a certificate in " + clients
                + " in ZAP domain 'lab'"), listed.description());
    }

    @Test
    void certGivesTheKeyPairFromASecretCertificate() {
        Path base = dir.resolve("me");
        Certificate.of(CLIENT).save(base);
        Path secretFile = dir.resolve("me_secret");
        Security security = parse("--curve-serverkey", SERVER.publicKeyZ85(), "--cert", secretFile.toString())
                .security();
        assertArrayEquals(CLIENT.publicKey(), (byte[]) values(security).get(1));
        assertArrayEquals(CLIENT.secretKey(), (byte[]) values(security).get(2));

        assertEquals("--cert " + base + " is a public certificate: this socket needs its secret key, in "
                + secretFile, usage("--curve-server", "--cert", base.toString()));
        assertEquals("--cert and --curve-secretkey exclude each other: both give this socket's secret key",
                usage("--curve-server", "--cert", secretFile.toString(), "--curve-secretkey", SERVER.secretKeyZ85()));
        assertEquals("--curve-publickey is not the public key of --cert " + secretFile + " (" + CLIENT.publicKeyZ85()
                + " is)", usage("--curve-server", "--cert", secretFile.toString(), "--curve-publickey",
                SERVER.publicKeyZ85()));
        assertEquals("--cert " + dir.resolve("nope") + ": no such file", usage("--curve-server", "--cert",
                dir.resolve("nope").toString()));
    }

    @Test
    void aZapDomainNeedsOurAuthenticator() {
        String message = "--zap-domain needs --plain-server, or --curve-server with --curve-allow: it names the "
                + "domain of the requests their authenticator answers";
        assertEquals(message, usage("--zap-domain", "lab"));
        assertEquals(message, usage("--zap-domain", "lab", "--curve-server", "--curve-secretkey",
                SERVER.secretKeyZ85()));
        assertEquals(message, usage("--zap-domain", "lab", "--plain-username", "admin"));
    }

    @Test
    void aRefusalIsWordedForTheClient() {
        SocketEvent.HandshakeFailed refused = new SocketEvent.HandshakeFailed("tcp://h:1", "127.0.0.1:1",
                SocketEvent.HandshakeFailure.AUTH, ZmtpError.PEER_ERROR, "the PLAIN peer refused us: '400'");
        assertEquals("the server refused our PLAIN handshake ('400')", Refusal.of(refused, "PLAIN"));
        SocketEvent.HandshakeFailed closed = new SocketEvent.HandshakeFailed("tcp://h:1", "127.0.0.1:1",
                SocketEvent.HandshakeFailure.NO_DETAIL, null, "the peer closed the connection");
        assertEquals("the CURVE server closed the connection during the handshake, without a reason (a wrong "
                + "--curve-serverkey?)", Refusal.of(closed, "CURVE"));
        assertNull(Refusal.of(closed, "PLAIN"), "a PLAIN server that closes has not refused anyone");
        SocketEvent.HandshakeFailed late = new SocketEvent.HandshakeFailed("tcp://h:1", "127.0.0.1:1",
                SocketEvent.HandshakeFailure.NO_DETAIL, ZmtpError.HANDSHAKE_TIMEOUT, "no answer within 30000 ms");
        assertNull(Refusal.of(late, "CURVE"));
    }

    @Test
    void keygenRefusesStrayArgumentsAndNeverOverwritesAKey() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(ExitStatus.USAGE, run(err, "keygen", "--bogus"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("jzmtp: keygen takes only --out BASENAME, got "
                + "'--bogus'"), err.toString(StandardCharsets.UTF_8));

        Path base = dir.resolve("key");
        Files.writeString(dir.resolve("key_secret"), "keep me");
        err.reset();
        assertEquals(ExitStatus.FAILURE, run(err, "keygen", "--out", base.toString()));
        assertEquals("jzmtp: " + dir.resolve("key_secret") + " already exists; keygen does not overwrite keys (remove "
                + "it or choose another --out)\n", err.toString(StandardCharsets.UTF_8));
        assertEquals("keep me", Files.readString(dir.resolve("key_secret")));
        assertFalse(Files.exists(base));
    }

    private static int run(ByteArrayOutputStream err, String... args) {
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        return Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                errStream);
    }

    private static Invocation parse(String... options) {
        List<String> args = new ArrayList<>(List.of("req", "--connect", "tcp://h:1"));
        args.addAll(Arrays.asList(options));
        return CommandLine.parse(args.toArray(String[]::new));
    }

    private static String usage(String... options) {
        String message = assertThrows(UsageException.class, () -> parse(options)).getMessage();
        assertFalse(message.contains(PASSWORD) || message.contains(CLIENT.secretKeyZ85())
                || message.contains(SERVER.secretKeyZ85()), "a secret in: " + message);
        return message;
    }

    private static List<SocketOption<?>> options(Security security) {
        return security.settings().stream().<SocketOption<?>>map(Invocation.SocketSetting::option).toList();
    }

    private static List<Object> values(Security security) {
        return security.settings().stream().map(s -> (Object) s.value()).toList();
    }
}
