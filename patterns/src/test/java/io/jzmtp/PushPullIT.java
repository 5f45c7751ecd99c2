package io.jzmtp;

import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
}
