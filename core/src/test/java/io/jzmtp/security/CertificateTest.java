package io.jzmtp.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Certificate files as pyzmq and CZMQ write them, our own round trip, and the files we refuse. */
class CertificateTest {

    /** The libzmq-checked pair of Z85Test: secret bytes 0..31. The secret holds a '#', which a bare value keeps. */
    private static final String SECRET = "009c61o!#m2NH?C3>iWS5d]J*6CRx17-skh9337x";
    private static final String PUBLIC = "K3HW^WVq.zo69t)(umF>:XvwTj:QGN^yKlWaVH(S";
    private static final String OTHER_PUBLIC = CurveKeyPair.generate().publicKeyZ85();

    /** What pyzmq 24's create_certificates writes (its own banner; metadata bare, in the secret file only). */
    private static final String PYZMQ_PUBLIC = """
            #   ****  Generated on 2024-03-01 10:20:30.123456 by pyzmq  ****
            #   ZeroMQ CURVE Public Certificate
            #   Exchange securely, or use a secure mechanism to verify the contents
            #   of this file after exchange. Store public certificates in your home
            #   directory, in the .curve subdirectory.

            metadata
            curve
                public-key = "%s"
            """.formatted(PUBLIC);
    private static final String PYZMQ_SECRET = """
            #   ****  Generated on 2024-03-01 10:20:30.123456 by pyzmq  ****
            #   ZeroMQ CURVE **Secret** Certificate
            #   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.

            metadata
                name = server one
                email = ops@example.com
            curve
                public-key = "%s"
                secret-key = "%s"
            """.formatted(PUBLIC, SECRET);
    /** The layout of CZMQ's zcert_save: quoted metadata in both files, the same two sections. */
    private static final String CZMQ_SECRET = """
            #   ****  Generated on 2024-03-01 10:20:30 by CZMQ  ****
            #   ZeroMQ CURVE **Secret** Certificate
            #   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.

            metadata
                name = "Server One"
                organization = "Example"
            curve
                public-key = "%s"
                secret-key = "%s"
            """.formatted(PUBLIC, SECRET);

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void loadsPyzmqsPublicFile() throws IOException {
        Certificate c = Certificate.load(file("server.key", PYZMQ_PUBLIC));
        assertEquals(PUBLIC, c.publicKeyZ85());
        assertFalse(c.hasSecretKey());
        assertTrue(c.secretKey().isEmpty());
        assertTrue(c.keyPair().isEmpty());
        assertEquals(Map.of(), c.metadata());
    }

    @Test
    void loadsPyzmqsSecretFileWithBareMetadata() throws IOException {
        Certificate c = Certificate.load(file("server.key_secret", PYZMQ_SECRET));
        assertEquals(PUBLIC, c.publicKeyZ85());
        assertArrayEquals(Z85.decode(SECRET), c.secretKey().orElseThrow());
        assertEquals(PUBLIC, c.keyPair().orElseThrow().publicKeyZ85());
        assertEquals(List.of("name", "email"), List.copyOf(c.metadata().keySet()));
        assertEquals("server one", c.metadata().get("name"));
        assertEquals("ops@example.com", c.metadata().get("email"));
    }

    @Test
    void loadsCzmqsSecretFileWithQuotedMetadata() throws IOException {
        Certificate c = Certificate.load(file("server_cert.txt_secret", CZMQ_SECRET));
        assertEquals(PUBLIC, c.publicKeyZ85());
        assertTrue(c.hasSecretKey());
        assertEquals(Map.of("name", "Server One", "organization", "Example"), c.metadata());
    }

