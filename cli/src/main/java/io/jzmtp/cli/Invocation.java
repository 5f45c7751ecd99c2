package io.jzmtp.cli;

import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One parsed {@code jzmtp TYPE [OPTIONS]} command: the socket type, its endpoints, how lines map to messages, when to
 * stop, and the socket options to set before the first bind or connect. Filled in by {@link CommandLine} through the
 * option table ({@link CliOptions}), read by the {@link Session}.
 */
final class Invocation {

    /** A socket option from the command line, with the flag that set it for error messages. */
    record SocketSetting<T>(String flag, String text, SocketOption<T> option, T value) {
        void applyTo(Socket socket) {
            try {
                socket.set(option, value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(flag + " " + text + ": " + e.getMessage());
            }
        }

        /** The flag and its text: a secret's text is {@link SecurityOptions#HIDDEN}, and its value never shown. */
        @Override
        public String toString() {
            return flag + " " + text;
        }
    }

    private final SocketType type;
    private final List<String> binds = new ArrayList<>();
    private final List<String> connects = new ArrayList<>();
    private final List<String> subscriptions = new ArrayList<>();
    private final List<SocketSetting<?>> settings = new ArrayList<>();
    private long count;
    private Duration timeout;
    private String delimiter = "\t";
    private boolean hex;
    private boolean quiet;
    private String reply;
    private boolean echo;
    private Duration interval = Duration.ZERO;
    private boolean verbose;
    private final SecurityOptions securityOptions = new SecurityOptions();
    private Security security = Security.NULL;

    Invocation(SocketType type) {
        this.type = type;
    }

    SocketType type() {
        return type;
    }

    /** The type as typed on the command line, e.g. {@code pub}. */
    String typeName() {
        return CommandLine.cliName(type);
    }

    List<String> binds() {
        return binds;
    }

    List<String> connects() {
        return connects;
    }

    /** SUB/XSUB prefixes; empty means everything. */
    List<String> subscriptions() {
        return subscriptions;
    }

    List<SocketSetting<?>> settings() {
        return settings;
    }

    /** Stop after this many messages (received, replies, or sent, by role); 0 = no limit. */
    long count() {
        return count;
    }

    /** Whether a run that has done {@code done} messages (by role) goes on: {@code --count} is not reached yet. */
    boolean wantsMore(long done) {
        return count == 0 || done < count;
    }

    /** Give up (exit 3) when nothing arrives for this long; {@code null} = wait forever. */
    Duration timeout() {
        return timeout;
    }

    LineFormat format() {
        return new LineFormat(delimiter, hex);
    }

    boolean quiet() {
        return quiet;
    }

    /** REP's fixed answer as a line, or {@code null} to echo. */
    String reply() {
        return reply;
    }

    boolean echo() {
        return echo;
    }

    Duration interval() {
        return interval;
    }

    boolean verbose() {
        return verbose;
    }

    /** The PLAIN, CURVE and ZAP options as given, for the option table to fill in. */
    SecurityOptions securityOptions() {
        return securityOptions;
    }

    /** The mechanism the socket uses, once {@link #resolveSecurity} has checked the options. */
    Security security() {
        return security;
    }

    /** Checks the security options together (reading the files they name) and keeps the result. */
    void resolveSecurity() {
        security = securityOptions.resolve();
    }

    void bind(String endpoint) {
        binds.add(endpoint);
    }

    void connect(String endpoint) {
        connects.add(endpoint);
    }

    void subscribe(String prefix) {
        subscriptions.add(prefix);
    }

    <T> void set(String flag, String text, SocketOption<T> option, T value) {
        settings.add(new SocketSetting<>(flag, text, option, value));
    }

    void count(long n) {
        this.count = n;
    }

    void timeout(Duration d) {
        this.timeout = d;
    }

    void delimiter(String d) {
        this.delimiter = d;
    }

    void hex(boolean on) {
        this.hex = on;
    }

    void quiet(boolean on) {
        this.quiet = on;
    }

    void reply(String line) {
        this.reply = line;
    }

    void echo(boolean on) {
        this.echo = on;
    }

    void interval(Duration d) {
        this.interval = d;
    }

    void verbose(boolean on) {
        this.verbose = on;
    }
}
