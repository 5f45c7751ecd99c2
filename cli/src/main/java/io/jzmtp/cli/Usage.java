package io.jzmtp.cli;

import io.jzmtp.SocketType;

import java.util.Set;

/** The {@code jzmtp --help} text, generated from the option table so it cannot drift from the parser. */
final class Usage {

    private Usage() {
    }

    static String text() {
        StringBuilder s = new StringBuilder();
        s.append("""
                usage: jzmtp TYPE [OPTIONS]        TYPE: %s
                       jzmtp keygen [--out BASE]   a CURVE key pair: printed, or saved as BASE and BASE_secret
                       jzmtp demo                  the guided tour: the classic ZeroMQ programs, verified
                       jzmtp bench [ARGS]          benchmarks (jzmtp bench --help)
                       jzmtp --version             this build's version

                Senders (pub push xpub) send one message per stdin line; receivers (sub xsub pull) print one line
                per message; pair, dealer and router do both; req prints the reply to each line; rep prints each
                request and answers it. Frames of a message are joined by the delimiter (TAB).
                A sender whose messages could not all be delivered (within --linger) says how many and why.
                Security: PLAIN (user name and password, in clear) or CURVE (encrypted; keys are 40 Z85 characters,
                jzmtp keygen makes a pair). A CURVE server without --curve-allow lets in any client that knows its
                public key, as libzmq does without a ZAP handler. A client its server refuses exits 1 at --timeout.
                Exit status: 0 done, 1 runtime failure or undelivered messages, 2 usage error, 3 timeout.

                options:
                """.formatted(CommandLine.typeList()));
        for (CliOptions.CliOption option : CliOptions.all()) {
            String flag = option.takesValue() ? option.name() + " " + option.valueName() : option.name();
            s.append(String.format("  %-26s %s%s%n", flag, option.help(), typesNote(option.types())));
        }
        s.append("""

                examples:
                  jzmtp sub --connect tcp://localhost:5556 --subscribe detection
                  printf 'hello\\n' | jzmtp req --connect tcp://localhost:5555 --timeout 2000
                  jzmtp rep --bind 'tcp://*:5555' --reply world --verbose
                  jzmtp pull --bind ipc:///tmp/jobs --count 10
                  jzmtp keygen --out server; jzmtp keygen --out client
                  jzmtp rep --bind 'tcp://*:5555' --curve-server --cert server_secret --curve-allow any
                  jzmtp req --connect tcp://localhost:5555 --cert client_secret --curve-serverkey SERVER_PUBLIC_KEY
                """);
        return s.toString();
    }

    private static String typesNote(Set<SocketType> types) {
        if (types.size() == SocketType.values().length) {
            return "";
        }
        return " [" + CommandLine.typeNames(types) + "]";
    }
}
