package io.jzmtp.examples;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/example NAME [ARGS]}: runs one example program by its class name, or lists them all when the name is
 * missing or unknown (instead of a class-loading stack trace).
 */
public final class Examples {

    /** Every runnable example, in the order the README introduces them. */
    public static final List<String> NAMES = List.of("QuickStart", "MorePatterns", "PubSubTopics", "ReqRepRetry",
            "Pipeline", "RouterDealer", "PairJson", "PairFilter", "LargeArrays", "DetectionBroadcast");

    private Examples() {
    }

    public static void main(String[] args) throws Throwable {
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
