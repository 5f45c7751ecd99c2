package io.jzmtp.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A modular application ({@code module app { requires io.jzmtp.patterns; }}) compiled and run on the module path
 * with nothing but jzmtp's and Netty's jars: the module names resolve, Netty comes along as jzmtp's transitive
 * requirement, and the {@code tcp://} transport is found through its service.
 */
class ModularAppIT {

    private static final String MODULE_INFO = "module app {\n    requires io.jzmtp.patterns;\n}\n";
    private static final String MAIN = """
            package app;

            import io.jzmtp.Context;
            import io.jzmtp.Socket;
            import io.jzmtp.SocketOption;
            import io.jzmtp.SocketType;
            import io.jzmtp.msg.Message;

            import java.time.Duration;

            public class Main {
                public static void main(String[] args) {
                    try (Context ctx = Context.create();
                         Socket pull = ctx.socket(SocketType.PULL);
                         Socket push = ctx.socket(SocketType.PUSH)) {
                        push.connect(pull.bind("tcp://127.0.0.1:*"));
                        push.send(Message.of("hello"));
                        pull.set(SocketOption.RCVTIMEO, Duration.ofSeconds(10));
                        try (Message m = pull.receive()) {
                            System.out.print(m.first().toUtf8() + " from a " + m.metadata().socketType().orElse("?")
                                    + " in module " + Socket.class.getModule().getName()
                                    + (ctx.usesEpoll() ? " over epoll" : " over NIO"));
                        }
                        // the other transports: ipc through its service module, inproc built in
                        for (String endpoint : new String[] {"ipc://*", "inproc://modular"}) {
                            try (Socket in = ctx.socket(SocketType.PULL); Socket out = ctx.socket(SocketType.PUSH)) {
                                in.set(SocketOption.RCVTIMEO, Duration.ofSeconds(10));
                                out.connect(in.bind(endpoint));
                                out.send(Message.of(endpoint.substring(0, endpoint.indexOf(':'))));
                                try (Message m = in.receive()) {
                                    System.out.print(", " + m.first().toUtf8());
                                }
                            }
                        }
                        System.out.println();
                    }
                }
            }
            """;

    @Test
    void aModularAppRequiringPatternsRunsOnTheModulePath(@TempDir Path dir) throws Exception {
        String modulePath = String.join(File.pathSeparator, moduleJars());
        Path src = dir.resolve("src/app");
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(src.resolve("app/Main.java"), MAIN);
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, diagnostics, diagnostics, "--release", "17", "--module-path", modulePath, "-d",
                classes.toString(), src.resolve("module-info.java").toString(), src.resolve("app/Main.java").toString());
        assertEquals(0, compiled, diagnostics.toString(StandardCharsets.UTF_8));

        String output = run(List.of("--module-path", classes + File.pathSeparator + modulePath, "--module",
                "app/app.Main"));
        assertEquals("hello from a PUSH in module io.jzmtp.patterns over NIO, ipc, inproc", output);

        // Netty's native epoll is a module of its own that nothing requires: added, it is used.
        String withEpoll = run(List.of("--module-path", classes + File.pathSeparator + modulePath, "--add-modules",
                "io.netty.transport.epoll.linux.x86_64", "--module", "app/app.Main"));
        assertEquals("hello from a PUSH in module io.jzmtp.patterns over epoll, ipc, inproc", withEpoll);
    }

    /** jzmtp's module jars and its dependencies' (Netty, BouncyCastle), from this test's class path. */
    private static List<String> moduleJars() {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            boolean jzmtp = name.startsWith("jzmtp-core-") || name.startsWith("jzmtp-transport-tcp-")
                    || name.startsWith("jzmtp-transport-ipc-") || name.startsWith("jzmtp-patterns-");
            boolean dependency = name.startsWith("netty-") || name.startsWith("bcprov-");
            if ((jzmtp || dependency) && name.endsWith(".jar") && !name.contains("-tests")) {
                jars.add(entry);
            }
        }
        assertTrue(jars.stream().anyMatch(j -> j.contains("jzmtp-patterns-")), "jzmtp's jars are on the class path: "
                + Arrays.toString(System.getProperty("java.class.path").split(File.pathSeparator)));
        return jars;
    }

    private static String run(List<String> javaArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(javaArgs);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the modular app did not finish within 60 s: " + command);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), output);
        return output;
    }
}
