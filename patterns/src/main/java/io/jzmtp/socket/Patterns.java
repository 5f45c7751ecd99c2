package io.jzmtp.socket;

import io.jzmtp.SocketType;

/** Creates the {@link Pattern} of a socket type. */
public final class Patterns {

    private Patterns() {
    }

    /**
     * A fresh pattern for {@code type}.
     *
     * @throws UnsupportedOperationException for a type jzmtp does not implement yet
     */
    public static Pattern create(SocketType type, PatternOptions options) {
        java.util.Objects.requireNonNull(options, "options");
        switch (type) {
            case PAIR:
                return new PairSocket();
            case PUSH:
                return new PushSocket();
            case PULL:
                return new PullSocket(options);
            case PUB:
                return new PubSocket(options);
            case XPUB:
                return new XPubSocket(options);
            case SUB:
                return new SubSocket(options);
            case XSUB:
                return new XSubSocket(options);
            case REQ:
                return new ReqSocket(options);
            case REP:
                return new RepSocket();
            case DEALER:
                return new DealerSocket(options);
            case ROUTER:
                return new RouterSocket(options);
            default:
                throw new UnsupportedOperationException("socket type " + type + " is not implemented yet (available:"
                        + " PAIR, PUSH, PULL, PUB, SUB, XPUB, XSUB, REQ, REP, DEALER, ROUTER)");
        }
    }
}
