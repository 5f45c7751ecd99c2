package io.jzmtp.transport.tcp;

import io.jzmtp.transport.Endpoint;

import java.util.Objects;

/**
 * A {@code tcp://host:port} endpoint. {@code host} may be {@code *} (all interfaces; bind only), an IPv4 address, an
 * IPv6 address (written in brackets), or a name resolved at every connect. {@code port} may be {@code *} or 0
 * (ephemeral; bind only).
 *
 * @param host the host without brackets, or {@code *}
 * @param port 0..65535; 0 for an ephemeral port
 */
public record TcpEndpoint(String host, int port) implements Endpoint {

    /** The wildcard host. */
    public static final String ANY_HOST = "*";

    public TcpEndpoint {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Parses {@code tcp://host:port}.
     *
     * @throws IllegalArgumentException quoting the endpoint and saying what is wrong
     */
    public static TcpEndpoint parse(String endpoint) {
        String prefix = "tcp://";
        if (endpoint == null || !endpoint.startsWith(prefix)) {
            throw invalid(endpoint, "expected tcp://host:port");
        }
        String rest = endpoint.substring(prefix.length());
        String host;
        String portText;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw invalid(endpoint, "IPv6 address is missing its closing ']'");
            }
            host = rest.substring(1, close);
            if (host.isEmpty() || !host.contains(":")) {
                throw invalid(endpoint, "'[" + host + "]' is not an IPv6 address");
            }
            if (close + 1 >= rest.length() || rest.charAt(close + 1) != ':') {
                throw invalid(endpoint, "missing ':port' after the IPv6 address");
            }
            portText = rest.substring(close + 2);
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon < 0) {
                throw invalid(endpoint, "missing ':port' (expected tcp://host:port)");
            }
            host = rest.substring(0, colon);
            portText = rest.substring(colon + 1);
            if (host.contains(":")) {
                throw invalid(endpoint, "IPv6 addresses must be written in brackets, e.g. tcp://[::1]:5555");
            }
        }
        if (host.isEmpty()) {
            throw invalid(endpoint, "missing host (use * to bind all interfaces)");
        }
        if (host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == ';')) {
            throw invalid(endpoint, "host '" + host + "' contains characters not allowed in a host");
        }
        return new TcpEndpoint(host, parsePort(endpoint, portText));
    }

    private static int parsePort(String endpoint, String text) {
        if (text.equals("*")) {
            return 0;
        }
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            throw invalid(endpoint, "port '" + text + "' is not a number from 0 to 65535 or *");
        }
        int port = Integer.parseInt(text);
        if (port > 65535) {
            throw invalid(endpoint, "port " + port + " is out of range (0..65535)");
        }
        return port;
    }

    private static IllegalArgumentException invalid(String endpoint, String why) {
        return new IllegalArgumentException("invalid endpoint '" + endpoint + "': " + why);
    }

    @Override
    public String scheme() {
        return "tcp";
    }

    /** Whether the host is the {@code *} wildcard. */
    public boolean isAnyHost() {
        return ANY_HOST.equals(host);
    }

    @Override
    public boolean isConnectable() {
        return !isAnyHost() && port != 0;
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "tcp://" + h + ":" + (port == 0 ? "*" : Integer.toString(port));
    }
}
