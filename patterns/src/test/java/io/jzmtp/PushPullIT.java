package io.jzmtp;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class PushPullIT {

    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void pushDeliversToPullInOrder() {
        Socket pull = ctx.socket(SocketType.PULL);
        String ep = pull.bind("tcp://127.0.0.1:*");
        Socket push = ctx.socket(SocketType.PUSH);
        push.connect(ep);
        for (int i = 0; i < 10_000; i++) {
            push.send(Message.of("msg-" + i, "part2"));
        }
        pull.set(SocketOption.RCVTIMEO, Duration.ofSeconds(10));
        for (int i = 0; i < 10_000; i++) {
            try (Message m = pull.receive()) {
                assertNotNull(m, "message " + i);
                assertEquals(2, m.size());
                assertEquals("msg-" + i, m.frame(0).toUtf8());
                assertEquals("part2", m.frame(1).toUtf8());
                assertEquals("PUSH", m.metadata().socketType().orElseThrow());
            }
        }
    }

    /**
     * RECEIVE_ARRAYS over tcp: frames of every size, small, sliced by default, and collected over many reads, come in
     * arrays of their own that {@code sharedBytes} hands over, with the bytes that were sent.
     */
    @Test
    void receiveArraysDeliversEveryFrameInAnArrayOfItsOwn() {
        Socket pull = ctx.socket(SocketType.PULL).set(SocketOption.RECEIVE_ARRAYS, true)
                .set(SocketOption.RCVTIMEO, Duration.ofSeconds(10));
        String ep = pull.bind("tcp://127.0.0.1:*");
        Socket push = ctx.socket(SocketType.PUSH);
        push.connect(ep);
        int[] sizes = {1, 255, 256, 4096, 65_536, 3_000_000};
        Message sent = new Message();
        for (int i = 0; i < sizes.length; i++) {
            byte[] body = new byte[sizes[i]];
            Arrays.fill(body, (byte) i);
            body[body.length - 1] = (byte) 0xee;
            sent.add(Frame.of(body));
        }
        push.send(sent);
        try (Message m = pull.receive()) {
            assertNotNull(m);
            assertEquals(sizes.length, m.size());
            for (int i = 0; i < sizes.length; i++) {
                byte[] array = m.frame(i).sharedBytes();
                assertSame(array, m.frame(i).sharedBytes(), "frame " + i + " is an array of its own");
                assertEquals(sizes[i], array.length);
                assertEquals((byte) 0xee, array[array.length - 1]);
                assertEquals(sizes[i] == 1 ? (byte) 0xee : (byte) i, array[0], "frame " + i);
            }
        }
    }
}
