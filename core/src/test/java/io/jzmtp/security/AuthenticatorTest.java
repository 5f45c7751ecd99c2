package io.jzmtp.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ready-made ZAP handler: address lists, PLAIN users, CURVE certificates, reloads and concurrent use. */
class AuthenticatorTest {

    private static final String LOCAL = "127.0.0.1";

    @TempDir
    Path dir;

    private static ZapRequest nullFrom(String address) {
        return new ZapRequest("", address, new byte[0], "NULL", List.of());
    }

    private static ZapRequest plain(String user, String password) {
        return new ZapRequest("", LOCAL, new byte[0], "PLAIN",
                List.of(user.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8)));
    }

    private static ZapRequest curve(byte[] clientKey) {
        return new ZapRequest("", LOCAL, new byte[0], "CURVE", List.of(clientKey));
    }

    /** The reply, which must already be there: the handler runs on I/O threads and never defers. */
    private static ZapReply reply(Authenticator auth, ZapRequest request) {
        CompletableFuture<ZapReply> stage = auth.authenticate(request).toCompletableFuture();
        assertTrue(stage.isDone(), "answered at once");
        return stage.join();
    }

    private static void assertDenied(ZapReply reply, String why) {
        assertEquals(400, reply.statusCode(), reply.toString());
        assertTrue(reply.statusText().contains(why), "says '" + why + "': " + reply.statusText());
    }

    @Test
    void withoutRulesNullPassesAndPlainAndCurveAreRefusedAsUnconfigured() {
        Authenticator auth = new Authenticator();
        ZapReply ok = reply(auth, nullFrom(LOCAL));
        assertTrue(ok.allowed());
        assertEquals("", ok.userId());
        assertDenied(reply(auth, plain("u", "p")), "PLAIN is not configured");
        assertDenied(reply(auth, curve(CurveKeyPair.generate().publicKey())), "CURVE is not configured");
    }

    @Test
    void deniedAddressesAreRefusedForEveryMechanism() throws IOException {
        Authenticator auth = new Authenticator().deny("10.0.0.1").curveAllowAny()
                .plainPasswords(Files.writeString(dir.resolve("pw"), "u=p\n"));
        assertDenied(reply(auth, nullFrom("10.0.0.1")), "address 10.0.0.1 denied");
        assertTrue(reply(auth, nullFrom("10.0.0.2")).allowed());
        ZapRequest plainFromDenied = new ZapRequest("", "10.0.0.1", new byte[0], "PLAIN",
                plain("u", "p").credentials());
        assertDenied(reply(auth, plainFromDenied), "denied");
        ZapRequest curveFromDenied = new ZapRequest("", "10.0.0.1", new byte[0], "CURVE", List.of(new byte[32]));
        assertDenied(reply(auth, curveFromDenied), "denied");
    }

    @Test
    void onceAnAddressIsAllowedOnlyAllowedOnesPass() {
        Authenticator auth = new Authenticator().deny(LOCAL).allow(LOCAL, "0:0:0:0:0:0:0:1");
        assertTrue(reply(auth, nullFrom(LOCAL)).allowed(), "the allow list overrides the deny list");
        assertTrue(reply(auth, nullFrom("::1")).allowed(), "IPv6 is compared in its canonical form");
        assertDenied(reply(auth, nullFrom("10.0.0.1")), "address 10.0.0.1 is not allowed");
    }

    @Test
    void plainChecksUserAndPasswordAndNeverRepeatsThePassword() throws IOException {
        Path file = Files.writeString(dir.resolve("passwords"),
                "# users\n\nadmin=s3cret\r\n  bob = pass with spaces \n");
        Authenticator auth = new Authenticator().plainPasswords(file);
        ZapReply ok = reply(auth, plain("admin", "s3cret"));
        assertTrue(ok.allowed());
        assertEquals("admin", ok.userId());
        assertTrue(reply(auth, plain("bob", " pass with spaces ")).allowed(), "a password is kept as written");
        ZapReply wrong = reply(auth, plain("admin", "guess"));
        assertDenied(wrong, "wrong password");
        assertDenied(reply(auth, plain("eve", "s3cret")), "unknown user");
        for (String text : List.of(wrong.statusText(), auth.toString())) {
            assertFalse(text.contains("s3cret") || text.contains("guess"), text);
        }
        assertTrue(auth.toString().contains("2 users"), auth.toString());
    }

    @Test
    void aMalformedPasswordFileIsRefusedWithoutQuotingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("bad"), "ok=1\nhunter2\n");
        String message = assertThrows(IllegalArgumentException.class,
                () -> new Authenticator().plainPasswords(file)).getMessage();
        assertTrue(message.contains(file + " line 2"), message);
        assertFalse(message.contains("hunter2"), message);
    }

    @Test
    void curveLetsInKeysWithACertificateAndGivesTheirMetadata() throws IOException {
        Certificate alice = Certificate.generate().withMetadata("name", "alice");
        alice.save(dir.resolve("alice.key"));
        Files.writeString(dir.resolve("notes.txt"), "not a certificate\n");
        Authenticator auth = new Authenticator().curveCertificates(dir);

        ZapReply ok = reply(auth, curve(alice.publicKey()));
        assertTrue(ok.allowed());
        assertEquals(alice.publicKeyZ85(), ok.userId());
        assertEquals(Map.of("name", "alice"), ok.metadata());
        String stranger = CurveKeyPair.generate().publicKeyZ85();
        assertDenied(reply(auth, curve(Z85.decode(stranger))), "no certificate for key " + stranger);

        List<String> problems = auth.certificateProblems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("alice.key_secret") && p.contains("secret")));
        assertTrue(problems.stream().anyMatch(p -> p.contains("notes.txt") && p.contains("no public-key")));
    }

    @Test
    void curveAllowAnyLetsEveryKeyInUnderItsZ85() {
        Authenticator auth = new Authenticator().curveAllowAny();
        CurveKeyPair client = CurveKeyPair.generate();
        ZapReply ok = reply(auth, curve(client.publicKey()));
        assertTrue(ok.allowed());
        assertEquals(client.publicKeyZ85(), ok.userId());
        assertTrue(auth.toString().contains("any key"), auth.toString());
    }

    @Test
    void reloadPicksUpANewPasswordAndANewCertificate() throws IOException {
        Path passwords = Files.writeString(dir.resolve("passwords"), "admin=old\n");
        Path certs = Files.createDirectory(dir.resolve("certs"));
        Authenticator auth = new Authenticator().plainPasswords(passwords).curveCertificates(certs);
        Certificate newcomer = Certificate.generate();
        assertDenied(reply(auth, curve(newcomer.publicKey())), "no certificate");

        Files.writeString(passwords, "admin=new\ncarol=c\n");
        newcomer.savePublic(certs.resolve("newcomer.key"));
        assertTrue(reply(auth, plain("admin", "old")).allowed(), "nothing changes before reload");
        auth.reload();

        assertDenied(reply(auth, plain("admin", "old")), "wrong password");
        assertTrue(reply(auth, plain("admin", "new")).allowed());
        assertTrue(reply(auth, plain("carol", "c")).allowed());
        assertTrue(reply(auth, curve(newcomer.publicKey())).allowed());
    }

    @Test
    void aFailedReloadKeepsTheRulesItHad() throws IOException {
        Path passwords = Files.writeString(dir.resolve("passwords"), "admin=pw\n");
        Authenticator auth = new Authenticator().plainPasswords(passwords);
        Files.delete(passwords);
        assertThrows(java.io.UncheckedIOException.class, auth::reload);
        assertTrue(reply(auth, plain("admin", "pw")).allowed());
    }

    @Test
    void reloadingWhileSeveralThreadsAuthenticateNeverFails() throws Exception {
        Path passwords = Files.writeString(dir.resolve("passwords"), "admin=pw\n");
        Path certs = Files.createDirectory(dir.resolve("certs"));
        Certificate known = Certificate.generate();
        known.savePublic(certs.resolve("known.key"));
        Authenticator auth = new Authenticator().allow(LOCAL).plainPasswords(passwords).curveCertificates(certs);

        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(threads);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    started.countDown();
                    int checked = 0;
                    while (!stop.get() || checked < 1000) {
                        assertTrue(reply(auth, plain("admin", "pw")).allowed());
                        assertTrue(reply(auth, curve(known.publicKey())).allowed());
                        assertEquals(400, reply(auth, plain("admin", "no")).statusCode());
                        checked++;
                    }
                    return checked;
                }));
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 200; i++) {
                Certificate.generate().savePublic(certs.resolve("extra" + (i % 5) + ".key"));
                Files.writeString(passwords, "admin=pw\nuser" + i + "=x\n");
                auth.reload();
            }
            stop.set(true);
            for (Future<Integer> worker : workers) {
                assertTrue(worker.get(30, TimeUnit.SECONDS) >= 1000);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertTrue(auth.toString().contains("6 certificates"), auth.toString());
    }
}
