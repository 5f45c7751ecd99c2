package io.jzmtp.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's quick start is a complete program that compiles exactly as printed (imports included) against the
 * library alone, and it is QuickStart.java line for line, so ExamplesIT's run of QuickStart runs the README's code.
 */
class ReadmeQuickStartTest {

    private static final Path README = Path.of("../README.md");
    private static final Path EXAMPLE = Path.of("src/main/java/io/jzmtp/examples/QuickStart.java");

    @Test
    void theQuickStartCompilesAsPrinted(@TempDir Path dir) throws IOException {
        String snippet = quickStart();
        Path source = dir.resolve("QuickStart.java");
        Files.writeString(source, snippet);
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, diagnostics, diagnostics, "--release", "17", "-Xlint:all", "-Werror",
                "-classpath", System.getProperty("java.class.path"), "-d", dir.resolve("classes").toString(),
                source.toString());
        assertEquals(0, status, "the README's quick start does not compile as printed:\n"
                + diagnostics.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theQuickStartIsTheExampleThatTheTestsRun() throws IOException {
        String example = Files.readString(EXAMPLE);
        String withoutPackage = example.substring(example.indexOf('\n', example.indexOf("package ")) + 1).strip();
        assertEquals(withoutPackage, quickStart().strip());
    }

    /** The first {@code java} code block after the "## Quick start" heading. */
    private static String quickStart() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf("\n## Quick start");
        assertTrue(section >= 0, "the README has a '## Quick start' section");
        int start = readme.indexOf("```java\n", section);
        int end = readme.indexOf("\n```", start + 8);
        assertTrue(start > 0 && end > start, "a ```java block in the quick start");
        return readme.substring(start + "```java\n".length(), end + 1);
    }
}
