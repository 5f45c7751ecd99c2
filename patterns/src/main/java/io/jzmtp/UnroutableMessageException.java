package io.jzmtp;

import java.util.HexFormat;

/**
 * A ROUTER with {@link SocketOption#ROUTER_MANDATORY} was asked to send to a routing id that no connected peer has
 * (libzmq's {@code EHOSTUNREACH}). The message was not sent: the caller still owns it.
 */
public final class UnroutableMessageException extends RuntimeException {

    private final byte[] routingId;

    /** Creates the exception for {@code routingId}, naming it in hex. */
    public UnroutableMessageException(byte[] routingId) {
        super("no peer has routing id " + hex(routingId) + " (" + routingId.length + " bytes);"
                + " ROUTER_MANDATORY is set, so the message was not sent");
        this.routingId = routingId.clone();
    }

    /** The routing id that reached no peer (a copy). */
    public byte[] routingId() {
        return routingId.clone();
    }

    private static String hex(byte[] id) {
        if (id.length == 0) {
            return "<empty>";
        }
        return "0x" + HexFormat.of().formatHex(id);
    }
}
