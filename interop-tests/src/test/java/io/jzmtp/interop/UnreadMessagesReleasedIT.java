package io.jzmtp.interop;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;
import io.jzmtp.testing.RecordingLeakDetector;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages a peer sent that our PULL had queued but nobody received are released when the socket closes, whether
 * the peer is still connected or already gone. Netty notices an unreleased buffer only once it is garbage, so each
 * scenario runs in its own method, leaving nothing reachable, and the test then collects garbage and asks the leak
 * detector.
 */
class UnreadMessagesReleasedIT {

    private static final int SENT = 50;
    private static final int RECEIVED = 10;

    @BeforeEach
    void forgetEarlierReports() {
        RecordingLeakDetector.drain();
    }

    @Test
    void unreadMessagesAreReleasedWhenOurPullCloses() throws InterruptedException {
        leaveUnreadMessages(false);
        List<String> leaks = collectLeakReports();
        assertTrue(leaks.isEmpty(), () -> leaks.size() + " buffer(s) of unread messages leaked when our PULL closed;"
                + " first: " + firstLines(leaks));
    }

    @Test
    void unreadMessagesOfDepartedPeerAreReleasedWhenOurPullCloses() throws InterruptedException {
        leaveUnreadMessages(true);
        List<String> leaks = collectLeakReports();
        assertTrue(leaks.isEmpty(), () -> leaks.size() + " buffer(s) of unread messages leaked when our PULL closed"
                + " after its peer had left; first: " + firstLines(leaks));
    }

    /** Their PUSH sends {@value #SENT} messages, we receive {@value #RECEIVED}, then everything is closed. */
    private static void leaveUnreadMessages(boolean peerLeavesFirst) {
        Context context = Context.create();
        JeromqPeer push = new JeromqPeer(SocketType.PUSH);
        try {
            Socket pull = context.socket(SocketType.PULL);
            pull.set(SocketOption.LINGER, Duration.ZERO);
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            for (int i = 0; i < SENT; i++) {
                push.send(("unread-" + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < RECEIVED; i++) {
                try (Message m = pull.receive(Duration.ofSeconds(10))) {
                    assertNotNull(m, "message " + i);
                    assertEquals("unread-" + i, m.frame(0).toUtf8());
                }
            }
            if (peerLeavesFirst) {
                push.close();
            }
        } finally {
            push.close();
            context.close();
        }
    }

    /** The start of the first report: enough to see where the buffer was last touched (the full text is logged). */
    private static String firstLines(List<String> leaks) {
        return leaks.get(0).lines().limit(12).collect(Collectors.joining("\n"));
    }

    /** Collects garbage until reference processing has run, and makes the leak detector look, a few times. */
    private static List<String> collectLeakReports() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
            System.gc();
            queue.remove(2000);   // returns once this collection's references were processed
            sentinel.clear();
            for (ByteBufAllocator a : List.of(PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT)) {
                for (int i = 0; i < 64; i++) {
                    a.directBuffer(16).release();   // every tracked allocation polls the detector's queue
                    a.heapBuffer(16).release();
                }
            }
        }
        return RecordingLeakDetector.drain();
    }
}
