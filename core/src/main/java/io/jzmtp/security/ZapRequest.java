package io.jzmtp.security;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a PLAIN or CURVE server asks its {@link ZapHandler} about one client (RFC 27), with libzmq's values.
 *
 * @param domain      the server socket's ZAP_DOMAIN ("" if none was set)
 * @param address     the client's address, e.g. {@code 127.0.0.1}
 * @param routingId   the server socket's own routing id (libzmq sends this, not the client's)
 * @param mechanism   {@code NULL}, {@code PLAIN} or {@code CURVE}
 * @param credentials PLAIN: user name and password; CURVE: the client's 32-byte permanent public key; NULL: none
 */
public record ZapRequest(String domain, String address, byte[] routingId, String mechanism,
                         List<byte[]> credentials) {

    /** Copies the arrays. */
    public ZapRequest {
        routingId = routingId.clone();
        credentials = credentials.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] routingId() {
        return routingId.clone();
    }

    @Override
    public List<byte[]> credentials() {
        return credentials.stream().map(byte[]::clone).toList();
    }

    /** PLAIN's user name, or {@code null} for other mechanisms. */
    public String username() {
        return "PLAIN".equals(mechanism) ? new String(credentials.get(0), StandardCharsets.UTF_8) : null;
    }

    /** PLAIN's password, or {@code null} for other mechanisms. */
    public String password() {
        return "PLAIN".equals(mechanism) ? new String(credentials.get(1), StandardCharsets.UTF_8) : null;
    }

    /** CURVE's client public key in Z85, or {@code null} for other mechanisms. */
    public String clientKeyZ85() {
        return "CURVE".equals(mechanism) ? Z85.encode(credentials.get(0)) : null;
    }

    /** Shows who asks, never the password. */
    @Override
    public String toString() {
        String who = switch (mechanism) {
            case "PLAIN" -> ", user=" + username();
            case "CURVE" -> ", key=" + clientKeyZ85();
            default -> "";
        };
        return "ZapRequest[" + mechanism + " from " + address + ", domain='" + domain + "'" + who + "]";
    }
}
