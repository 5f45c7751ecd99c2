package org.zeromq;

/**
 * The socket types, with libzmq's numbers (which compiled JeroMQ programs inline). jzmtp implements the eleven
 * standard types; STREAM and the draft types exist here so that programs naming them compile, and creating such a
 * socket throws a {@link ZMQException} (ENOTSUP) that names the type.
 */
public enum SocketType {
    /** One peer, messages both ways. */
    PAIR(0, io.jzmtp.SocketType.PAIR),
    /** Sends each message to every subscriber whose subscription matches it. */
    PUB(1, io.jzmtp.SocketType.PUB),
    /** Receives the messages of its subscriptions; cannot send. */
    SUB(2, io.jzmtp.SocketType.SUB),
    /** Sends a request, then must receive its reply; load-balances requests. */
    REQ(3, io.jzmtp.SocketType.REQ),
    /** Receives a request, then must send its reply. */
    REP(4, io.jzmtp.SocketType.REP),
    /** Load-balances sends and fair-queues receives, with no envelope rules. */
    DEALER(5, io.jzmtp.SocketType.DEALER),
    /** Prefixes received messages with the sender's routing id and routes sends by the first frame. */
    ROUTER(6, io.jzmtp.SocketType.ROUTER),
    /** Fair-queues messages from its pushers; cannot send. */
    PULL(7, io.jzmtp.SocketType.PULL),
    /** Load-balances messages to its pullers; cannot receive. */
    PUSH(8, io.jzmtp.SocketType.PUSH),
    /** A PUB that also receives the subscriptions as messages. */
    XPUB(9, io.jzmtp.SocketType.XPUB),
    /** A SUB whose subscriptions are messages it sends. */
    XSUB(10, io.jzmtp.SocketType.XSUB),
    /** Raw TCP; not implemented by jzmtp: creating one throws ENOTSUP. */
    STREAM(11, null),
    /** Draft type; not implemented by jzmtp: creating one throws ENOTSUP. */
    CLIENT(12, null),
    /** Draft type; not implemented by jzmtp: creating one throws ENOTSUP. */
    SERVER(13, null),
    /** Draft type; not implemented by jzmtp: creating one throws ENOTSUP. */
    RADIO(14, null),
    /** Draft type; not implemented by jzmtp: creating one throws ENOTSUP. */
    DISH(15, null),
    /** Draft type; not implemented by jzmtp: creating one throws ENOTSUP. */
    CHANNEL(16, null),
    /** Draft type; not implemented by jzmtp: creating one throws ENOTSUP. */
    PEER(17, null),
    /** Draft type; not implemented by jzmtp: creating one throws ENOTSUP. */
    RAW(18, null),
    /** Draft type; not implemented by jzmtp: creating one throws ENOTSUP. */
    SCATTER(19, null),
    /** Draft type; not implemented by jzmtp: creating one throws ENOTSUP. */
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
                    + " PUB, SUB, REQ, REP, DEALER, ROUTER, PULL, PUSH, XPUB and XSUB are)",
                    ZMQ.Error.ENOTSUP.getCode());
        }
        return engineType;
    }
}
