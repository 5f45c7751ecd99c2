package io.jzmtp;

import io.jzmtp.msg.Message;
import io.jzmtp.testing.CpuContention;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import static io.jzmtp.TestSupport.assertNoLeaks;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Thousands of whole connection lives between two jzmtp sockets — connect, greeting, READY, one message (and its
 * answer where the pattern has one), close — under CPU contention (more busy threads than cores), so the I/O and
 * user threads are preempted at arbitrary points of the hand-over from greeting to handshake to traffic. Every
 * socket-type shape, both bind directions, and now and then each side in its own context (as in two processes, the
 * shape of the benchmark's pub/sub pair). A cycle that does not finish within {@link #STALL} is a stall and fails the
 * test, naming the cycle; the default HANDSHAKE_IVL (30 s) is left alone so that a stall cannot hide behind a retry.
 */
class HandshakeStressIT {

    private static final int CYCLES = 2_000;
    private static final Duration STALL = Duration.ofSeconds(20);

    /** One pair of socket types and what a cycle does with it; the first type is the one that sends first. */
    enum Shape {
        PUSH_PULL(SocketType.PUSH, SocketType.PULL),
        REQ_REP(SocketType.REQ, SocketType.REP),
        DEALER_ROUTER(SocketType.DEALER, SocketType.ROUTER),
        XPUB_SUB(SocketType.XPUB, SocketType.SUB),
        PAIR(SocketType.PAIR, SocketType.PAIR);

        final SocketType first;
        final SocketType second;

        Shape(SocketType first, SocketType second) {
            this.first = first;
            this.second = second;
        }
    }

    @Test
    void connectGreetReadyMessageCloseThousandsOfTimesUnderContention() throws Exception {
        Map<Shape, Integer> counts = new EnumMap<>(Shape.class);
        long start = System.nanoTime();
        int busy;
        try (CpuContention contention = CpuContention.moreThreadsThanCores(2)) {
            busy = contention.threads();
            assertNoLeaks(() -> {
                try (Context shared = Context.create()) {
                    for (int i = 0; i < CYCLES; i++) {
                        Shape shape = Shape.values()[i % Shape.values().length];
                        boolean firstBinds = (i / Shape.values().length) % 2 == 0;
                        boolean ownContexts = i % 7 == 3;
                        runCycle(i, shape, firstBinds, ownContexts ? null : shared);
                        counts.merge(shape, 1, Integer::sum);
                    }
                }
            });
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("HandshakeStressIT: %d cycles %s, %d busy threads on %d cores, %d ms, 0 stalls, 0 leaks%n",
                CYCLES, counts, busy, Runtime.getRuntime().availableProcessors(), millis);
        assertEquals(CYCLES, counts.values().stream().mapToInt(Integer::intValue).sum());
    }

    /** One connection life; {@code shared == null} gives each side a context of its own. */
    private static void runCycle(int i, Shape shape, boolean firstBinds, Context shared) {
        Context firstContext = shared != null ? shared : Context.create();
        Context secondContext = shared != null ? shared : Context.create();
        String where = "cycle " + i + " (" + shape.first + " -> " + shape.second + ", "
                + (firstBinds ? shape.first : shape.second) + " binds" + (shared == null ? ", own contexts" : "") + ")";
        try {
            Socket first = firstContext.socket(shape.first).set(SocketOption.LINGER, Duration.ZERO);
            Socket second = secondContext.socket(shape.second).set(SocketOption.LINGER, Duration.ZERO);
            if (shape == Shape.XPUB_SUB) {
                second.subscribe("");
            }
            if (firstBinds) {
                second.connect(first.bind("tcp://127.0.0.1:*"));
            } else {
                first.connect(second.bind("tcp://127.0.0.1:*"));
            }
            exchange(shape, first, second, "cycle-" + i, where);
            second.close();
            first.close();
        } finally {
            if (shared == null) {
                secondContext.close();
                firstContext.close();
            }
        }
    }

    private static void exchange(Shape shape, Socket first, Socket second, String text, String where) {
        switch (shape) {
            case XPUB_SUB -> {
                expect(first, where, "the subscription", "\u0001");
                send(first, where, text);
                expect(second, where, "the message", text);
            }
            case REQ_REP -> {
                send(first, where, text);
                expect(second, where, "the request", text);
                send(second, where, "re-" + text);
                expect(first, where, "the reply", "re-" + text);
            }
            case DEALER_ROUTER -> {
                send(first, where, text);
                try (Message m = receive(second, where, "the message")) {
                    assertEquals(2, m.size(), where + ": routing id + body");
                    assertEquals(text, m.frame(1).toUtf8(), where);
                    Message reply = Message.of(m.frame(0).toBytes(), ("re-" + text).getBytes());
                    if (!second.send(reply, STALL)) {
                        reply.close();
                        throw new AssertionError(where + ": ROUTER could not answer within " + STALL);
                    }
                }
                expect(first, where, "the reply", "re-" + text);
            }
            default -> {
                send(first, where, text);
                expect(second, where, "the message", text);
            }
        }
    }

    private static void send(Socket s, String where, String text) {
        if (!s.send(Message.of(text), STALL)) {
            throw new AssertionError(where + ": STALL, " + s.type() + " could not send within " + STALL);
        }
    }

    private static Message receive(Socket s, String where, String what) {
        Message m = s.receive(STALL);
        if (m == null) {
            throw new AssertionError(where + ": STALL, " + s.type() + " received no " + what + " within " + STALL
                    + " (" + s.statistics() + ")");
        }
        return m;
    }

    private static void expect(Socket s, String where, String what, String text) {
        try (Message m = receive(s, where, what)) {
            assertEquals(text, m.frame(m.size() - 1).toUtf8(), where + ": " + what);
        }
    }
}
