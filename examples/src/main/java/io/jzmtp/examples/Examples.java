package io.jzmtp.examples;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code bin/example NAME [ARGS]}: runs one example program by its class name, or lists them all when the name is
 * missing or unknown (instead of a class-loading stack trace).
 */
public final class Examples {

    /** Every runnable example, in the order the README introduces them. */
    public static final List<String> NAMES = List.of("QuickStart", "MorePatterns", "LocalTransports", "SecureChannel",
            "PubSubTopics", "ReqRepRetry", "Pipeline", "RouterDealer", "PairJson", "PairFilter", "LargeArrays",
            "DetectionBroadcast");

    /** Held, since java.util.logging keeps loggers only weakly and would forget the level set on it. */
    private static final Logger LIBRARY_LOG = Logger.getLogger("io.jzmtp");

    private Examples() {
    }

    public static void main(String[] args) throws Throwable {
        // The examples report connection events themselves, through monitors: the library's INFO notes about the
        // same events (a heartbeat timeout, say) would only interleave with their report. Warnings, about a peer
        // that broke the protocol, still show, as one line each.
        System.setProperty("java.util.logging.SimpleFormatter.format", "jzmtp: %4$s: %5$s%6$s%n");
        LIBRARY_LOG.setLevel(Level.WARNING);
        if (args.length == 0 || !NAMES.contains(args[0])) {
            System.err.println(args.length == 0 ? "usage: bin/example NAME [ARGS]"
                    : "bin/example: no example named '" + args[0] + "'");
            System.err.println("examples: " + String.join(" ", NAMES));
            System.exit(2);
        }
        MethodHandle main = MethodHandles.publicLookup().findStatic(
                Class.forName(Examples.class.getPackageName() + "." + args[0]), "main",
                MethodType.methodType(void.class, String[].class));
        main.invoke((Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
