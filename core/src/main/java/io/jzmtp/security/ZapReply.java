package io.jzmtp.security;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link ZapHandler}'s answer (RFC 27). Status 200 lets the client in; its user id reaches the application as the
 * message property {@code User-Id} and each metadata entry as a property of its own, as in libzmq. 300 (try later)
 * closes the connection without an ERROR; 400 (refused) and 500 (handler failure) send ERROR with the code.
 *
 * @param statusCode 200, 300, 400 or 500
 * @param statusText a reason for logs, not sent to the client
 * @param userId     who the client is (200 only); "" for nobody in particular
 * @param metadata   extra properties for the connection (200 only); names of 1..255 ASCII characters
 */
public record ZapReply(int statusCode, String statusText, String userId, Map<String, String> metadata) {

    /** Checks the status and copies the metadata. */
    public ZapReply {
        if (statusCode != 200 && statusCode != 300 && statusCode != 400 && statusCode != 500) {
            throw new IllegalArgumentException("ZAP status must be 200, 300, 400 or 500, not " + statusCode);
        }
        Objects.requireNonNull(statusText, "statusText");
        Objects.requireNonNull(userId, "userId");
        metadata = Map.copyOf(metadata);
        for (String name : metadata.keySet()) {
            if (name.isEmpty() || name.length() > 255 || !StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
                throw new IllegalArgumentException("ZAP metadata names are 1 to 255 ASCII characters: '" + name + "'");
            }
        }
    }

    /** Lets the client in as {@code userId}. */
    public static ZapReply allow(String userId) {
        return new ZapReply(200, "OK", userId, Map.of());
    }

    /** Refuses the client (status 400); {@code why} goes to the logs. */
    public static ZapReply deny(String why) {
        return new ZapReply(400, why, "", Map.of());
    }

    /** Whether the client may come in. */
    public boolean allowed() {
        return statusCode == 200;
    }
}
