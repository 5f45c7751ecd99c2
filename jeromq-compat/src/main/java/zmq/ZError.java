package zmq;

/**
 * JeroMQ's error numbers, for programs that {@code import zmq.ZError}. The values are JeroMQ's own (BSD-style below
 * 156384712, libzmq's ZMQ_HAUSNUMERO offsets above it), not Linux errno: compiled callers inline them.
 */
public final class ZError {

    /** Not found, e.g. an endpoint to unbind. */
    public static final int ENOENT = 2;
    /** Interrupted while waiting. */
    public static final int EINTR = 4;
    /** Permission denied. */
    public static final int EACCESS = 13;
    /** A bad address (pointer). */
    public static final int EFAULT = 14;
    /** An invalid argument. */
    public static final int EINVAL = 22;
    /** Would block: try again later. */
    public static final int EAGAIN = 35;
    /** Started and not finished. */
    public static final int EINPROGRESS = 36;
    /** An endpoint's transport is unknown. */
    public static final int EPROTONOSUPPORT = 43;
    /** Not supported. */
    public static final int ENOTSUP = 45;
    /** A bind's address is taken. */
    public static final int EADDRINUSE = 48;
    /** A bind's address is not local. */
    public static final int EADDRNOTAVAIL = 49;
    /** The network is down. */
    public static final int ENETDOWN = 50;
    /** No buffer space. */
    public static final int ENOBUFS = 55;
    /** Already connected. */
    public static final int EISCONN = 56;
    /** Not connected. */
    public static final int ENOTCONN = 57;
    /** The peer refused the connection. */
    public static final int ECONNREFUSED = 61;
    /** No route to the peer (ROUTER_MANDATORY with an unknown routing id). */
    public static final int EHOSTUNREACH = 65;
    /** Cancelled; JeroMQ's only, with no {@code org.zeromq.ZMQ.Error} of its own. */
    public static final int ECANCELED = 125;

    private static final int HAUSNUMERO = 156384712;

    /** Not a socket: it was closed. */
    public static final int ENOTSOCK = HAUSNUMERO + 5;
    /** A message is too large. */
    public static final int EMSGSIZE = HAUSNUMERO + 10;
    /** The address family is not supported. */
    public static final int EAFNOSUPPORT = HAUSNUMERO + 11;
    /** The network is unreachable. */
    public static final int ENETUNREACH = HAUSNUMERO + 12;
    /** The connection was aborted. */
    public static final int ECONNABORTED = HAUSNUMERO + 13;
    /** The peer reset the connection. */
    public static final int ECONNRESET = HAUSNUMERO + 14;
    /** A connection timed out. */
    public static final int ETIMEDOUT = HAUSNUMERO + 16;
    /** The network dropped the connection. */
    public static final int ENETRESET = HAUSNUMERO + 18;
    /** Wrong state for the call (REQ/REP out of turn). */
    public static final int EFSM = HAUSNUMERO + 51;
    /** The transport does not suit the socket type. */
    public static final int ENOCOMPATPROTO = HAUSNUMERO + 52;
    /** The context was terminated. */
    public static final int ETERM = HAUSNUMERO + 53;
    /** No I/O thread available. */
    public static final int EMTHREAD = HAUSNUMERO + 54;
    /** An I/O exception. */
    public static final int EIOEXC = HAUSNUMERO + 105;
    /** A socket exception. */
    public static final int ESOCKET = HAUSNUMERO + 106;
    /** Too many sockets. */
    public static final int EMFILE = HAUSNUMERO + 107;
    /** A protocol error. */
    public static final int EPROTO = HAUSNUMERO + 108;

    private ZError() {
    }

    /** The description of {@code code}, as {@code org.zeromq.ZMQ.Error} gives it. */
    public static String toString(int code) {
        return org.zeromq.ZMQ.Error.findByCode(code).getMessage();
    }
}
