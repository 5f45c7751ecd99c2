package org.zeromq;

import io.jzmtp.SocketOption;

import java.time.Duration;

/**
 * JeroMQ's socket options in JeroMQ's units (milliseconds as int, -1 for "forever", 0 for "the OS default" buffer
 * sizes, the inverted IMMEDIATE) over jzmtp's typed {@link SocketOption}s. Options jzmtp has no use for (pgm's, TOS,
 * affinity) are kept here so that their getters return what was set, as JeroMQ's do. A setter returns false after
 * the context was terminated, as in JeroMQ; an illegal value throws {@link IllegalArgumentException}.
 */
final class SocketOptionBridge {

    /** What linger -1 ("forever") waits at most: a term never hangs on a peer that is gone. */
    static final Duration FOREVER_LINGER = Duration.ofSeconds(30);

    private final SocketCore socket;
    private final io.jzmtp.Socket engine;
    private volatile int linger;
    private volatile boolean routerMandatory;
    private volatile boolean ipv6;
    private volatile int tos;
    private volatile long affinity;
    private volatile long rate = 100;
    private volatile long recoveryInterval = 10_000;
    private volatile long multicastHops = 1;
    private volatile boolean multicastLoop = true;
    private volatile byte[] heartbeatContext = new byte[0];

    SocketOptionBridge(SocketCore socket, int linger) {
        this.socket = socket;
        this.engine = socket.engine();
        this.ipv6 = socket.context().isIpv6();
        linger(linger);
    }

    private <T> boolean set(SocketOption<T> option, T value) {
        if (socket.terminated()) {
            socket.errno(ZMQ.Error.ETERM.getCode());
            return false;
        }
        try {
            engine.set(option, value);
            return true;
        } catch (io.jzmtp.SocketClosedException e) {
            throw socket.failure(e);
        }
    }

    private static Duration duration(int millis) {
        return millis < 0 ? SocketOption.INFINITE : Duration.ofMillis(millis);
    }

    private static int millis(Duration d) {
        return d.equals(SocketOption.INFINITE) ? -1 : (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    int linger() {
        return linger;
    }

    boolean linger(int millis) {
        boolean set = set(SocketOption.LINGER, millis < 0 ? FOREVER_LINGER : Duration.ofMillis(millis));
        if (set) {
            linger = Math.max(-1, millis);
        }
        return set;
    }

    int sndHwm() {
        return engine.get(SocketOption.SNDHWM);
    }

    boolean sndHwm(int value) {
        return set(SocketOption.SNDHWM, value);
    }

    int rcvHwm() {
        return engine.get(SocketOption.RCVHWM);
    }

    boolean rcvHwm(int value) {
        return set(SocketOption.RCVHWM, value);
    }

    int receiveTimeout() {
        return millis(engine.get(SocketOption.RCVTIMEO));
    }

    boolean receiveTimeout(int millis) {
        return set(SocketOption.RCVTIMEO, duration(millis));
    }

    int sendTimeout() {
        return millis(engine.get(SocketOption.SNDTIMEO));
    }

    boolean sendTimeout(int millis) {
        return set(SocketOption.SNDTIMEO, duration(millis));
    }

    byte[] identity() {
        return engine.get(SocketOption.ROUTING_ID);
    }

    boolean identity(byte[] identity) {
        return set(SocketOption.ROUTING_ID, identity);
    }

    boolean connectRid(byte[] rid) {
        return set(SocketOption.CONNECT_ROUTING_ID, rid);
    }

    /** JeroMQ's sense: true = attach at connect, which is libzmq's IMMEDIATE=0. */
    boolean immediate() {
        return !engine.get(SocketOption.IMMEDIATE);
    }

    boolean immediate(boolean jeromqImmediate) {
        return set(SocketOption.IMMEDIATE, !jeromqImmediate);
    }

    int reconnectIvl() {
        return millis(engine.get(SocketOption.RECONNECT_IVL));
    }

    /** Milliseconds; -1 = never reconnect. */
    boolean reconnectIvl(int millis) {
        if (millis < -1) {
            throw new IllegalArgumentException("reconnect interval must be -1 (never) or >= 0 ms, got " + millis);
        }
        return set(SocketOption.RECONNECT_IVL, duration(millis));
    }

    int reconnectIvlMax() {
        return millis(engine.get(SocketOption.RECONNECT_IVL_MAX));
    }

    boolean reconnectIvlMax(int millis) {
        return set(SocketOption.RECONNECT_IVL_MAX, Duration.ofMillis(millis));
    }

    int backlog() {
        return engine.get(SocketOption.BACKLOG);
    }

    boolean backlog(int value) {
        return set(SocketOption.BACKLOG, value);
    }

    int handshakeIvl() {
        Duration d = engine.get(SocketOption.HANDSHAKE_IVL);
        return d.equals(SocketOption.INFINITE) ? 0 : millis(d);
    }

    /** Milliseconds; 0 = no limit, as in JeroMQ and libzmq. */
    boolean handshakeIvl(int millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("handshake interval must be >= 0 ms (0 = no limit), got " + millis);
        }
        return set(SocketOption.HANDSHAKE_IVL, millis == 0 ? SocketOption.INFINITE : Duration.ofMillis(millis));
    }

    int heartbeatIvl() {
        return millis(engine.get(SocketOption.HEARTBEAT_IVL));
    }

    boolean heartbeatIvl(int millis) {
        return set(SocketOption.HEARTBEAT_IVL, Duration.ofMillis(millis));
    }

    /** -1 (the default) = the heartbeat interval, as jzmtp's zero. */
    int heartbeatTimeout() {
        Duration d = engine.get(SocketOption.HEARTBEAT_TIMEOUT);
        return d.isZero() ? -1 : millis(d);
    }

    boolean heartbeatTimeout(int millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("heartbeat timeout must be >= 0 ms, got " + millis);
        }
        return set(SocketOption.HEARTBEAT_TIMEOUT, Duration.ofMillis(millis));
    }

