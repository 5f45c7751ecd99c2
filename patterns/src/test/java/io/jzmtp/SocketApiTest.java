package io.jzmtp;

import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jzmtp.TestSupport.pooled;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The socket API without any network traffic: misuse is an exception naming the problem, would-block is a return
 * value, and a closed socket or context refuses every operation with {@link SocketClosedException} naming it.
 */
class SocketApiTest {

    private final Context ctx = Context.create();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    // ---- closed socket ---------------------------------------------------------------------------------------------

    private static final List<String> OPERATION_NAMES = List.of("send(Message)", "send(Message, Duration)", "trySend",
            "send(String)", "send(byte[])", "receive()", "receive(Duration)", "tryReceive", "receiveString", "bind",
            "connect", "unbind", "disconnect", "set");

    /** Every operation on a closed socket, by a name from which the word its exception must contain is derived. */
    private static Map<String, Executable> operations(Socket s, Message m) {
        Map<String, Executable> ops = new LinkedHashMap<>();
        ops.put("send(Message)", () -> s.send(m));
        ops.put("send(Message, Duration)", () -> s.send(m, Duration.ofMillis(10)));
        ops.put("trySend", () -> s.trySend(m));
        ops.put("send(String)", () -> s.send("text"));
        ops.put("send(byte[])", () -> s.send(new byte[] {1}));
        ops.put("receive()", s::receive);
        ops.put("receive(Duration)", () -> s.receive(Duration.ofMillis(10)));
        ops.put("tryReceive", s::tryReceive);
        ops.put("receiveString", s::receiveString);
        ops.put("bind", () -> s.bind("tcp://127.0.0.1:*"));
        ops.put("connect", () -> s.connect("tcp://127.0.0.1:5555"));
        ops.put("unbind", () -> s.unbind("tcp://127.0.0.1:5555"));
        ops.put("disconnect", () -> s.disconnect("tcp://127.0.0.1:5555"));
        ops.put("set", () -> s.set(SocketOption.SNDHWM, 5));
        assertEquals(OPERATION_NAMES, List.copyOf(ops.keySet()));
        return ops;
    }

    @TestFactory
    List<DynamicTest> closedSocketRefusesEveryOperationNamingIt() {
        List<DynamicTest> tests = new ArrayList<>();
        for (SocketType type : new SocketType[] {SocketType.PAIR, SocketType.PUSH, SocketType.PULL}) {
            for (String op : OPERATION_NAMES) {
                tests.add(DynamicTest.dynamicTest(type + " " + op, () -> {
                    Socket s = ctx.socket(type);
                    s.close();
                    assertTrue(s.isClosed());
                    try (Message m = pooled("kept by the caller")) {
                        SocketClosedException e = assertThrows(SocketClosedException.class,
                                operations(s, m).get(op));
                        String word = op.startsWith("try") ? op.substring(3).toLowerCase()
                                : op.replaceAll("[(].*", "").replace("String", "");
                        assertTrue(e.getMessage().contains(word), "names the operation '" + word + "': "
                                + e.getMessage());
                        assertTrue(e.getMessage().contains(type.name()), "names the socket type: " + e.getMessage());
                        assertEquals(1, m.size(), "the message stays with the caller");
                    }
                }));
            }
        }
        return tests;
    }

    @Test
    void setOnAClosedSocketNamesTheOption() {
        Socket s = ctx.socket(SocketType.PUSH);
        s.close();
        SocketClosedException e = assertThrows(SocketClosedException.class,
                () -> s.set(SocketOption.LINGER, Duration.ZERO));
        assertTrue(e.getMessage().contains("LINGER"), e.getMessage());
    }

    @Test
    void closeIsIdempotent() {
        Socket s = ctx.socket(SocketType.PULL);
        assertFalse(s.isClosed());
        s.close();
        assertDoesNotThrow(s::close);
        assertTrue(s.isClosed());
        assertTrue(s.toString().contains("closed"), s.toString());
    }

