package org.zeromq;

/**
 * The socket types, with libzmq's numbers (which compiled JeroMQ programs inline). jzmtp implements the eleven
 * standard types; STREAM and the draft types exist here so that programs naming them compile, and creating such a
 * socket throws a {@link ZMQException} (ENOTSUP) that names the type.
 */
public enum SocketType {
    PAIR(0, io.jzmtp.SocketType.PAIR),
    PUB(1, io.jzmtp.SocketType.PUB),
    SUB(2, io.jzmtp.SocketType.SUB),
    REQ(3, io.jzmtp.SocketType.REQ),
    REP(4, io.jzmtp.SocketType.REP),
    DEALER(5, io.jzmtp.SocketType.DEALER),
    ROUTER(6, io.jzmtp.SocketType.ROUTER),
    PULL(7, io.jzmtp.SocketType.PULL),
    PUSH(8, io.jzmtp.SocketType.PUSH),
    XPUB(9, io.jzmtp.SocketType.XPUB),
    XSUB(10, io.jzmtp.SocketType.XSUB),
    STREAM(11, null),
    CLIENT(12, null),
    SERVER(13, null),
    RADIO(14, null),
    DISH(15, null),
    CHANNEL(16, null),
    PEER(17, null),
    RAW(18, null),
    SCATTER(19, null),
    GATHER(20, null);

    /** The libzmq number of this type. */
    public final int type;
    private final io.jzmtp.SocketType engineType;

    SocketType(int type, io.jzmtp.SocketType engineType) {
        this.type = type;
        this.engineType = engineType;
    }

    /** The libzmq number of this type. */
    public int type() {
        return type;
    }

    /** The type numbered {@code baseType}; an unknown number throws {@link IllegalArgumentException}. */
    public static SocketType type(int baseType) {
        for (SocketType t : values()) {
            if (t.type == baseType) {
                return t;
            }
        }
        throw new IllegalArgumentException("no socket type has the number " + baseType);
    }

    /** The jzmtp type behind this one; throws ENOTSUP for the types jzmtp does not implement. */
    io.jzmtp.SocketType engineType() {
        if (engineType == null) {
            throw new ZMQException("socket type " + name() + " is not supported by jzmtp (the standard types PAIR,"
                    + " PUB, SUB, REQ, REP, DEALER, ROUTER, PULL, PUSH, XPUB and XSUB are)", ZMQ.Error.ENOTSUP.getCode());
        }
        return engineType;
    }
}
