package io.jzmtp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Typed socket options: defaults equal libzmq 4.3's (ZMTP.md §16) except LINGER, every option rejects bad values with
 * a message naming the option and the value, and mutable values are copied in and out. The tables below must list
 * every option: a new option fails {@link #tablesCoverEveryOption()} until its default and bad values are added.
 */
class SocketOptionTest {

    /** libzmq's defaults expressed in jzmtp's types; LINGER is the one documented difference (libzmq: forever). */
    private static final Map<String, Object> LIBZMQ_DEFAULTS = Map.ofEntries(
            Map.entry("SNDHWM", 1000),
            Map.entry("RCVHWM", 1000),
            Map.entry("SNDTIMEO", SocketOption.INFINITE),
            Map.entry("RCVTIMEO", SocketOption.INFINITE),
            Map.entry("LINGER", Duration.ofSeconds(30)),
            Map.entry("IMMEDIATE", false),
            Map.entry("ROUTING_ID", new byte[0]),
            Map.entry("MAXMSGSIZE", -1L),
            Map.entry("RECONNECT_IVL", Duration.ofMillis(100)),
            Map.entry("RECONNECT_IVL_MAX", Duration.ZERO),
            Map.entry("HANDSHAKE_IVL", Duration.ofMillis(30_000)),
            Map.entry("TCP_KEEPALIVE", -1),
            Map.entry("TCP_KEEPALIVE_IDLE", -1),
            Map.entry("TCP_KEEPALIVE_INTVL", -1),
            Map.entry("TCP_KEEPALIVE_CNT", -1),
            Map.entry("BACKLOG", 100),
            Map.entry("SNDBUF", -1),
            Map.entry("RCVBUF", -1),
            Map.entry("METADATA", Map.of()),
            Map.entry("ROUTER_MANDATORY", false),
            Map.entry("ROUTER_HANDOVER", false),
            Map.entry("PROBE_ROUTER", false),
            Map.entry("REQ_CORRELATE", false),
            Map.entry("REQ_RELAXED", false),
            Map.entry("XPUB_VERBOSE", false),
            Map.entry("XPUB_VERBOSER", false),
            Map.entry("XPUB_MANUAL", false),
            Map.entry("XPUB_NODROP", false),
            Map.entry("INVERT_MATCHING", false),
            Map.entry("CONFLATE", false),
            Map.entry("RECEIVE_ARRAYS", false),   // a jzmtp extension: libzmq has no such option
            Map.entry("CONNECT_ROUTING_ID", new byte[0]),
            Map.entry("HEARTBEAT_IVL", Duration.ZERO),
            Map.entry("HEARTBEAT_TIMEOUT", Duration.ZERO),
            Map.entry("HEARTBEAT_TTL", Duration.ZERO),
            Map.entry("XPUB_WELCOME_MSG", new byte[0]),
            Map.entry("PLAIN_SERVER", false),
            Map.entry("PLAIN_USERNAME", ""),
            Map.entry("PLAIN_PASSWORD", ""),
            Map.entry("CURVE_SERVER", false),
            Map.entry("CURVE_PUBLICKEY", new byte[0]),
            Map.entry("CURVE_SECRETKEY", new byte[0]),
            Map.entry("CURVE_SERVERKEY", new byte[0]),
            Map.entry("ZAP_DOMAIN", ""),
            Map.entry("ZAP_ENFORCE_DOMAIN", false));

    private static final Duration NEGATIVE = Duration.ofMillis(-1);
    /** -1 ms means "no limit" where libzmq takes -1; anything below is refused. */
    private static final Duration BELOW_MINUS_ONE = Duration.ofMillis(-2);

    /** Values each option must refuse. */
    private static final Map<String, List<Object>> BAD_VALUES = Map.ofEntries(
            Map.entry("ROUTER_MANDATORY", List.of()),
            Map.entry("ROUTER_HANDOVER", List.of()),
            Map.entry("PROBE_ROUTER", List.of()),
            Map.entry("REQ_CORRELATE", List.of()),
            Map.entry("REQ_RELAXED", List.of()),
            Map.entry("XPUB_VERBOSE", List.of()),
            Map.entry("XPUB_VERBOSER", List.of()),
            Map.entry("XPUB_MANUAL", List.of()),
            Map.entry("XPUB_NODROP", List.of()),
            Map.entry("INVERT_MATCHING", List.of()),
            Map.entry("CONFLATE", List.of()),
            Map.entry("RECEIVE_ARRAYS", List.of()),
            Map.entry("CONNECT_ROUTING_ID", List.of(new byte[256])),
            Map.entry("HEARTBEAT_IVL", List.of(NEGATIVE)),
            Map.entry("HEARTBEAT_TIMEOUT", List.of(NEGATIVE)),
            Map.entry("HEARTBEAT_TTL", List.of(NEGATIVE, Duration.ofMillis(6_553_501))),
            Map.entry("XPUB_WELCOME_MSG", List.of()),
            Map.entry("PLAIN_SERVER", List.of()),
            Map.entry("PLAIN_USERNAME", List.of("u".repeat(256))),
            Map.entry("PLAIN_PASSWORD", List.of()),   // refused without echoing it: see the test of its own
            Map.entry("CURVE_SERVER", List.of()),
            Map.entry("CURVE_PUBLICKEY", List.of(new byte[39], new byte[31], new byte[42])),
            Map.entry("CURVE_SECRETKEY", List.of(new byte[39], new byte[2])),
            Map.entry("CURVE_SERVERKEY", List.of(new byte[39], new byte[33])),
            Map.entry("ZAP_DOMAIN", List.of("d".repeat(256))),
            Map.entry("ZAP_ENFORCE_DOMAIN", List.of()),
            Map.entry("SNDHWM", List.of(-1, Integer.MIN_VALUE)),
            Map.entry("RCVHWM", List.of(-1)),
            Map.entry("SNDTIMEO", List.of(BELOW_MINUS_ONE)),
            Map.entry("RCVTIMEO", List.of(BELOW_MINUS_ONE)),
            Map.entry("LINGER", List.of(BELOW_MINUS_ONE, Duration.ofSeconds(-30))),
            Map.entry("IMMEDIATE", List.of()),
            Map.entry("ROUTING_ID", List.of(new byte[256], new byte[1000])),
            Map.entry("MAXMSGSIZE", List.of(-2L, Long.MIN_VALUE)),
            Map.entry("RECONNECT_IVL", List.of(BELOW_MINUS_ONE)),
            Map.entry("RECONNECT_IVL_MAX", List.of(NEGATIVE)),
            Map.entry("HANDSHAKE_IVL", List.of(BELOW_MINUS_ONE)),
            Map.entry("TCP_KEEPALIVE", List.of(2, -2)),
            Map.entry("TCP_KEEPALIVE_IDLE", List.of(0, -2)),
            Map.entry("TCP_KEEPALIVE_INTVL", List.of(0, -2)),
            Map.entry("TCP_KEEPALIVE_CNT", List.of(0, -2)),
            Map.entry("BACKLOG", List.of(0, -1)),
            Map.entry("SNDBUF", List.of(0, -2)),
            Map.entry("RCVBUF", List.of(0, -2)),
            Map.entry("METADATA", List.of(
                    Map.of("Hello", "World"),
                    Map.of("X-", "nameless"),
                    Map.of("Socket-Type", "PUB"),
                    Map.of("X-Long", "v".repeat(256)),
                    Map.of("X-" + "n".repeat(254), "name of 256 bytes"),
                    Map.of("X-Caf\u00e9", "non-ASCII name"))));

    private final Context ctx = Context.create();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void tablesCoverEveryOption() throws IllegalAccessException {
        TreeSet<String> declared = new TreeSet<>(allOptions().keySet());
        assertEquals(declared, new TreeSet<>(LIBZMQ_DEFAULTS.keySet()), "defaults table");
        assertEquals(declared, new TreeSet<>(BAD_VALUES.keySet()), "bad-values table");
    }

    @Test
    void aTooLongPasswordIsRefusedWithoutShowingIt() {
        Socket s = ctx.socket(SocketType.DEALER);
        String password = "p4ss".repeat(64);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> s.set(SocketOption.PLAIN_PASSWORD, password));
        assertTrue(x.getMessage().contains("PLAIN_PASSWORD") && x.getMessage().contains("255"), x.getMessage());
        assertTrue(!x.getMessage().contains("p4ss"), x.getMessage());
    }

    @Test
    void curveKeysAreStoredAs32BytesWhateverFormTheyCameIn() {
        Socket s = ctx.socket(SocketType.DEALER);
        io.jzmtp.security.CurveKeyPair pair = io.jzmtp.security.CurveKeyPair.generate();
        s.set(SocketOption.CURVE_SERVERKEY, pair.publicKeyZ85().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertArrayEquals(pair.publicKey(), s.get(SocketOption.CURVE_SERVERKEY));
        s.set(SocketOption.CURVE_SERVERKEY, (pair.publicKeyZ85() + "\0").getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
        assertArrayEquals(pair.publicKey(), s.get(SocketOption.CURVE_SERVERKEY));
        s.set(SocketOption.CURVE_SECRETKEY, pair.secretKey());
        assertArrayEquals(pair.secretKey(), s.get(SocketOption.CURVE_SECRETKEY));
        s.close();
        assertArrayEquals(new byte[0], s.get(SocketOption.CURVE_SECRETKEY), "the secret is wiped on close");
    }

    @Test
    void optionNamesMatchTheirFields() throws IllegalAccessException {
        for (Map.Entry<String, SocketOption<?>> e : allOptions().entrySet()) {
            assertEquals(e.getKey(), e.getValue().name());
            assertEquals(e.getKey(), e.getValue().toString());
        }
    }

    @TestFactory
    List<DynamicTest> defaultsAreLibzmqs() throws IllegalAccessException {
        List<DynamicTest> tests = new ArrayList<>();
        Socket s = ctx.socket(SocketType.PUSH);
        for (Map.Entry<String, SocketOption<?>> e : allOptions().entrySet()) {
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                Object expected = LIBZMQ_DEFAULTS.get(e.getKey());
                assertEqualValues(expected, e.getValue().defaultValue(), "defaultValue()");
                assertEqualValues(expected, s.get(e.getValue()), "a new socket's value");
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> badValuesAreRejectedNamingOptionAndValue() throws IllegalAccessException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, SocketOption<?>> e : allOptions().entrySet()) {
            for (Object bad : BAD_VALUES.get(e.getKey())) {
                tests.add(DynamicTest.dynamicTest(e.getKey() + " = " + describe(bad), () -> {
                    Socket s = ctx.socket(SocketType.PUSH);
                    Object before = s.get(e.getValue());
                    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                            () -> setRaw(s, e.getValue(), bad));
                    String msg = x.getMessage();
                    assertTrue(msg.contains(e.getKey()), "names the option: " + msg);
                    assertTrue(msg.contains(describe(bad)) || mentionsMetadataName(bad, msg),
                            "names the value " + describe(bad) + ": " + msg);
                    assertEqualValues(before, s.get(e.getValue()), "the old value stays");
                }));
            }
            tests.add(DynamicTest.dynamicTest(e.getKey() + " = null", () -> {
                Socket s = ctx.socket(SocketType.PUSH);
                IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                        () -> setRaw(s, e.getValue(), null));
                assertTrue(x.getMessage().contains(e.getKey()), x.getMessage());
            }));
        }
        return tests;
    }

    @Test
    void boundaryValuesAreAccepted() {
        Socket s = ctx.socket(SocketType.PUSH);
        s.set(SocketOption.SNDHWM, 0).set(SocketOption.RCVHWM, 0);
        assertEquals(0, s.get(SocketOption.SNDHWM));
        s.set(SocketOption.LINGER, Duration.ZERO).set(SocketOption.RCVTIMEO, SocketOption.INFINITE);
        assertEquals(Duration.ZERO, s.get(SocketOption.LINGER));
        s.set(SocketOption.RECONNECT_IVL, SocketOption.INFINITE);
        s.set(SocketOption.MAXMSGSIZE, 0L).set(SocketOption.MAXMSGSIZE, -1L);
        s.set(SocketOption.ROUTING_ID, new byte[255]);
        assertEquals(255, s.get(SocketOption.ROUTING_ID).length);
        s.set(SocketOption.TCP_KEEPALIVE, 0).set(SocketOption.TCP_KEEPALIVE, 1).set(SocketOption.TCP_KEEPALIVE, -1);
        s.set(SocketOption.BACKLOG, 1);
        s.set(SocketOption.METADATA, Map.of("X-" + "n".repeat(253), "v".repeat(255), "x-lower", ""));
        assertEquals(2, s.get(SocketOption.METADATA).size());
    }

    /** Where libzmq takes -1 for "no limit", so does jzmtp: every ZeroMQ user writes it. */
    @Test
    void minusOneMillisecondMeansNoLimitWhereLibzmqTakesMinusOne() {
        Socket s = ctx.socket(SocketType.PUSH);
        for (SocketOption<Duration> option : List.of(SocketOption.SNDTIMEO, SocketOption.RCVTIMEO,
                SocketOption.LINGER, SocketOption.HANDSHAKE_IVL, SocketOption.RECONNECT_IVL)) {
            s.set(option, Duration.ofMillis(-1));
            assertEquals(SocketOption.INFINITE, s.get(option), option.name());
        }
    }

    @Test
    void routingIdIsCopiedOnTheWayInAndOut() {
        Socket s = ctx.socket(SocketType.PUSH);
        byte[] id = {1, 2, 3};
        assertSame(s, s.set(SocketOption.ROUTING_ID, id), "set returns the socket");
        id[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, s.get(SocketOption.ROUTING_ID), "caller's array was copied");
        s.get(SocketOption.ROUTING_ID)[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, s.get(SocketOption.ROUTING_ID), "get returns a copy");
    }

    @Test
    void metadataIsCopiedOnTheWayInAndImmutableOnTheWayOut() {
        Socket s = ctx.socket(SocketType.PUSH);
        Map<String, String> md = new HashMap<>();
        md.put("X-Hello", "World");
        s.set(SocketOption.METADATA, md);
        md.put("X-Other", "sneaked in");
        assertEquals(Map.of("X-Hello", "World"), s.get(SocketOption.METADATA));
        Map<String, String> got = s.get(SocketOption.METADATA);
        assertThrows(UnsupportedOperationException.class, () -> got.put("X-More", "no"));
    }

    @Test
    void optionsAreIndependentPerSocket() {
        Socket a = ctx.socket(SocketType.PUSH);
        Socket b = ctx.socket(SocketType.PUSH);
        a.set(SocketOption.SNDHWM, 7);
        assertEquals(7, a.get(SocketOption.SNDHWM));
        assertEquals(1000, b.get(SocketOption.SNDHWM));
    }

    @Test
    void typesAreReported() {
        assertEquals(Integer.class, SocketOption.SNDHWM.type());
        assertEquals(Duration.class, SocketOption.LINGER.type());
        assertEquals(byte[].class, SocketOption.ROUTING_ID.type());
        assertEquals(Long.class, SocketOption.MAXMSGSIZE.type());
        assertEquals(Boolean.class, SocketOption.IMMEDIATE.type());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    static Map<String, SocketOption<?>> allOptions() throws IllegalAccessException {
        Map<String, SocketOption<?>> all = new LinkedHashMap<>();
        for (Field f : SocketOption.class.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && f.getType() == SocketOption.class) {
                all.put(f.getName(), (SocketOption<?>) f.get(null));
            }
        }
        return all;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void setRaw(Socket s, SocketOption option, Object value) {
        s.set(option, value);
    }

    private static String describe(Object v) {
        return v instanceof byte[] b ? b.length + " bytes" : String.valueOf(v);
    }

    /** A map's toString can be long; naming the offending metadata name is enough to identify the value. */
    private static boolean mentionsMetadataName(Object bad, String msg) {
        return bad instanceof Map<?, ?> m && m.keySet().stream().allMatch(k -> msg.contains("'" + k + "'"));
    }

    private static void assertEqualValues(Object expected, Object actual, String what) {
        if (expected instanceof byte[] e && actual instanceof byte[] a) {
            assertTrue(Arrays.equals(e, a), what + ": expected " + Arrays.toString(e) + ", got " + Arrays.toString(a));
        } else {
            assertEquals(expected, actual, what);
        }
    }
}