    @Test
    void closedContextRefusesNewSocketsAndClosesItsOwn() {
        Context c = Context.create();
        Socket s = c.socket(SocketType.PUSH);
        c.close();
        assertTrue(s.isClosed(), "closing the context closed its socket");
        SocketClosedException e = assertThrows(SocketClosedException.class, () -> c.socket(SocketType.PULL));
        assertTrue(e.getMessage().contains("context is closed"), e.getMessage());
        assertTrue(e.getMessage().contains("PULL"), e.getMessage());
        assertDoesNotThrow(c::close, "idempotent");
    }

    @Test
    void contextNeedsAnIoThread() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Context.create(0));
        assertTrue(e.getMessage().contains("ioThreads") && e.getMessage().contains("0"), e.getMessage());
        try (Context two = Context.create(2)) {
            assertEquals(SocketType.PAIR, two.socket(SocketType.PAIR).type());
        }
    }

    // ---- wrong direction -------------------------------------------------------------------------------------------

    @Test
    void pushCannotReceive() {
        Socket push = ctx.socket(SocketType.PUSH);
        for (Executable op : List.<Executable>of(push::receive, push::tryReceive,
                () -> push.receive(Duration.ofMillis(1)), push::receiveString)) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, op);
            assertTrue(e.getMessage().contains("PUSH"), e.getMessage());
        }
    }

    @Test
    void pullCannotSendAndTheCallerKeepsTheMessage() {
        Socket pull = ctx.socket(SocketType.PULL);
        try (Message m = pooled("mine")) {
            for (Executable op : List.<Executable>of(() -> pull.send(m), () -> pull.trySend(m),
                    () -> pull.send(m, Duration.ofMillis(1)))) {
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, op);
                assertTrue(e.getMessage().contains("PULL"), e.getMessage());
                assertEquals("mine", m.frame(0).toUtf8());
            }
        }
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> pull.send("x"));
        assertTrue(e.getMessage().contains("PULL"), e.getMessage());
    }

    // ---- misuse ----------------------------------------------------------------------------------------------------

    @Test
    void emptyMessageIsRefused() {
        Socket push = ctx.socket(SocketType.PUSH);
        try (Message empty = new Message()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> push.trySend(empty));
            assertTrue(e.getMessage().contains("no frames"), e.getMessage());
        }
    }

    @Test
    void connectToAWildcardIsRefusedQuotingTheEndpoint() {
        Socket push = ctx.socket(SocketType.PUSH);
        for (String ep : new String[] {"tcp://*:5555", "tcp://127.0.0.1:*", "tcp://127.0.0.1:0"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> push.connect(ep));
            assertTrue(e.getMessage().contains("'" + ep + "'"), e.getMessage());
        }
        try (Message m = pooled("x")) {
            assertFalse(push.trySend(m), "a refused connect made no pipe");
        }
    }

    @Test
    void malformedEndpointsAreRefusedQuotingThem() {
        Socket pull = ctx.socket(SocketType.PULL);
        for (String ep : new String[] {"tcp://127.0.0.1", "foo://x:1", "tcp://::1:5555", "tcp://127.0.0.1:70000",
                "127.0.0.1:5555"}) {
            IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> pull.bind(ep));
            assertTrue(b.getMessage().contains("'" + ep + "'"), b.getMessage());
            IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> pull.connect(ep));
            assertTrue(c.getMessage().contains("'" + ep + "'"), c.getMessage());
        }
        assertEquals("", pull.lastEndpoint(), "nothing was bound or connected");
    }

    @Test
    void unbindAndDisconnectOfUnknownEndpointsAreRefused() {
        Socket pull = ctx.socket(SocketType.PULL);
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
                () -> pull.unbind("tcp://127.0.0.1:5555"));
        assertTrue(u.getMessage().contains("'tcp://127.0.0.1:5555'"), u.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> pull.disconnect("tcp://127.0.0.1:5555"));
        assertTrue(d.getMessage().contains("'tcp://127.0.0.1:5555'"), d.getMessage());
    }

    @Test
    void nullArgumentsAreRefused() {
        Socket push = ctx.socket(SocketType.PUSH);
        assertThrows(NullPointerException.class, () -> push.send((Message) null));
        assertThrows(NullPointerException.class, () -> push.set(null, 1));
        assertThrows(NullPointerException.class, () -> push.get(null));
        assertThrows(NullPointerException.class, () -> ctx.socket(null));
        assertThrows(IllegalArgumentException.class, () -> push.connect(null));
    }

    // ---- timeouts without peers ------------------------------------------------------------------------------------

    @Test
    void wouldBlockIsAReturnValue() {
        Socket pull = ctx.socket(SocketType.PULL);
        assertNull(pull.tryReceive());
        assertNull(pull.receive(Duration.ZERO));
        Socket push = ctx.socket(SocketType.PUSH);
        try (Message m = pooled("nobody to take it")) {
            assertFalse(push.trySend(m));
            assertFalse(push.send(m, Duration.ZERO));
            assertEquals(1, m.size());
        }
    }

    @Test
    void receiveTimeoutOptionBoundsTheWait() {
        Socket pull = ctx.socket(SocketType.PULL);
        pull.set(SocketOption.RCVTIMEO, Duration.ofMillis(150));
        long start = System.nanoTime();
        assertNull(pull.receive());
        assertNull(pull.receiveString());
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis >= 290 && tookMillis < 5000, "two receives of 150 ms took " + tookMillis + " ms");
        pull.set(SocketOption.RCVTIMEO, Duration.ZERO);
        start = System.nanoTime();
        assertNull(pull.receive());
        assertTrue(System.nanoTime() - start < 100_000_000L, "RCVTIMEO 0 never waits");
    }

    @Test
    void sendTimeoutOptionBoundsTheWait() {
        Socket push = ctx.socket(SocketType.PUSH);
        push.set(SocketOption.SNDTIMEO, Duration.ofMillis(150));
        long start = System.nanoTime();
        try (Message m = pooled("x")) {
            assertFalse(push.send(m));
        }
        assertFalse(push.send("text"), "the String overload times out too, releasing its own message");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis >= 290 && tookMillis < 5000, "two sends of 150 ms took " + tookMillis + " ms");
    }

    /** A negative timeout is API misuse: it must be refused (or treated as "do not wait"), never block forever. */
    @Test
    void negativeReceiveTimeoutDoesNotBlockForever() {
        Socket pull = ctx.socket(SocketType.PULL);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            try {
                assertNull(pull.receive(Duration.ofMillis(-1)));
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("-"), expected.getMessage());
            }
        }, "receive(Duration.ofMillis(-1)) blocked: a negative timeout is taken as 'forever'");
    }

    /** Same for send: a negative timeout must not mean "wait forever". */
    @Test
    void negativeSendTimeoutDoesNotBlockForever() {
        Socket push = ctx.socket(SocketType.PUSH);
        try (Message m = pooled("x")) {
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                try {
                    assertFalse(push.send(m, Duration.ofMillis(-1)));
                } catch (IllegalArgumentException expected) {
                    assertTrue(expected.getMessage().contains("-"), expected.getMessage());
                }
            }, "send(m, Duration.ofMillis(-1)) blocked: a negative timeout is taken as 'forever'");
        }
    }

    @Test
    void hugeTimeoutMeansForeverNotOverflow() {
        Socket pull = ctx.socket(SocketType.PULL);
        pull.set(SocketOption.RCVTIMEO, Duration.ofDays(365L * 1000));
        Thread t = new Thread(() -> {
            try {
                pull.receive();
            } catch (SocketClosedException expected) {
                // woken by close
            }
        }, "huge-timeout-receiver");
        t.start();
        TestSupport.awaitParked(t);
        assertTrue(t.isAlive(), "still waiting rather than returning at once");
        pull.close();
        assertDoesNotThrow(() -> t.join(TestSupport.PATIENCE.toMillis()));
        assertFalse(t.isAlive());
    }

    @Test
    void lastEndpointIsEmptyBeforeAny() {
        assertEquals("", ctx.socket(SocketType.PULL).lastEndpoint());
    }

    @Test
    void typeIsReported() {
        assertEquals(SocketType.PUSH, ctx.socket(SocketType.PUSH).type());
        assertTrue(SocketType.PUSH.isCompatibleWith(SocketType.PULL));
        assertFalse(SocketType.PUSH.isCompatibleWith(SocketType.PUSH));
        assertTrue(SocketType.PAIR.isCompatibleWith(SocketType.PAIR));
        assertEquals("PUSH", SocketType.PUSH.wireName());
    }
}
