package io.jzmtp.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/jzmtp} builds its jar when the jar is missing or older than a source or POM (after a {@code git pull}),
 * and only then, showing a line per module. Run on a copy of the launcher in a tree of its own, with a fake Maven
 * ({@code MVN}) that records its calls and puts the real jar in place.
 */
class LauncherBuildIT {

    private static final Path REAL_JAR = Path.of("target", "jzmtp-cli.jar").toAbsolutePath();

    @Test
    void aSourceNewerThanTheJarTriggersOneRebuildAndAMissingJarAnother(@TempDir Path root) throws IOException {
        Path script = root.resolve("bin/jzmtp");
        Files.createDirectories(script.getParent());
        Files.copy(Launcher.SCRIPT, script);
        executable(script);
        Path jar = root.resolve("cli/target/jzmtp-cli.jar");
        Files.createDirectories(jar.getParent());
        Files.copy(REAL_JAR, jar);
        Path source = root.resolve("core/src/main/java/io/jzmtp/Changed.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Changed {}\n");
        Path pom = root.resolve("pom.xml");
        Files.writeString(pom, "<project/>\n");
        Path calls = root.resolve("mvn-calls.txt");
        Path mvn = root.resolve("fake-mvn");
        Files.writeString(mvn, "#!/bin/sh\necho \"$@\" >> '" + calls + "'\n"
                + "echo '[INFO] Building jzmtp core 0.1.0-SNAPSHOT                                 [2/8]'\n"
                + "cp '" + REAL_JAR + "' '" + jar + "'\n");
        executable(mvn);
        Map<String, String> env = Map.of("MVN", mvn.toString());
        Instant now = Instant.now();
        touch(source, now.minusSeconds(200));
        touch(pom, now.minusSeconds(200));
        touch(jar, now.minusSeconds(100));

        Launcher upToDate = runVersion(script, env);
        assertEquals("", upToDate.stderr(), "no build for an up-to-date jar");
        assertTrue(Files.notExists(calls));

        touch(source, Instant.now());
        Launcher rebuilt = runVersion(script, env);
        assertEquals(List.of("-B -DskipTests -pl cli -am package"), Files.readAllLines(calls));
        assertTrue(rebuilt.stderr().startsWith("jzmtp: building cli/target/jzmtp-cli.jar "
                + "(core/src/main/java/io/jzmtp/Changed.java changed)"), rebuilt.stderr());
        assertTrue(rebuilt.stderr().contains("\njzmtp:   [2/8] jzmtp core"), "a line per module: " + rebuilt.stderr());

        runVersion(script, env);
        assertEquals(1, Files.readAllLines(calls).size(), "built once: the new jar counts as up to date");

        Files.delete(jar);
        Launcher firstRun = runVersion(script, env);
        assertEquals(2, Files.readAllLines(calls).size());
        assertTrue(firstRun.stderr().startsWith("jzmtp: building cli/target/jzmtp-cli.jar (first run)"),
                firstRun.stderr());
    }

    @Test
    void aFailedBuildShowsMavensOutputAndExits1(@TempDir Path root) throws IOException {
        Path script = root.resolve("bin/jzmtp");
        Files.createDirectories(script.getParent());
        Files.copy(Launcher.SCRIPT, script);
        executable(script);
        Path mvn = root.resolve("fake-mvn");
        Files.writeString(mvn, "#!/bin/sh\necho '[ERROR] COMPILATION ERROR : Broken.java:[3,1] class expected'\n"
                + "exit 1\n");
        executable(mvn);
        try (Launcher run = Launcher.startScript(script, Map.of("MVN", mvn.toString()), "--version")) {
            run.closeInput();
            assertEquals(ExitStatus.FAILURE, run.awaitExit());
            assertTrue(run.stderr().contains("[ERROR] COMPILATION ERROR : Broken.java:[3,1] class expected"),
                    run.stderr());
            assertTrue(run.stderr().endsWith("jzmtp: the build failed; run '" + mvn
                    + " -B -DskipTests -pl cli -am package' in " + root + " to see why"), run.stderr());
        }
    }

    private static Launcher runVersion(Path script, Map<String, String> env) {
        Launcher run = Launcher.startScript(script, env, "--version");
        run.closeInput();
        assertEquals(ExitStatus.OK, run.awaitExit(), run.stderr());
        assertTrue(run.remainingLines().get(0).startsWith("jzmtp "), "the jar ran");
        return run;
    }

    private static void touch(Path file, Instant time) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(time));
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
