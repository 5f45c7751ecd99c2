package io.jzmtp.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the PLAIN password file of an {@link Authenticator}: one {@code username=password} a line, split at the first
 * {@code =}; lines whose first non-blank character is {@code #} and blank lines are skipped. The user name is trimmed;
 * the password is kept exactly as written (only the line ending goes), since spaces may be part of it. Errors name
 * the file and line, never the line's text, which may hold a password.
 */
final class PasswordFile {

    private PasswordFile() {
    }

    /** User name to UTF-8 password. */
    static Map<String, byte[]> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read password file " + file + ": " + e, e);
        }
        Map<String, byte[]> passwords = new HashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String where = file + " line " + (n + 1);
            if (eq < 0) {
                throw new IllegalArgumentException(where + ": expected username=password");
            }
            String user = line.substring(0, eq).strip();
            if (user.isEmpty()) {
                throw new IllegalArgumentException(where + ": empty user name");
            }
            if (passwords.put(user, line.substring(eq + 1).getBytes(StandardCharsets.UTF_8)) != null) {
                throw new IllegalArgumentException(where + ": user " + user + " appears twice");
            }
        }
        return passwords;
    }
}