    int heartbeatTtl() {
        return millis(engine.get(SocketOption.HEARTBEAT_TTL));
    }

    /** Milliseconds, kept in tenths of a second as on the wire. */
    boolean heartbeatTtl(int millis) {
        if (millis < 0 || millis / 100 > 6553) {
            throw new IllegalArgumentException("heartbeat TTL must be 0..655399 ms, got " + millis);
        }
        return set(SocketOption.HEARTBEAT_TTL, Duration.ofMillis(millis / 100 * 100L));
    }

    byte[] heartbeatContext() {
        return heartbeatContext.clone();
    }

    boolean heartbeatContext(byte[] context) {
        heartbeatContext = context == null ? new byte[0] : context.clone();
        return true;
    }

    long maxMsgSize() {
        return engine.get(SocketOption.MAXMSGSIZE);
    }

    boolean maxMsgSize(long value) {
        return set(SocketOption.MAXMSGSIZE, value);
    }

    boolean flag(SocketOption<Boolean> option) {
        return engine.get(option);
    }

    boolean flag(SocketOption<Boolean> option, boolean value) {
        boolean set = set(option, value);
        if (set && option == SocketOption.ROUTER_MANDATORY) {
            routerMandatory = value;
        }
        return set;
    }

    /** ROUTER_MANDATORY, cached: the send path asks it for each message's first frame. */
    boolean routerMandatory() {
        return routerMandatory;
    }

    int integer(SocketOption<Integer> option) {
        return engine.get(option);
    }

    boolean integer(SocketOption<Integer> option, int value) {
        return set(option, value);
    }

    /** SNDBUF/RCVBUF: JeroMQ's 0 ("the OS default") is jzmtp's -1. */
    int buffer(SocketOption<Integer> option) {
        int value = engine.get(option);
        return value < 0 ? 0 : value;
    }

    boolean buffer(SocketOption<Integer> option, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " must be >= 0 bytes (0 = the OS default), got "
                    + value);
        }
        return set(option, value == 0 ? -1 : value);
    }

    /** A text option; null when unset, as JeroMQ's PLAIN getters return. */
    String text(SocketOption<String> option) {
        String value = engine.get(option);
        return value == null || value.isEmpty() ? null : value;
    }

    boolean text(SocketOption<String> option, String value) {
        return set(option, value == null ? "" : value);
    }

    byte[] key(SocketOption<byte[]> option) {
        byte[] key = engine.get(option);
        return key == null || key.length == 0 ? null : key;
    }

    boolean key(SocketOption<byte[]> option, byte[] key) {
        return set(option, key);
    }

    ZMQ.Socket.Mechanism mechanism() {
        if (engine.get(SocketOption.CURVE_SERVER) || key(SocketOption.CURVE_SERVERKEY) != null) {
            return ZMQ.Socket.Mechanism.CURVE;
        }
        if (engine.get(SocketOption.PLAIN_SERVER) || text(SocketOption.PLAIN_USERNAME) != null) {
            return ZMQ.Socket.Mechanism.PLAIN;
        }
        return ZMQ.Socket.Mechanism.NULL;
    }

    /** An option jzmtp does not implement: false is accepted, true throws ENOTSUP rather than being ignored. */
    boolean unsupported(String name, boolean enabling) {
        if (enabling) {
            socket.errno(ZMQ.Error.ENOTSUP.getCode());
            throw new ZMQException(name + " is not supported by jzmtp", ZMQ.Error.ENOTSUP.getCode());
        }
        return true;
    }

    boolean ipv6() {
        return ipv6;
    }

    boolean ipv6(boolean value) {
        ipv6 = value;
        return true;
    }

    int tos() {
        return tos;
    }

    boolean tos(int value) {
        tos = value;
        return true;
    }

    long affinity() {
        return affinity;
    }

    boolean affinity(long value) {
        affinity = value;
        return true;
    }

    long rate() {
        return rate;
    }

    boolean rate(long value) {
        rate = value;
        return true;
    }

    long recoveryInterval() {
        return recoveryInterval;
    }

    boolean recoveryInterval(long value) {
        recoveryInterval = value;
        return true;
    }

    long multicastHops() {
        return multicastHops;
    }

    boolean multicastHops(long value) {
        multicastHops = value;
        return true;
    }

    boolean multicastLoop() {
        return multicastLoop;
    }

    boolean multicastLoop(boolean value) {
        multicastLoop = value;
        return true;
    }
}
