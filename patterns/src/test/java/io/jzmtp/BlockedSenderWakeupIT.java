package io.jzmtp;

import io.jzmtp.msg.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jzmtp.TestSupport.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sender blocked at SNDHWM is always woken when the pipe drains. With high-water marks of one message, nearly every
 * send waits for the I/O thread to take the previous message, so the moment between "the pipe is full" and "I am
 * waiting" is crossed hundreds of thousands of times. A drain that lands there and is not noticed leaves the sender
 * waiting for ever with an empty pipe, and the receiver waiting for a message that will not come: the silent stall
 * of a flow-controlled benchmark run. Here such a send would time out and fail the test.
 */
class BlockedSenderWakeupIT {

    private static final int MESSAGES = 200_000;
    private static final Duration STALL = Duration.ofSeconds(20);

    @Test
    void aSenderWaitingAtTheHighWaterMarkIsAlwaysWokenByTheDrain() throws Exception {
        try (Context ctx = Context.create()) {
            Socket pull = ctx.socket(SocketType.PULL).set(SocketOption.RCVHWM, 1);
            Socket push = ctx.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 1);
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
                int n = 0;
                while (n < MESSAGES) {
                    try (Message m = pull.receive(STALL)) {
                        assertNotNull(m, "STALL: the receiver waited " + STALL + " after " + n + " messages");
                        n++;
                    }
                }
                return n;
            });
            byte[] payload = new byte[64];
            for (int i = 0; i < MESSAGES; i++) {
                assertTrue(push.send(Message.of(payload), STALL), "STALL: send " + i + " waited " + STALL
                        + " (" + push.statistics() + ")");
            }
            assertEquals(MESSAGES, received.get(PATIENCE.toSeconds() + STALL.toSeconds(), TimeUnit.SECONDS));
        }
    }

    /** The same for {@code sendAsync}: a send queued at SNDHWM completes when the pipe drains. */
    @Test
    void anAsyncSendWaitingAtTheHighWaterMarkCompletesWhenThePipeDrains() throws Exception {
        try (Context ctx = Context.create()) {
            Socket pull = ctx.socket(SocketType.PULL).set(SocketOption.RCVHWM, 1);
            Socket push = ctx.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 1);
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            int messages = MESSAGES / 4;
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
                int n = 0;
                while (n < messages) {
                    try (Message m = pull.receive(STALL)) {
                        assertNotNull(m, "STALL: the receiver waited " + STALL + " after " + n + " messages");
                        n++;
                    }
                }
                return n;
            });
            byte[] payload = new byte[64];
            for (int i = 0; i < messages; i++) {
                assertTrue(push.sendAsync(Message.of(payload)).get(STALL.toSeconds(), TimeUnit.SECONDS),
                        "send " + i);
            }
            assertEquals(messages, received.get(PATIENCE.toSeconds() + STALL.toSeconds(), TimeUnit.SECONDS));
        }
    }
}