    @Test
    void toleratesCrlfTabsSingleQuotesBareKeysAndComments() throws IOException {
        String text = "# hand edited\r\n\r\nmetadata   # the metadata\r\n\tname = 'it''s'\r\n"
                + "  motto = \"a # in quotes\"   # and a comment\r\n  empty\r\n"
                + "        deeper = ignored\r\n"
                + "curve\r\n\tpublic-key = " + PUBLIC + "\r\n"
                + "    secret-key = '" + SECRET + "'\r\n";
        Certificate c = Certificate.load(file("edited", text));
        assertEquals(PUBLIC, c.publicKeyZ85());
        assertTrue(c.hasSecretKey());
        assertEquals("it", c.metadata().get("name"), "a quoted value ends at its matching quote");
        assertEquals("a # in quotes", c.metadata().get("motto"));
        assertEquals("", c.metadata().get("empty"));
        assertFalse(c.metadata().containsKey("deeper"), "children of a property are not metadata");
        assertEquals(List.of("name", "motto", "empty"), List.copyOf(c.metadata().keySet()));
    }

    @Test
    void saveWritesAPublicAndAnOwnerOnlySecretFileThatLoadBack() throws IOException {
        Certificate c = Certificate.generate().withMetadata("name", "alice").withMetadata("role", "say \"hi\"");
        Path publicFile = dir.resolve("alice.key");
        c.save(publicFile);

        Path secretFile = dir.resolve("alice.key_secret");
        Certificate pub = Certificate.load(publicFile);
        Certificate sec = Certificate.load(secretFile);
        assertEquals(c, sec);
        assertEquals(c.publicOnly(), pub);
        assertFalse(pub.hasSecretKey());
        assertEquals(List.of("name", "role"), List.copyOf(sec.metadata().keySet()));
        assertEquals("say \"hi\"", pub.metadata().get("role"));

        String secretZ85 = Z85.encode(c.secretKey().orElseThrow());
        String publicText = Files.readString(publicFile);
        String secretText = Files.readString(secretFile);
        assertFalse(publicText.contains(secretZ85), "the public file never holds the secret key");
        assertFalse(publicText.contains("secret-key"));
        assertTrue(publicText.startsWith("#") && publicText.contains("public certificate"));
        assertTrue(secretText.contains("secret certificate") && secretText.contains("Do not share"));
        assertTrue(secretText.contains("    secret-key = \"" + secretZ85 + "\"\n"));
        try (var siblings = Files.list(dir)) {
            assertEquals(2, siblings.count(), "no temporary file is left behind");
        }
    }

