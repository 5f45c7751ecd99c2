package io.jzmtp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.jzmtp.TestSupport.receiveText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CONFLATE on the receiving types other than SUB (which PubSubIT covers): a receive returns only the newest of the
 * queued messages. Over inproc a send puts the message in the receiver's pipe before it returns, so the whole burst
 * is queued when the receive runs.
 */
class ConflateIT {

    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    enum Pair {
        PUSH_TO_PULL(SocketType.PUSH, SocketType.PULL),
        DEALER_TO_DEALER(SocketType.DEALER, SocketType.DEALER);

        final SocketType sender;
        final SocketType receiver;

        Pair(SocketType sender, SocketType receiver) {
            this.sender = sender;
            this.receiver = receiver;
        }
    }

    @ParameterizedTest
    @EnumSource(Pair.class)
    void aReceiveTakesOnlyTheNewest(Pair pair) {
        Socket receiver = ctx.socket(pair.receiver).set(SocketOption.CONFLATE, true);
        receiver.bind("inproc://conflate-" + pair);
        Socket sender = ctx.socket(pair.sender);
        sender.connect("inproc://conflate-" + pair);
        for (int i = 0; i < 100; i++) {
            assertTrue(sender.send("v" + i));
        }
        assertEquals("v99", receiveText(receiver));
        assertNull(receiver.tryReceive(), "the older messages were dropped, not kept for later");
        assertTrue(sender.send("after"));
        assertEquals("after", receiveText(receiver));
    }

    @ParameterizedTest
    @EnumSource(Pair.class)
    void withoutConflateEveryMessageArrives(Pair pair) {
        Socket receiver = ctx.socket(pair.receiver);
        receiver.bind("inproc://plain-" + pair);
        Socket sender = ctx.socket(pair.sender);
        sender.connect("inproc://plain-" + pair);
        for (int i = 0; i < 10; i++) {
            assertTrue(sender.send("v" + i));
        }
        for (int i = 0; i < 10; i++) {
            assertEquals("v" + i, receiveText(receiver));
        }
    }
}
