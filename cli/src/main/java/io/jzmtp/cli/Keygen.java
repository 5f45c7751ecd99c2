package io.jzmtp.cli;

import io.jzmtp.security.Certificate;
import io.jzmtp.security.CurveKeyPair;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jzmtp keygen [--out BASENAME]}: a new CURVE key pair. Printed as {@code public: KEY} and {@code secret: KEY}
 * (Z85), or saved as a certificate pair in CZMQ's zcert format: BASENAME with the public key, to hand to peers, and
 * BASENAME_secret with both keys, readable by its owner only, for {@code --cert}. An existing file is never
 * overwritten, since it may hold the only copy of a secret key.
 */
final class Keygen {

    static final String USAGE = "usage: jzmtp keygen [--out BASENAME]";

    private Keygen() {
    }

    static int run(String[] args, PrintStream out) {
        String base = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE);
                return ExitStatus.OK;
            } else if (arg.equals("--out") && i + 1 < args.length) {
                base = args[++i];
            } else if (arg.startsWith("--out=")) {
                base = arg.substring("--out=".length());
            } else if (arg.equals("--out")) {
                throw new UsageException("--out needs a value (BASENAME)");
            } else {
                throw new UsageException("keygen takes only --out BASENAME, got '" + arg + "'");
            }
        }
        if (base == null) {
            CurveKeyPair pair = CurveKeyPair.generate();
            out.println("public: " + pair.publicKeyZ85());
            out.println("secret: " + pair.secretKeyZ85());
            pair.destroy();
            return ExitStatus.OK;
        }
        save(base, out);
        return ExitStatus.OK;
    }

    private static void save(String base, PrintStream out) {
        if (base.isEmpty() || base.endsWith("/")) {
            throw new UsageException("--out needs a file name, got '" + base + "'");
        }
        Path publicFile = Path.of(base);
        Path secretFile = publicFile.resolveSibling(publicFile.getFileName() + "_secret");
        for (Path file : List.of(publicFile, secretFile)) {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw CliFailure.failure(file + " already exists; keygen does not overwrite keys (remove it or "
                        + "choose another --out)");
            }
        }
        Path dir = publicFile.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw CliFailure.failure("cannot write " + publicFile + ": no directory " + dir);
        }
        Certificate certificate = Certificate.generate();
        try {
            certificate.save(publicFile);
        } catch (UncheckedIOException e) {
            throw CliFailure.failure("cannot write " + publicFile + ": " + e.getCause());
        }
        out.println("public certificate: " + publicFile);
        out.println("secret certificate: " + secretFile + " (owner-only)");
        out.println("public: " + certificate.publicKeyZ85());
    }
}
