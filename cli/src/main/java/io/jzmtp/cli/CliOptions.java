package io.jzmtp.cli;

import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static io.jzmtp.SocketType.DEALER;
import static io.jzmtp.SocketType.PAIR;
import static io.jzmtp.SocketType.PUB;
import static io.jzmtp.SocketType.PULL;
import static io.jzmtp.SocketType.PUSH;
import static io.jzmtp.SocketType.REP;
import static io.jzmtp.SocketType.REQ;
import static io.jzmtp.SocketType.ROUTER;
import static io.jzmtp.SocketType.SUB;
import static io.jzmtp.SocketType.XPUB;
import static io.jzmtp.SocketType.XSUB;

/**
 * The table of {@code jzmtp TYPE} options: each entry names its flag, its value, the socket types it makes sense for
 * and what it does to the {@link Invocation}. The parser and the usage text both read this table, so a new option
 * (security keys, ipc settings) is one more entry here and nothing else.
 */
final class CliOptions {

    /**
     * One option.
     *
     * @param name      the flag, e.g. {@code --bind}
     * @param valueName what follows it in the usage text, or {@code null} for a flag without a value
     * @param help      one line for the usage text
     * @param types     the socket types it applies to; any other is a usage error
     * @param action    applies the (already split off) value, {@code null} for flags
     */
    record CliOption(String name, String valueName, String help, Set<SocketType> types,
                     BiConsumer<Invocation, String> action) {
        boolean takesValue() {
            return valueName != null;
        }
    }

    private static final Set<SocketType> ALL = Collections.unmodifiableSet(EnumSet.allOf(SocketType.class));
    /** Types that receive and print messages. */
    static final Set<SocketType> RECEIVING = Collections.unmodifiableSet(
            EnumSet.of(SUB, XSUB, PULL, PAIR, DEALER, REQ, REP, ROUTER));
    /** Types that send what they read from stdin. */
    static final Set<SocketType> READING_STDIN = Collections.unmodifiableSet(
            EnumSet.of(PUB, PUSH, XPUB, PAIR, DEALER, REQ, ROUTER));

    private static final Map<String, CliOption> BY_NAME = new LinkedHashMap<>();

