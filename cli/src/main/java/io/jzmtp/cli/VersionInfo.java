package io.jzmtp.cli;


import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** {@code jzmtp --version}: this build's version and what it runs on. */
final class VersionInfo {

    private VersionInfo() {
    }

    /** The project version this jar was built from, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String project() {
        Properties p = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }

    /** One line: {@code jzmtp 0.1.0 (ZMTP 3.1, Netty 4.2.18.Final, Java 17.0.15)}. */
    static String line() {
        io.netty.util.Version netty = io.netty.util.Version.identify().get("netty-transport");
        return "jzmtp " + project() + " (ZMTP 3.1, Netty " + (netty == null ? "?" : netty.artifactVersion())
                + ", Java " + System.getProperty("java.version") + ")";
    }
}
