package io.jzmtp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * STYLE.md "Pattern logic has no Netty types": no source file under {@code io.jzmtp.routing} or
 * {@code io.jzmtp.socket} may import or name anything from {@code io.netty}. Reads the sources, so it also catches
 * fully qualified names and static imports that a class-file check of the API would miss.
 */
class PatternLayerHasNoNettyTest {

    private static final List<String> PACKAGES = List.of("io/jzmtp/routing", "io/jzmtp/socket");

    /** An {@code io.netty} reference in code, after comments and string literals have been removed. */
    private static final java.util.regex.Pattern NETTY = java.util.regex.Pattern.compile("\\bio\\s*\\.\\s*netty\\b");

    @Test
    void routingAndSocketPackagesDoNotUseNetty() throws IOException {
        Path sources = mainSources();
        List<String> violations = new ArrayList<>();
        for (String pkg : PACKAGES) {
            Path dir = sources.resolve(pkg);
            assertTrue(Files.isDirectory(dir), "missing package directory " + dir);
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir)) {
                files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            }
            assertFalse(files.isEmpty(), "no sources found under " + dir + ": the check would prove nothing");
            for (Path f : files) {
                violations.addAll(nettyReferences(sources.relativize(f).toString(),
                        Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        if (!violations.isEmpty()) {
            fail("pattern logic must not use Netty types (STYLE.md):\n  " + String.join("\n  ", violations));
        }
    }

    @Test
    void checkerFindsImportsAndQualifiedNames() {
        String source = "package io.jzmtp.routing;\n"
                + "import io.jzmtp.msg.Message;\n"
                + "import io.netty.buffer.ByteBuf;\n"
                + "import static io.netty.util.ReferenceCountUtil.release;\n"
                + "// io.netty.channel.Channel in a comment is fine\n"
                + "/* and io.netty.Foo in a block comment */\n"
                + "class X { String s = \"io.netty.in.a.string\"; io.netty.channel.Channel ch; }\n";
        List<String> found = nettyReferences("X.java", source);
        assertEquals(3, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("X.java:3:"), found.toString());
        assertTrue(found.get(1).startsWith("X.java:4:"), found.toString());
        assertTrue(found.get(2).startsWith("X.java:7:"), found.toString());
    }

    /** Every line of {@code source} that refers to io.netty in code, as "file:line: text". */
    static List<String> nettyReferences(String file, String source) {
        String code = stripCommentsAndStrings(source);
        String[] codeLines = code.split("\n", -1);
        String[] originalLines = source.split("\n", -1);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < codeLines.length; i++) {
            Matcher m = NETTY.matcher(codeLines[i]);
            if (m.find()) {
                found.add(file + ":" + (i + 1) + ": " + originalLines[i].trim());
            }
        }
        return found;
    }

    /** Blanks out comments and string/char literals, keeping line breaks so line numbers stay right. */
    private static String stripCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                for (; i < end; i++) {
                    out.append(s.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (c == '"' || c == '\'') {
                out.append(' ');
                i++;
                while (i < s.length() && s.charAt(i) != c && s.charAt(i) != '\n') {
                    if (s.charAt(i) == '\\') {
                        i++;
                    }
                    i++;
                }
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** patterns/src/main/java, found from the working directory (the module under Maven, the root in an IDE). */
    private static Path mainSources() {
        Path here = Paths.get("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("src/main/java"), dir.resolve("patterns/src/main/java"))) {
                if (Files.isDirectory(candidate.resolve("io/jzmtp/routing"))) {
                    return candidate;
                }
            }
        }
        throw new AssertionError("cannot find patterns/src/main/java from " + here);
    }
}
