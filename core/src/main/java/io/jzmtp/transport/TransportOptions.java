package io.jzmtp.transport;

import java.util.Map;
import java.util.Objects;

/**
 * Socket options a transport may apply to its connections, by libzmq's option name ({@code SNDBUF}, {@code RCVBUF},
 * {@code BACKLOG}, {@code TCP_KEEPALIVE}, {@code CONNECT_TIMEOUT}, …): each transport reads the ones that mean
 * something to it and ignores the rest, so the core knows no transport's options. Integer values follow libzmq's
 * convention: -1 keeps the operating system's default.
 *
 * @param values the options set, by name; missing ones take {@link #get}'s default
 */
public record TransportOptions(Map<String, Integer> values) {

    /** No option set: every transport uses libzmq's defaults. */
    public static final TransportOptions DEFAULTS = new TransportOptions(Map.of());

    /** Copies {@code values}. */
    public TransportOptions {
        values = Map.copyOf(Objects.requireNonNull(values, "values"));
    }

    /** The value of option {@code name}, or {@code defaultValue} when it was not given. */
    public int get(String name, int defaultValue) {
        Integer v = values.get(name);
        return v == null ? defaultValue : v;
    }
}