    static {
        // endpoints
        add("--bind", "EP", "bind to EP (repeatable), e.g. tcp://*:5555, tcp://127.0.0.1:* or ipc:///tmp/feed", ALL,
                Invocation::bind);
        add("--connect", "EP", "connect to EP (repeatable), e.g. tcp://localhost:5555 or ipc:///tmp/feed", ALL, Invocation::connect);
        // what to exchange
        add("--subscribe", "PREFIX", "subscribe to PREFIX (repeatable; none = everything)", EnumSet.of(SUB, XSUB),
                Invocation::subscribe);
        add("--count", "N", "exit 0 after N messages received, N replies (req) or N sent (senders)", ALL,
                (inv, v) -> inv.count(positive("--count", v)));
        add("--timeout", "MS", "exit 3 when no message arrives for MS milliseconds", RECEIVING,
                (inv, v) -> inv.timeout(Duration.ofMillis(positive("--timeout", v))));
        add("--delimiter", "STR", "separates the frames of a message on a line (default TAB; \\t also means TAB)",
                ALL, (inv, v) -> inv.delimiter(v.replace("\\t", "\t")));
        flag("--hex", "frames are lower-case hex instead of UTF-8 text, in and out", ALL,
                inv -> inv.hex(true));
        flag("--quiet", "do not print received messages", RECEIVING, inv -> inv.quiet(true));
        add("--identity", "TEXT", "this socket's routing id", ALL,
                (inv, v) -> inv.set("--identity", v, SocketOption.ROUTING_ID, v.getBytes(StandardCharsets.UTF_8)));
        add("--reply", "TEXT", "answer every request with TEXT (a line: frames split on the delimiter)",
                EnumSet.of(REP), Invocation::reply);
        flag("--echo", "answer with what was received (rep's default)", EnumSet.of(REP, ROUTER),
                inv -> inv.echo(true));
        add("--interval", "MS", "pause between sends", READING_STDIN,
                (inv, v) -> inv.interval(Duration.ofMillis(nonNegative("--interval", v))));
        // socket options, as in libzmq
        duration("--heartbeat-ivl", "send a ZMTP PING every MS (0 = off)", SocketOption.HEARTBEAT_IVL, false);
        duration("--heartbeat-timeout", "close a connection silent for MS after a PING", SocketOption.HEARTBEAT_TIMEOUT,
                false);
        duration("--heartbeat-ttl", "ask the peer to close if it hears nothing from us for MS",
                SocketOption.HEARTBEAT_TTL, false);
        duration("--reconnect-ivl", "wait MS before reconnecting (-1 = never reconnect)", SocketOption.RECONNECT_IVL,
                true);
        duration("--reconnect-ivl-max", "back off reconnects up to MS (0 = no back-off)",
                SocketOption.RECONNECT_IVL_MAX, false);
        duration("--handshake-ivl", "drop a connection whose handshake is not done within MS (0 = never; default 30000)",
                SocketOption.HANDSHAKE_IVL, false);
        integer("--sndhwm", "queue at most N outgoing messages per peer", SocketOption.SNDHWM);
        integer("--rcvhwm", "queue at most N incoming messages per peer", SocketOption.RCVHWM);
        duration("--linger", "on exit, wait at most MS to deliver what is queued (-1 = forever; default 30000)",
                SocketOption.LINGER, true);
        add("--maxmsgsize", "BYTES", "drop peers that send a frame or message larger than BYTES (-1 = no limit)", ALL,
                (inv, v) -> inv.set("--maxmsgsize", v, SocketOption.MAXMSGSIZE, atLeastMinusOne("--maxmsgsize", v)));
        // security: PLAIN (RFC 24), CURVE (RFC 26), with ZAP (RFC 27) deciding whom a server lets in
        add("--plain-username", "USER", "be a PLAIN client logging in as USER", ALL,
                (inv, v) -> inv.securityOptions().plainUsername(v));
        add("--plain-password", "PASS", "the PLAIN client's password", ALL,
                (inv, v) -> inv.securityOptions().plainPassword(v));
        flag("--plain-server", "be a PLAIN server letting in the users of --plain-users", ALL,
                inv -> inv.securityOptions().plainServer());
        add("--plain-users", "FILE", "the PLAIN server's users: user=password lines, # comments", ALL,
                (inv, v) -> inv.securityOptions().plainUsers(v));
        flag("--curve-server", "be a CURVE server (with --curve-secretkey or --cert)", ALL,
                inv -> inv.securityOptions().curveServer());
        add("--curve-allow", "DIR|any", "let in CURVE clients with a certificate in DIR, or any (default: any that "
                + "knows our key)", ALL, (inv, v) -> inv.securityOptions().curveAllow(v));
        add("--curve-serverkey", "KEY", "be a CURVE client of the server with this public key (40 Z85 characters)",
                ALL, (inv, v) -> inv.securityOptions().curveServerKey(v));
        add("--curve-secretkey", "KEY", "this socket's CURVE secret key (see jzmtp keygen)", ALL,
                (inv, v) -> inv.securityOptions().curveSecretKey(v));
        add("--curve-publickey", "KEY", "this socket's CURVE public key (optional: derived from the secret key)",
                ALL, (inv, v) -> inv.securityOptions().curvePublicKey(v));
        add("--cert", "FILE", "this socket's CURVE key pair from a secret certificate (jzmtp keygen --out)", ALL,
                (inv, v) -> inv.securityOptions().certificate(v));
        add("--zap-domain", "DOMAIN", "the ZAP domain of a PLAIN or CURVE server's authentication requests", ALL,
                (inv, v) -> inv.securityOptions().zapDomain(v));
        flag("--verbose", "connection events (listening, connected, handshake, disconnected + reason) on stderr",
                ALL, inv -> inv.verbose(true));
    }

    private CliOptions() {
    }

    /** The option named {@code name}, or {@code null}. */
    static CliOption find(String name) {
        return BY_NAME.get(name);
    }

    /** Every option, in usage order. */
    static List<CliOption> all() {
        return List.copyOf(BY_NAME.values());
    }

    private static void add(String name, String valueName, String help, Set<SocketType> types,
                            BiConsumer<Invocation, String> action) {
        BY_NAME.put(name, new CliOption(name, valueName, help, types, action));
    }

    private static void flag(String name, String help, Set<SocketType> types,
                             Consumer<Invocation> action) {
        BY_NAME.put(name, new CliOption(name, null, help, types, (inv, unused) -> action.accept(inv)));
    }

    private static void duration(String name, String help, SocketOption<Duration> option, boolean minusOneIsInfinite) {
        add(name, "MS", help, ALL, (inv, v) -> {
            long ms = minusOneIsInfinite ? atLeastMinusOne(name, v) : nonNegative(name, v);
            inv.set(name, v, option, ms < 0 ? SocketOption.INFINITE : Duration.ofMillis(ms));
        });
    }

    private static void integer(String name, String help, SocketOption<Integer> option) {
        add(name, "N", help, ALL, (inv, v) -> inv.set(name, v, option, (int) Math.min(Integer.MAX_VALUE,
                nonNegative(name, v))));
    }

    static long positive(String name, String value) {
        long n = number(name, value);
        if (n < 1) {
            throw new UsageException(name + " must be at least 1, got '" + value + "'");
        }
        return n;
    }

    static long nonNegative(String name, String value) {
        long n = number(name, value);
        if (n < 0) {
            throw new UsageException(name + " must not be negative, got '" + value + "'");
        }
        return n;
    }

    private static long atLeastMinusOne(String name, String value) {
        long n = number(name, value);
        if (n < -1) {
            throw new UsageException(name + " must be -1 or more, got '" + value + "'");
        }
        return n;
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, got '" + value + "'");
        }
    }
}
