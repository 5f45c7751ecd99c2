package io.jzmtp.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file side of {@link Certificate}: ZPL text (ZeroMQ RFC 4) in and out, and writing a file whole.
 *
 * <p>The reader takes what hand editing and other writers produce: comments, blank lines, CR or CRLF endings, tabs or
 * any number of spaces as indentation, and values quoted with {@code "} or {@code '} or not quoted at all (pyzmq writes
 * metadata bare). A section is a name at column 0; an indented {@code name = value} line belongs to the section above;
 * lines indented further are children of a property, which certificates do not use, and are skipped.
 */
final class CertificateText {

    /** Far above any real certificate; stops a stray large file in a certificate directory from being read whole. */
    private static final int MAX_FILE_SIZE = 64 * 1024;
    private static final String SECTION_METADATA = "metadata";
    private static final String SECTION_CURVE = "curve";
    private static final String PUBLIC_KEY = "public-key";
    private static final String SECRET_KEY = "secret-key";
    private static final String INDENT = "    ";

    private CertificateText() {
    }

    /** What a file holds; {@code secretKey} is {@code null} for a public certificate. */
    record Parsed(byte[] publicKey, byte[] secretKey, Map<String, String> metadata) {
    }

    static Parsed read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new IllegalArgumentException(file + ": larger than " + MAX_FILE_SIZE
                        + " bytes, not a certificate");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read certificate " + file + ": " + e, e);
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses certificate text; {@code source} names it in errors. */
    static Parsed parse(String text, String source) {
        String section = "";
        String publicText = null;
        String secretText = null;
        Map<String, String> metadata = new LinkedHashMap<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int start = indentEnd(line);
            if (start == line.length() || line.charAt(start) == '#') {
                continue;
            }
            if (start == 0) {
                section = name(line, 0);
                continue;
            }
            if (level(line, start) > 1) {
                continue;
            }
            String name = name(line, start);
            String value = value(line, start + name.length());
            String where = source + " line " + (n + 1);
            if (section.equals(SECTION_CURVE) && name.equals(PUBLIC_KEY)) {
                publicText = once(publicText, value, where, PUBLIC_KEY);
            } else if (section.equals(SECTION_CURVE) && name.equals(SECRET_KEY)) {
                secretText = once(secretText, value, where, SECRET_KEY);
            } else if (section.equals(SECTION_METADATA)) {
                try {
                    Certificate.checkName(name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
                metadata.put(name, value);
            }
        }
        return keys(publicText, secretText, metadata, source);
    }

    private static Parsed keys(String publicText, String secretText, Map<String, String> metadata, String source) {
        if (publicText == null) {
            throw new IllegalArgumentException(source + ": no " + PUBLIC_KEY + " in a " + SECTION_CURVE
                    + " section; not a CURVE certificate");
        }
        byte[] publicKey = decodeKey(publicText, PUBLIC_KEY, source);
        if (secretText == null) {
            return new Parsed(publicKey, null, metadata);
        }
        byte[] secretKey = decodeKey(secretText, SECRET_KEY, source);
        if (!MessageDigest.isEqual(CurveKeyPair.publicKeyOf(secretKey), publicKey)) {
            Arrays.fill(secretKey, (byte) 0);
            throw new IllegalArgumentException(source + ": the " + SECRET_KEY + " does not belong to the "
                    + PUBLIC_KEY);
        }
        return new Parsed(publicKey, secretKey, metadata);
    }

    /** Decodes a 40-character Z85 key; the message never quotes the text, since it may be a secret. */
    private static byte[] decodeKey(String text, String what, String source) {
        if (text.length() != CurveKeyPair.KEY_SIZE_Z85) {
            throw new IllegalArgumentException(source + ": " + what + " must be " + CurveKeyPair.KEY_SIZE_Z85
                    + " Z85 characters, not " + text.length());
        }
        try {
            return Z85.decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + what + " is not valid Z85");
        }
    }

