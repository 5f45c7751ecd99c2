package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZCert;
import org.zeromq.ZCertStore;
import org.zeromq.ZConfig;
import org.zeromq.ZMQ;
import org.zeromq.util.ZMetadata;

/**
 * Pins JeroMQ's certificates ({@code ZCert}), their ZPL files ({@code ZConfig}) and certificate directories
 * ({@code ZCertStore}): the text written, what loading it gives back, and how a store follows its directory.
 */
@Timeout(30)
class Tier2ZCertTest {

    @TempDir
    Path dir;

    @Test
    void keysInBinaryAndZ85() {
        ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
        ZCert cert = new ZCert(pair);
        assertEquals(pair.publicKey, cert.getPublicKeyAsZ85());
        assertEquals(pair.secretKey, cert.getSecretKeyAsZ85());
        assertArrayEquals(ZMQ.Curve.z85Decode(pair.publicKey), cert.getPublicKey());
        assertEquals(32, cert.getSecretKey().length);

        ZCert fromBytes = new ZCert(cert.getPublicKey(), cert.getSecretKey());
        assertEquals(pair.secretKey, fromBytes.getSecretKeyAsZ85());

        ZCert publicOnly = new ZCert(pair.publicKey);
        assertNull(publicOnly.getSecretKey());
        assertNull(publicOnly.getSecretKeyAsZ85());
        assertEquals(pair.publicKey, publicOnly.getPublicKeyAsZ85());
    }

