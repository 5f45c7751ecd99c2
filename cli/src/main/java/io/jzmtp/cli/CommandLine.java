package io.jzmtp.cli;

import io.jzmtp.SocketType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parses {@code TYPE [OPTIONS]} into an {@link Invocation}, by the table in {@link CliOptions}. Options take their
 * value as the next argument or after {@code =} ({@code --count 5}, {@code --count=5}). Every mistake is a
 * {@link UsageException} that names it.
 */
final class CommandLine {

    private CommandLine() {
    }

    /** The socket types in the order the usage text lists them. */
    static final SocketType[] TYPES = {SocketType.PUB, SocketType.SUB, SocketType.XPUB, SocketType.XSUB,
        SocketType.PUSH, SocketType.PULL, SocketType.REQ, SocketType.REP, SocketType.DEALER, SocketType.ROUTER,
        SocketType.PAIR};

    static String cliName(SocketType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    static Invocation parse(String[] args) {
        if (args.length == 0) {
            throw new UsageException("missing the socket type (one of " + typeList() + ")");
        }
        Invocation inv = new Invocation(type(args[0]));
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "' (options start with --)");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            CliOptions.CliOption option = CliOptions.find(name);
            if (option == null) {
                throw new UsageException("unknown option '" + name + "' (see jzmtp --help)");
            }
            if (!option.types().contains(inv.type())) {
                throw new UsageException(name + " does not apply to " + inv.typeName() + " (only to "
                        + typeNames(option.types()) + ")");
            }
            String value = null;
            if (option.takesValue()) {
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException(name + " needs a value (" + option.valueName() + ")");
                }
            } else if (eq >= 0) {
                throw new UsageException(name + " takes no value");
            }
            option.action().accept(inv, value);
        }
        check(inv);
        return inv;
    }

    private static void check(Invocation inv) {
        if (inv.binds().isEmpty() && inv.connects().isEmpty()) {
            throw new UsageException("at least one --bind or --connect endpoint is required");
        }
        for (String endpoint : concat(inv.binds(), inv.connects())) {
            if (endpoint.startsWith("inproc://")) {
                throw new UsageException(endpoint + ": inproc:// reaches only sockets of the same process, and jzmtp "
                        + "runs one socket per process; use ipc:// (same machine) or tcp://");
            }
        }
        int endpoints = inv.binds().size() + inv.connects().size();
        if (inv.type() == SocketType.PAIR && endpoints > 1) {
            throw new UsageException("pair takes one --bind or --connect (a PAIR socket has one peer), got " + endpoints);
        }
        if (inv.reply() != null && inv.echo()) {
            throw new UsageException("--reply and --echo exclude each other");
        }
        inv.resolveSecurity();
        LineFormat format = inv.format(); // checks the delimiter
        if (inv.reply() != null) {
            try {
                format.frames(inv.reply());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--reply: " + e.getMessage());
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static SocketType type(String name) {
        for (SocketType t : TYPES) {
            if (cliName(t).equals(name)) {
                return t;
            }
        }
        throw new UsageException("unknown socket type '" + name + "' (expected one of " + typeList() + ")");
    }

    /** Every type's name, in usage order. */
    static String typeList() {
        return typeNames(Set.of(TYPES));
    }

    /** The names of {@code types}, in usage order, e.g. {@code sub xsub}. */
    static String typeNames(Set<SocketType> types) {
        return Arrays.stream(TYPES).filter(types::contains).map(CommandLine::cliName).collect(Collectors.joining(" "));
    }
}