    private static String once(String previous, String value, String where, String what) {
        if (previous != null) {
            throw new IllegalArgumentException(where + ": a second " + what + "; a certificate holds one");
        }
        return value;
    }

    private static int indentEnd(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Depth under a section: 1 to 4 columns is one level, a tab counting as 4 (RFC 4 indents by 4 spaces). */
    private static int level(String line, int end) {
        int columns = 0;
        for (int i = 0; i < end; i++) {
            columns += line.charAt(i) == '\t' ? 4 : 1;
        }
        return (columns + 3) / 4;
    }

    /** The name starting at {@code from}: everything up to whitespace, {@code =} or a comment. */
    private static String name(String line, int from) {
        int end = from;
        while (end < line.length() && " \t=#".indexOf(line.charAt(end)) < 0) {
            end++;
        }
        return line.substring(from, end);
    }

    /**
     * The value after a name: a quoted value runs to its matching quote; a bare one to the end of the line or to a
     * {@code #} after whitespace (a Z85 key can hold {@code #}, so only a spaced one starts a comment). No {@code =}
     * means an empty value.
     */
    private static String value(String line, int from) {
        int i = indentEnd(line.substring(from)) + from;
        if (i == line.length() || line.charAt(i) != '=') {
            return "";
        }
        String rest = line.substring(i + 1).strip();
        if (!rest.isEmpty() && (rest.charAt(0) == '"' || rest.charAt(0) == '\'')) {
            int close = rest.indexOf(rest.charAt(0), 1);
            if (close > 0) {
                return rest.substring(1, close);
            }
        }
        for (int k = 1; k < rest.length(); k++) {
            if (rest.charAt(k) == '#' && Character.isWhitespace(rest.charAt(k - 1))) {
                return rest.substring(0, k).strip();
            }
        }
        return rest.startsWith("#") ? "" : rest;
    }

    /** The text of {@code certificate}'s public file, or its secret file when {@code withSecret}. */
    static String format(Certificate certificate, boolean withSecret) {
        StringBuilder out = new StringBuilder();
        if (withSecret) {
            out.append("#   ZeroMQ CURVE secret certificate (jzmtp)\n")
                    .append("#   It holds a secret key: keep it private. Do not share this file, send it anywhere\n")
                    .append("#   or make it readable by other users.\n");
        } else {
            out.append("#   ZeroMQ CURVE public certificate (jzmtp)\n")
                    .append("#   Hand it to the peers that should trust this key, and let them check its contents\n")
                    .append("#   if it travelled over a channel that is not secure.\n");
        }
        out.append('\n').append(SECTION_METADATA).append('\n');
        certificate.metadata().forEach((name, value) -> property(out, name, value));
        out.append(SECTION_CURVE).append('\n');
        property(out, PUBLIC_KEY, certificate.publicKeyZ85());
        if (withSecret) {
            property(out, SECRET_KEY, Z85.encode(certificate.secretKeyOrNull()));
        }
        return out.toString();
    }

    private static void property(StringBuilder out, String name, String value) {
        char quote = value.indexOf('"') >= 0 ? '\'' : '"';
        out.append(INDENT).append(name).append(" = ").append(quote).append(value).append(quote).append('\n');
    }

    /**
     * Writes {@code text} to a temporary file beside {@code file} and renames it over {@code file}, so a reader (an
     * {@link Authenticator} reloading its directory) sees the old or the new certificate, never part of one. The
     * temporary file is created with its final permissions, so a secret is never readable by others, even briefly.
     */
    static void write(Path file, String text, boolean ownerOnly) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = null;
        try {
            boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-rw-rw-"))}
                    : new FileAttribute<?>[0];
            // rw-rw-rw- is what an ordinary new file asks for; the umask then trims it as usual.
            temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attributes);
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            move(temp, target);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write certificate " + file + ": " + e, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The write already failed and that error is the one to report; a stray hidden file is secondary.
        }
    }
}