    @Test
    void badKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ZCert(new byte[31], null));
        assertThrows(IllegalArgumentException.class, () -> new ZCert("tooshort"));
        assertThrows(IllegalArgumentException.class, () -> new ZCert((String) null, null));
    }

    @Test
    void metadataIsKeptAndWritten() throws IOException {
        ZCert cert = new ZCert();
        cert.setMeta("name", "Alice");
        cert.setMeta("email", "alice@example.org");
        cert.setMeta("gone", "soon");
        cert.unsetMeta("gone");
        assertEquals("Alice", cert.getMeta("name"));
        assertNull(cert.getMeta("gone"));
        ZMetadata metadata = cert.getMetadata();
        assertEquals(2, metadata.size());
        assertTrue(metadata.containsKey("email"));

        StringWriter out = new StringWriter();
        cert.savePublic(out);
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).startsWith("# ** Generated on "), lines.get(0));
        assertTrue(lines.get(0).endsWith(" by ZCert **"), lines.get(0));
        assertTrue(lines.contains("#    ZeroMQ CURVE Public Certificate"), out.toString());
        assertTrue(lines.contains("metadata"));
        assertTrue(lines.contains("    name = \"Alice\""));
        assertTrue(lines.contains("    email = \"alice@example.org\""));
        assertTrue(lines.contains("curve"));
        assertTrue(lines.contains("    public-key = \"" + cert.getPublicKeyAsZ85() + "\""));
        assertFalse(out.toString().contains("secret-key"));
    }

    @Test
    void secretFileHoldsBothKeysAndLoadsBack() throws IOException {
        ZCert cert = new ZCert();
        cert.setMeta("name", "Bob");
        File file = cert.saveSecret(dir.resolve("sub/bob.key_secret").toString());
        assertTrue(file.isFile());
        String text = Files.readString(file.toPath(), StandardCharsets.UTF_8);
        assertTrue(text.contains("#    ZeroMQ CURVE **Secret** Certificate"), text);
        assertTrue(text.contains("    secret-key = \"" + cert.getSecretKeyAsZ85() + "\""), text);

        ZConfig loaded = ZConfig.load(file.getPath());
        assertEquals(cert.getPublicKeyAsZ85(), loaded.getValue("curve/public-key"));
        assertEquals(cert.getSecretKeyAsZ85(), loaded.getValue("/curve/secret-key"));
        assertEquals("Bob", loaded.getValue("metadata/name"));
        assertEquals("Bob", ZMetadata.read(loaded).get("name"));
    }

    @Test
    void configTreeValuesAndPaths() throws IOException {
        ZConfig root = new ZConfig("root", null);
        root.putValue("/server/bind", "tcp://127.0.0.1:5555");
        root.putValue("server/verbose", "1");
        ZConfig child = root.putValue("name", "demo");
        assertEquals("name", child.getName());
        assertEquals("root", root.getName());
        assertEquals("tcp://127.0.0.1:5555", root.getValue("server/bind"));
        assertEquals("fallback", root.getValue("server/missing", "fallback"));
        assertNull(root.getValue("server"));   // a node without a value
        assertTrue(root.pathExists("server"));
        assertFalse(root.pathExists("client"));
        assertEquals("1", root.getChild("server").getValue("verbose"));
        assertEquals(Map.of("server/bind", "tcp://127.0.0.1:5555", "server/verbose", "1", "name", "demo"),
                root.getValues());

        ZConfig copy = new ZConfig("copy", null);
        copy.putValues(root);
        assertEquals(root.getValues(), copy.getValues());

        StringWriter out = new StringWriter();
        root.addComment("a comment");
        root.save(out);
        List<String> lines = out.toString().lines().toList();
        assertEquals("# a comment", lines.get(0));
        assertEquals("", lines.get(1));
        assertTrue(lines.contains("server"));
        assertTrue(lines.contains("    bind = \"tcp://127.0.0.1:5555\""));
        assertTrue(lines.contains("name = \"demo\""));
    }

    @Test
    void loadReadsQuotesCommentsAndIndent() throws IOException {
        Path file = dir.resolve("app.cfg");
        Files.writeString(file, String.join("\n",
                "#   a ZPL file",
                "context",
                "    iothreads = 1",
                "    verbose = 1      #   Ask for a trace",
                "main",
                "    type = zqueue    #  ZMQ_DEVICE type",
                "    frontend",
                "        option",
                "            hwm = 1000",
                "        bind = 'inproc://addr1'",
                "    backend",
                "        bind = \"tcp://127.0.0.1:5555\"",
                ""));
        ZConfig conf = ZConfig.load(file.toString());
        assertEquals("1", conf.getValue("context/iothreads"));
        assertEquals("1", conf.getValue("context/verbose"));
        assertEquals("zqueue", conf.getValue("main/type"));
        assertEquals("1000", conf.getValue("main/frontend/option/hwm"));
        assertEquals("inproc://addr1", conf.getValue("main/frontend/bind"));
        assertEquals("tcp://127.0.0.1:5555", conf.getValue("main/backend/bind"));
    }

    @Test
    void loadRefusesABadIndent() throws IOException {
        Path file = dir.resolve("bad.cfg");
        Files.writeString(file, "top\n        toodeep = 1\n");
        assertThrows(ZConfig.ReadException.class, () -> ZConfig.load(file.toString()));
    }

    @Test
    void storeFollowsItsDirectory() throws IOException {
        Path certs = dir.resolve("certs");
        ZCertStore store = new ZCertStore(certs.toString());
        assertTrue(Files.isDirectory(certs));   // created when missing

        ZCert alice = new ZCert();
        alice.setMeta("name", "Alice");
        assertFalse(store.containsPublicKey(alice.getPublicKeyAsZ85()));

        alice.savePublic(certs.resolve("alice.key").toString());
        assertTrue(store.containsPublicKey(alice.getPublicKeyAsZ85()));
        assertTrue(store.containsPublicKey(alice.getPublicKey()));
        assertEquals("Alice", store.getMetadata(alice.getPublicKeyAsZ85()).get("name"));

        ZCert bob = new ZCert();
        bob.saveSecret(certs.resolve("nested/bob.key_secret").toString());
        assertTrue(store.containsPublicKey(bob.getPublicKeyAsZ85()));
        assertNull(store.getMetadata(bob.getPublicKeyAsZ85()));   // no metadata section

        Files.delete(certs.resolve("alice.key"));
        assertFalse(store.containsPublicKey(alice.getPublicKeyAsZ85()));
        assertThrows(IllegalArgumentException.class, () -> store.containsPublicKey("short"));
    }

    @Test
    void hasherFingerprintsByContent() throws IOException {
        Path certs = dir.resolve("hashed");
        ZCertStore store = new ZCertStore(certs.toString(), new ZCertStore.Hasher());
        ZCert cert = new ZCert();
        cert.savePublic(certs.resolve("c.key").toString());
        assertTrue(store.containsPublicKey(cert.getPublicKeyAsZ85()));

        // the same file name with another key: only the content changed
        ZCert other = new ZCert();
        other.savePublic(certs.resolve("c.key").toString());
        assertTrue(store.containsPublicKey(other.getPublicKeyAsZ85()));
        assertFalse(store.containsPublicKey(cert.getPublicKeyAsZ85()));
    }
}
