package io.jzmtp;

import io.jzmtp.security.CurveKeyPair;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A typed socket option, read with {@link Socket#get} and written with {@link Socket#set}. Values are checked when
 * set; a bad value throws {@link IllegalArgumentException} naming the option and the value. Options that shape
 * connections (HWMs, MAXMSGSIZE, ROUTING_ID, reconnect and TCP options, …) apply to endpoints bound or connected
 * after they are set, as in libzmq; timeouts and LINGER apply at once.
 *
 * <p>Durations use {@link #INFINITE} for "no limit". Where libzmq takes -1 for "no limit" (SNDTIMEO, RCVTIMEO, LINGER,
 * HANDSHAKE_IVL, RECONNECT_IVL), {@code Duration.ofMillis(-1)} is accepted too and means the same as {@link #INFINITE}.
 *
 * @param <T> the value type
 */
public final class SocketOption<T> {

    /** "No limit" for timeouts, LINGER and HANDSHAKE_IVL; for RECONNECT_IVL it means "never reconnect". */
    public static final Duration INFINITE = Duration.ofMillis(Long.MAX_VALUE);
    /** Numbers the options as they are created; before any of them, as static fields initialise in order. */
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final Duration MINUS_ONE_MILLI = Duration.ofMillis(-1);

    /** Outbound queue limit per peer, in messages; 0 = unlimited. Default 1000. */
    public static final SocketOption<Integer> SNDHWM = count("SNDHWM", 1000);
    /** Inbound queue limit per peer, in messages; 0 = unlimited. Default 1000. */
    public static final SocketOption<Integer> RCVHWM = count("RCVHWM", 1000);
    /** How long a blocking send waits; {@link #INFINITE} by default, {@link Duration#ZERO} never waits. */
    public static final SocketOption<Duration> SNDTIMEO = unlimitedDuration("SNDTIMEO", INFINITE);
    /** How long a blocking receive waits; {@link #INFINITE} by default, {@link Duration#ZERO} never waits. */
    public static final SocketOption<Duration> RCVTIMEO = unlimitedDuration("RCVTIMEO", INFINITE);
    /**
     * How long {@link Socket#close()} waits for queued messages to be written. Default 30 s (libzmq waits forever,
     * the classic hang on close); {@link Duration#ZERO} discards at once.
     */
    public static final SocketOption<Duration> LINGER = unlimitedDuration("LINGER", Duration.ofSeconds(30));
    /** Queue messages only for peers whose connection is complete (libzmq's IMMEDIATE). Default false. */
    public static final SocketOption<Boolean> IMMEDIATE = flag("IMMEDIATE");
    /** This socket's routing id, announced to ROUTER peers: 1..255 bytes. Default none. */
    public static final SocketOption<byte[]> ROUTING_ID = new SocketOption<>("ROUTING_ID", byte[].class, new byte[0],
            SocketOption::checkRoutingId);
    /** Largest inbound frame in bytes; a peer sending more is disconnected. -1 (default) = no limit. */
    public static final SocketOption<Long> MAXMSGSIZE = new SocketOption<>("MAXMSGSIZE", Long.class, -1L,
            v -> v >= -1 ? null : "must be -1 (no limit) or >= 0");
    /** Delay before reconnecting, plus jitter below it; {@link #INFINITE} never reconnects. Default 100 ms. */
    public static final SocketOption<Duration> RECONNECT_IVL = unlimitedDuration("RECONNECT_IVL",
            Duration.ofMillis(100));
    /** Cap for exponential reconnect backoff; {@link Duration#ZERO} (default) = no backoff. */
    public static final SocketOption<Duration> RECONNECT_IVL_MAX = duration("RECONNECT_IVL_MAX", Duration.ZERO);
    /** Time allowed to complete a ZMTP handshake; {@link #INFINITE} = no limit. Default 30 s. */
    public static final SocketOption<Duration> HANDSHAKE_IVL = unlimitedDuration("HANDSHAKE_IVL",
            Duration.ofSeconds(30));
    /**
     * ZMTP 3.1 heartbeats: send a PING this often once connected; {@link Duration#ZERO} (default) sends none (PINGs
     * from the peer are always answered). Detects dead peers and half-open connections, which then reconnect.
     */
    public static final SocketOption<Duration> HEARTBEAT_IVL = duration("HEARTBEAT_IVL", Duration.ZERO);
    /**
     * How long after a PING to wait for any traffic before closing the connection; {@link Duration#ZERO} (default)
     * means the same as HEARTBEAT_IVL, as libzmq's -1 does.
     */
    public static final SocketOption<Duration> HEARTBEAT_TIMEOUT = duration("HEARTBEAT_TIMEOUT", Duration.ZERO);
    /**
     * The time-to-live announced in our PINGs: the peer closes the connection if it hears nothing from us for that
     * long. {@link Duration#ZERO} (default) announces none. At most 6553.5 s; sent in tenths of a second.
     */
    public static final SocketOption<Duration> HEARTBEAT_TTL = new SocketOption<>("HEARTBEAT_TTL", Duration.class,
            Duration.ZERO, v -> v.isNegative() || v.compareTo(Duration.ofMillis(6_553_500)) > 0
                    ? "must be between 0 and 6553.5 s" : null);
    /** SO_KEEPALIVE: 1 on, 0 off, -1 (default) the OS default. */
    public static final SocketOption<Integer> TCP_KEEPALIVE = new SocketOption<>("TCP_KEEPALIVE", Integer.class, -1,
            v -> v >= -1 && v <= 1 ? null : "must be -1, 0 or 1");
    /** TCP_KEEPIDLE in seconds, -1 (default) the OS default. */
    public static final SocketOption<Integer> TCP_KEEPALIVE_IDLE = osDefault("TCP_KEEPALIVE_IDLE");
    /** TCP_KEEPINTVL in seconds, -1 (default) the OS default. */
    public static final SocketOption<Integer> TCP_KEEPALIVE_INTVL = osDefault("TCP_KEEPALIVE_INTVL");
    /** TCP_KEEPCNT, -1 (default) the OS default. */
    public static final SocketOption<Integer> TCP_KEEPALIVE_CNT = osDefault("TCP_KEEPALIVE_CNT");
    /** Listen backlog of bound endpoints. Default 100. */
    public static final SocketOption<Integer> BACKLOG = new SocketOption<>("BACKLOG", Integer.class, 100,
            v -> v > 0 ? null : "must be > 0");
    /** SO_SNDBUF in bytes, -1 (default) the OS default. */
    public static final SocketOption<Integer> SNDBUF = osDefault("SNDBUF");
    /** SO_RCVBUF in bytes, -1 (default) the OS default. */
    public static final SocketOption<Integer> RCVBUF = osDefault("RCVBUF");
    /** ROUTER/DEALER/REQ: the routing id the next {@code connect} gives its peer on our side (ROUTER). */
    public static final SocketOption<byte[]> CONNECT_ROUTING_ID = new SocketOption<>("CONNECT_ROUTING_ID",
            byte[].class, new byte[0], SocketOption::checkRoutingId);
    /** ROUTER: an unroutable message raises an error (or would block at HWM) instead of being dropped. */
    public static final SocketOption<Boolean> ROUTER_MANDATORY = flag("ROUTER_MANDATORY");
    /** ROUTER: a new peer with an identity already in use takes it over; the old connection is closed. */
    public static final SocketOption<Boolean> ROUTER_HANDOVER = flag("ROUTER_HANDOVER");
    /** ROUTER/DEALER: send an empty message to every new peer. */
    public static final SocketOption<Boolean> PROBE_ROUTER = flag("PROBE_ROUTER");
    /** REQ: prefix requests with a request id and drop replies that do not carry it. */
    public static final SocketOption<Boolean> REQ_CORRELATE = flag("REQ_CORRELATE");
    /** REQ: allow a new request before the reply to the previous one arrived (use with REQ_CORRELATE). */
    public static final SocketOption<Boolean> REQ_RELAXED = flag("REQ_RELAXED");
    /** XPUB: pass every subscription to the application, not only the first for a topic. */
    public static final SocketOption<Boolean> XPUB_VERBOSE = flag("XPUB_VERBOSE");
    /** XPUB: like XPUB_VERBOSE, and pass every unsubscription too. */
    public static final SocketOption<Boolean> XPUB_VERBOSER = flag("XPUB_VERBOSER");
    /** XPUB: subscriptions are not applied automatically; the application applies them with subscribe(). */
    public static final SocketOption<Boolean> XPUB_MANUAL = flag("XPUB_MANUAL");
    /** XPUB: a subscriber at SNDHWM makes send block (or would block) instead of dropping. */
    public static final SocketOption<Boolean> XPUB_NODROP = flag("XPUB_NODROP");
    /** XPUB: a message sent to every new subscriber when it connects; empty = none. */
    public static final SocketOption<byte[]> XPUB_WELCOME_MSG = new SocketOption<>("XPUB_WELCOME_MSG", byte[].class,
            new byte[0], v -> null);
    /** PUB/XPUB/SUB/XSUB: deliver messages that match no subscription instead of those that do. */
    public static final SocketOption<Boolean> INVERT_MATCHING = flag("INVERT_MATCHING");
    /**
     * SUB, PULL and DEALER: a receive takes only the newest of the messages queued, dropping the older ones (for
     * single-part messages, as in libzmq). jzmtp conflates on the receiving side only: on PUSH and PUB it has no
     * effect (libzmq also keeps only the newest unsent message there).
     */
    public static final SocketOption<Boolean> CONFLATE = flag("CONFLATE");
    /**
     * Deliver every received frame in a {@code byte[]} of its own, which {@link io.jzmtp.msg.Frame#sharedBytes()}
     * then returns without a copy: for applications that take each frame as an array (the JeroMQ drop-in sets it).
     * The connection's I/O thread copies each body once, as it reads it. By default frames of 256 bytes and more are
     * instead zero-copy views of the connection's read buffers, which suits readers of
     * {@link io.jzmtp.msg.Frame#content()} and {@link io.jzmtp.msg.Frame#toByteBuffer()}. A jzmtp extension (not a
     * libzmq option); applies to endpoints bound or connected afterwards. Default false.
     */
    public static final SocketOption<Boolean> RECEIVE_ARRAYS = flag("RECEIVE_ARRAYS");
    /**
     * Application metadata announced in READY (libzmq's ZMQ_METADATA): names must start with {@code X-}; names and
     * values at most 255 bytes. Default none.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final SocketOption<Map<String, String>> METADATA = new SocketOption<>("METADATA",
            (Class<Map<String, String>>) (Class) Map.class, Map.of(), SocketOption::checkMetadata);

    /**
     * Be a PLAIN server (RFC 24): clients log in with a user name and password, which the context's ZAP handler
     * ({@link Context#setZapHandler}) checks; without a handler every client is refused. Default false.
     */
    public static final SocketOption<Boolean> PLAIN_SERVER = flag("PLAIN_SERVER");
    /** Be a PLAIN client logging in as this user (at most 255 bytes); "" (default) = not a PLAIN client. */
    public static final SocketOption<String> PLAIN_USERNAME = text("PLAIN_USERNAME");
    /** The PLAIN client's password (at most 255 bytes). Never shown in errors or logs. */
    public static final SocketOption<String> PLAIN_PASSWORD = text("PLAIN_PASSWORD");
    /**
     * Be a CURVE server (RFC 25/26) with the key pair of CURVE_SECRETKEY (CURVE_PUBLICKEY is derived when not set).
     * Clients must know its public key; the context's ZAP handler, if any, decides which client keys may come in.
     */
    public static final SocketOption<Boolean> CURVE_SERVER = flag("CURVE_SERVER");
    /** This socket's CURVE public key: 32 bytes, or 40 Z85 characters (as bytes), stored as 32 bytes. */
    public static final SocketOption<byte[]> CURVE_PUBLICKEY = curveKey("CURVE_PUBLICKEY");
    /** This socket's CURVE secret key, as CURVE_PUBLICKEY. Zeroed when the socket closes; never shown. */
    public static final SocketOption<byte[]> CURVE_SECRETKEY = curveKey("CURVE_SECRETKEY");
    /** Be a CURVE client of the server with this public key, as CURVE_PUBLICKEY; needs CURVE_SECRETKEY too. */
    public static final SocketOption<byte[]> CURVE_SERVERKEY = curveKey("CURVE_SERVERKEY");
    /** The ZAP domain a server's ZAP requests carry (RFC 27); "" (default) = none. */
    public static final SocketOption<String> ZAP_DOMAIN = new SocketOption<>("ZAP_DOMAIN", String.class, "",
            v -> v.getBytes(StandardCharsets.UTF_8).length <= 255 ? null : "must be at most 255 bytes");
    /**
     * Refuse clients when a ZAP check applies (a PLAIN or CURVE server, or NULL with a ZAP_DOMAIN) but the context has
     * no ZAP handler, as libzmq's ZAP_ENFORCE_DOMAIN. Default false: NULL and CURVE then go on without a check.
     */
    public static final SocketOption<Boolean> ZAP_ENFORCE_DOMAIN = flag("ZAP_ENFORCE_DOMAIN");

    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final Function<T, String> check;
    private final UnaryOperator<T> normalize;
    private final int index;

    private SocketOption(String name, Class<T> type, T defaultValue, Function<T, String> check) {
        this(name, type, defaultValue, check, UnaryOperator.identity());
    }

    private SocketOption(String name, Class<T> type, T defaultValue, Function<T, String> check,
                         UnaryOperator<T> normalize) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.check = check;
        this.normalize = normalize;
        this.index = COUNT.getAndIncrement();
    }

    /** A small number of its own, so a socket keeps its values in an array read without hashing. */
    int index() {
        return index;
    }

    /** How many options exist. */
    static int count() {
        return COUNT.get();
    }

    /** The option's name, as in libzmq without the {@code ZMQ_} prefix. */
    public String name() {
        return name;
    }

    /** The value's type. */
    public Class<T> type() {
        return type;
    }

    /** The value a new socket has. */
    public T defaultValue() {
        return defaultValue;
    }

    /** Checks {@code value}, throwing {@link IllegalArgumentException} that names the option and the problem. */
    T validate(T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        T normal = normalize.apply(value);
        String problem = check.apply(normal);
        if (problem != null) {
            throw new IllegalArgumentException(name + " " + problem + ", got "
                    + (name.endsWith("PASSWORD") ? "a longer one" : show(value)));
        }
        return normal;
    }

    @Override
    public String toString() {
        return name;
    }

    private static SocketOption<Integer> count(String name, int def) {
        return new SocketOption<>(name, Integer.class, def, v -> v >= 0 ? null : "must be >= 0 (0 = unlimited)");
    }

    private static SocketOption<Integer> osDefault(String name) {
        return new SocketOption<>(name, Integer.class, -1, v -> v == -1 || v > 0 ? null : "must be -1 or > 0");
    }

    private static SocketOption<Boolean> flag(String name) {
        return new SocketOption<>(name, Boolean.class, false, v -> null);
    }

    /** A string of at most 255 UTF-8 bytes, "" by default (PLAIN credentials). */
    private static SocketOption<String> text(String name) {
        return new SocketOption<>(name, String.class, "",
                v -> v.getBytes(StandardCharsets.UTF_8).length <= 255 ? null : "must be at most 255 bytes");
    }

    /** A CURVE key: empty (not set), or 32 bytes, 40 Z85 characters or 41 with a NUL, stored as 32 bytes. */
    private static SocketOption<byte[]> curveKey(String name) {
        return new SocketOption<>(name, byte[].class, new byte[0], v -> null,
                v -> v.length == 0 ? v : CurveKeyPair.key(v, name));
    }

    private static SocketOption<Duration> duration(String name, Duration def) {
        return new SocketOption<>(name, Duration.class, def, v -> v.isNegative() ? "must not be negative" : null);
    }

    /** A duration where libzmq's -1 (here {@code Duration.ofMillis(-1)}) means {@link #INFINITE}. */
    private static SocketOption<Duration> unlimitedDuration(String name, Duration def) {
        return new SocketOption<>(name, Duration.class, def, v -> v.isNegative()
                ? "must not be negative (SocketOption.INFINITE or -1 ms mean no limit)" : null,
                v -> v.equals(MINUS_ONE_MILLI) ? INFINITE : v);
    }

    private static String checkRoutingId(byte[] id) {
        return id.length <= 255 ? null : "must be at most 255 bytes";
    }

    private static String checkMetadata(Map<String, String> metadata) {
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "metadata name");
            if (!key.regionMatches(true, 0, "X-", 0, 2) || key.length() < 3) {
                return "names must start with 'X-' ('" + key + "' does not)";
            }
            if (key.getBytes(StandardCharsets.US_ASCII).length > 255 || !StandardCharsets.US_ASCII.newEncoder()
                    .canEncode(key)) {
                return "names must be ASCII of at most 255 bytes ('" + key + "')";
            }
            if (e.getValue() == null || e.getValue().getBytes(StandardCharsets.UTF_8).length > 255) {
                return "values must be non-null and at most 255 bytes ('" + key + "')";
            }
        }
        return null;
    }

    private static String show(Object value) {
        if (value instanceof byte[] b) {
            return b.length + " bytes";
        }
        return String.valueOf(value);
    }
}
