package io.jzmtp;

import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The proxy's checks and its STATISTICS encoding, without network traffic. */
class ProxyTest {

    private final Context ctx = Context.create();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void statisticsAreEightLittleEndianUint64Frames() {
        Proxy.Statistics s = new Proxy.Statistics(1, 2, 3, 4, 5, 6, 7, 0x0102030405060708L);
        try (Message m = s.toMessage()) {
            assertEquals(8, m.size());
            assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, m.frame(0).toBytes());
            assertArrayEquals(new byte[] {8, 7, 6, 5, 4, 3, 2, 1}, m.frame(7).toBytes());
            assertEquals(s, Proxy.Statistics.fromMessage(m));
        }
    }

    @Test
    void decodingAMalformedStatisticsReplyNamesTheProblem() {
        try (Message m = Message.of("PAUSE")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Proxy.Statistics.fromMessage(m));
            assertTrue(e.getMessage().contains("8 frames"), e.getMessage());
        }
        try (Message m = Message.of(new byte[8], new byte[8], new byte[8], new byte[8], new byte[8], new byte[8],
                new byte[8], new byte[4])) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Proxy.Statistics.fromMessage(m));
            assertTrue(e.getMessage().contains("frame 7"), e.getMessage());
        }
    }

    @Test
    void aReceiverWithoutASenderIsRejected() {
        Socket pull1 = ctx.socket(SocketType.PULL);
        Socket pull2 = ctx.socket(SocketType.PULL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Proxy.run(pull1, pull2, null));
        assertTrue(e.getMessage().contains("cannot send"), e.getMessage());
    }

    @Test
    void twoSendOnlySocketsHaveNothingToForward() {
        Socket push1 = ctx.socket(SocketType.PUSH);
        Socket push2 = ctx.socket(SocketType.PUSH);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Proxy.run(push1, push2, null));
        assertTrue(e.getMessage().contains("nothing to forward"), e.getMessage());
    }

    @Test
    void captureMustSendAndControlMustReceive() {
        Socket frontend = ctx.socket(SocketType.PULL);
        Socket backend = ctx.socket(SocketType.PUSH);
        Socket pull = ctx.socket(SocketType.PULL);
        Socket push = ctx.socket(SocketType.PUSH);
        IllegalArgumentException capture = assertThrows(IllegalArgumentException.class,
                () -> Proxy.run(frontend, backend, pull));
        assertTrue(capture.getMessage().contains("capture"), capture.getMessage());
        IllegalArgumentException control = assertThrows(IllegalArgumentException.class,
                () -> Proxy.start(frontend, backend, null, push));
        assertTrue(control.getMessage().contains("control"), control.getMessage());
        assertThrows(NullPointerException.class, () -> Proxy.run(null, backend, null));
    }

    @Test
    void aClosedSocketEndsTheProxyAtOnce() {
        Socket frontend = ctx.socket(SocketType.PULL);
        Socket backend = ctx.socket(SocketType.PUSH);
        backend.close();
        assertEquals(Proxy.Ending.CLOSED, Proxy.run(frontend, backend, null));
    }
}
