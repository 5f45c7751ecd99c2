package io.jzmtp.interop;

import io.jzmtp.security.Certificate;
import io.jzmtp.security.CurveKeyPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * CURVE certificate files both ways with pyzmq (Debian's python3-zmq over libzmq): the files its
 * {@code zmq.auth.create_certificates} writes load as {@link Certificate}s, and the ones {@link Certificate#save}
 * writes load in its {@code zmq.auth.load_certificate}, with libzmq agreeing on the public key of our secret key.
 */
class CertificateInteropIT {

    private static final long PYTHON_TIMEOUT_SECONDS = 30;

    @TempDir
    Path dir;

    @BeforeEach
    void requireLibzmq() {
        Libzmq.requireAvailable();
    }

    @Test
    void theirCertificatesLoadInOurs() {
        python("import sys, zmq.auth; zmq.auth.create_certificates(sys.argv[1], 'server')", dir.toString());

        Certificate pub = Certificate.load(dir.resolve("server.key"));
        Certificate secret = Certificate.load(dir.resolve("server.key_secret"));
        assertFalse(pub.hasSecretKey(), "the public file holds no secret key");
        assertTrue(secret.hasSecretKey());
        assertEquals(pub.publicKeyZ85(), secret.publicKeyZ85());
        assertArrayEquals(secret.publicKey(), CurveKeyPair.publicKeyOf(secret.secretKey().orElseThrow()),
                "the secret key's own public key is the one in the file");
    }

    @Test
    void theirMetadataLoadsInOurs() {
        python("import sys, zmq.auth; zmq.auth.create_certificates(sys.argv[1], 'client', "
                + "metadata={'name': 'client one', 'email': 'ops@example.com'})", dir.toString());

        Certificate secret = Certificate.load(dir.resolve("client.key_secret"));
        assertEquals(List.of("name", "email"), List.copyOf(secret.metadata().keySet()));
        assertEquals("client one", secret.metadata().get("name"));
        assertEquals("ops@example.com", secret.metadata().get("email"));
    }

    @Test
    void ourCertificatesLoadInTheirs() {
        Certificate ours = Certificate.generate().withMetadata("name", "jzmtp");
        Path publicFile = dir.resolve("ours.key");
        ours.save(publicFile);
        String secretZ85 = ours.keyPair().orElseThrow().secretKeyZ85();

        List<String> lines = python(String.join("\n",
                "import sys, zmq, zmq.auth",
                "for f in sys.argv[1:]:",
                "    public, secret = zmq.auth.load_certificate(f)",
                "    print(public.decode(), secret.decode() if secret else '-')",
                "    if secret:",
                "        print(zmq.curve_public(secret).decode())",
                "print(*sorted(k.decode() for k in zmq.auth.load_certificates(sys.argv[1].rsplit('/', 1)[0])))"),
                publicFile.toString(), publicFile + "_secret");

        assertEquals(List.of(ours.publicKeyZ85() + " -", ours.publicKeyZ85() + " " + secretZ85,
                ours.publicKeyZ85(), ours.publicKeyZ85()), lines,
                "pyzmq reads both files, libzmq derives our public key, and load_certificates finds ours.key");
    }

    /** Runs {@code code} in Debian's Python with {@code args} as {@code sys.argv[1:]}; its output lines. */
    private static List<String> python(String code, String... args) {
        List<String> command = new ArrayList<>(List.of(Libzmq.PYTHON, "-c", code));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(PYTHON_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(Libzmq.PYTHON + " did not finish within " + PYTHON_TIMEOUT_SECONDS + " s");
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                fail(Libzmq.PYTHON + " exited with " + p.exitValue() + ":\n" + output);
            }
            return output.lines().toList();
        } catch (IOException e) {
            return fail("cannot run " + Libzmq.PYTHON + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + Libzmq.PYTHON);
        }
    }
}