    @Test
    void theSecretFileIsReadableByItsOwnerOnly() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class),
                "POSIX permissions needed");
        Path secretFile = file("old.key_secret", "left over");
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-rw-rw-"));
        Certificate.generate().save(dir.resolve("old.key"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)),
                "replacing a loose file leaves an owner-only one");
        assertTrue(Files.getPosixFilePermissions(dir.resolve("old.key")).size() > 2,
                "the public file keeps ordinary permissions");
    }

    @Test
    void savePublicAndSaveSecretWriteOneFileEach() {
        Certificate c = Certificate.generate();
        c.savePublic(dir.resolve("p"));
        c.saveSecret(dir.resolve("s"));
        assertEquals(c.publicOnly(), Certificate.load(dir.resolve("p")));
        assertEquals(c, Certificate.load(dir.resolve("s")));
        assertFalse(Files.exists(dir.resolve("p_secret")));
    }

    @Test
    void aPublicCertificateCannotWriteASecretFile() {
        Certificate pub = Certificate.ofPublicKey(PUBLIC.getBytes(StandardCharsets.US_ASCII));
        assertThrows(IllegalStateException.class, () -> pub.save(dir.resolve("x")));
        assertThrows(IllegalStateException.class, () -> pub.saveSecret(dir.resolve("x")));
        pub.savePublic(dir.resolve("x"));
        assertEquals(pub, Certificate.load(dir.resolve("x")));
    }

    @Test
    void refusesAFileWithoutAPublicKey() throws IOException {
        Path f = file("empty.key", "# nothing\nmetadata\n    name = \"x\"\ncurve\n");
        assertProblem(f, "no public-key");
        assertProblem(file("outside.key", "metadata\n    public-key = \"" + PUBLIC + "\"\n"), "no public-key");
    }

    @Test
    void refusesKeysThatAreNot40Z85Characters() throws IOException {
        assertProblem(file("short.key", "curve\n    public-key = \"" + PUBLIC.substring(1) + "\"\n"),
                "public-key must be 40 Z85 characters, not 39");
        assertProblem(file("quote.key", "curve\n    public-key = \"" + PUBLIC.substring(1) + "~\"\n"),
                "public-key is not valid Z85");
        String badSecret = SECRET.substring(0, 39) + "~";
        String message = assertProblem(file("bad.key_secret", "curve\n    public-key = \"" + PUBLIC
                + "\"\n    secret-key = \"" + badSecret + "\"\n"), "secret-key is not valid Z85");
        assertFalse(message.contains(SECRET.substring(0, 39)), "the message never quotes a secret");
    }

    @Test
    void refusesASecretKeyOfAnotherPublicKey() throws IOException {
        String message = assertProblem(file("mismatch.key_secret", "curve\n    public-key = \"" + OTHER_PUBLIC
                + "\"\n    secret-key = \"" + SECRET + "\"\n"), "secret-key does not belong to the public-key");
        assertFalse(message.contains(SECRET));
    }

    @Test
    void refusesTwoPublicKeysAndBadMetadataNames() throws IOException {
        assertProblem(file("two.key", "curve\n    public-key = \"" + PUBLIC + "\"\n    public-key = \""
                + OTHER_PUBLIC + "\"\n"), "line 3: a second public-key");
        assertProblem(file("name.key", "metadata\n    na!me = x\ncurve\n    public-key = \"" + PUBLIC + "\"\n"),
                "line 2: metadata name 'na!me'");
    }

    @Test
    void aMissingFileIsAnUncheckedIoExceptionNamingIt() {
        Path missing = dir.resolve("missing.key");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Certificate.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    private static String assertProblem(Path file, String expected) {
        String message = assertThrows(IllegalArgumentException.class, () -> Certificate.load(file)).getMessage();
        assertTrue(message.contains(file.toString()), "names the file: " + message);
        assertTrue(message.contains(expected), "says '" + expected + "': " + message);
        return message;
    }

    @Test
    void toStringNeverShowsTheSecretKey() {
        Certificate c = Certificate.of(CurveKeyPair.fromSecretKey(SECRET)).withMetadata("name", "n");
        assertFalse(c.toString().contains(SECRET));
        assertTrue(c.toString().contains(PUBLIC) && c.toString().contains("with secret key"), c.toString());
    }

    @Test
    void metadataIsImmutableOrderedAndChecked() {
        Certificate bare = Certificate.generate();
        Certificate named = bare.withMetadata("b", "1").withMetadata("a", "2").withMetadata("b", "3");
        assertEquals(Map.of(), bare.metadata());
        assertEquals(List.of("b", "a"), List.copyOf(named.metadata().keySet()));
        assertEquals("3", named.metadata().get("b"));
        assertThrows(UnsupportedOperationException.class, () -> named.metadata().put("c", "4"));
        assertNotEquals(bare, named);
        assertThrows(IllegalArgumentException.class, () -> bare.withMetadata("", "x"));
        assertThrows(IllegalArgumentException.class, () -> bare.withMetadata("has space", "x"));
        assertThrows(IllegalArgumentException.class, () -> bare.withMetadata("x".repeat(256), "x"));
        assertThrows(IllegalArgumentException.class, () -> bare.withMetadata("n", "two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> bare.withMetadata("n", "both ' and \""));
    }

    @Test
    void secretKeyIsACopyAndPublicOnlyDropsIt() {
        Certificate c = Certificate.of(CurveKeyPair.fromSecretKey(SECRET));
        c.secretKey().orElseThrow()[0] ^= 1;
        assertArrayEquals(Z85.decode(SECRET), c.secretKey().orElseThrow());
        assertFalse(c.publicOnly().hasSecretKey());
        Certificate pub = c.publicOnly();
        assertSame(pub, pub.publicOnly());
        assertEquals(PUBLIC, pub.publicKeyZ85());
    }
}
