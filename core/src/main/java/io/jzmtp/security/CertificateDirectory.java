package io.jzmtp.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the public certificates of an {@link Authenticator}'s CURVE directory. Every regular file that loads as a
 * {@link Certificate} counts, in file-name order (so with two files for one key the first name's metadata wins),
 * except:
 * <ul>
 *   <li>hidden files (a leading {@code .}), which include the temporary files {@link Certificate#save} renames into
 *       place, so a half-written certificate is never read;</li>
 *   <li>{@code *_secret} files: a secret key has no business in a directory of keys to trust, and its public file
 *       beside it carries the same key. Each one is reported as a problem.</li>
 * </ul>
 * A file that does not load is left out and reported, so one bad file does not lock every client out.
 */
final class CertificateDirectory {

    private CertificateDirectory() {
    }

    /** Public key in Z85 to its certificate, and one line per file left out. */
    record Contents(Map<String, Certificate> certificates, List<String> problems) {
    }

    static Contents read(Path dir) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list certificate directory " + dir + ": " + e, e);
        }
        files.sort(null);
        Map<String, Certificate> certificates = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.startsWith(".") || !Files.isRegularFile(file)) {
                continue;
            }
            if (name.endsWith("_secret")) {
                problems.add(file + ": a secret certificate, skipped; keep only public certificates here");
                continue;
            }
            try {
                Certificate certificate = Certificate.load(file).publicOnly();
                certificates.putIfAbsent(certificate.publicKeyZ85(), certificate);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                problems.add(e.getMessage());
            }
        }
        return new Contents(Map.copyOf(certificates), List.copyOf(problems));
    }
}
