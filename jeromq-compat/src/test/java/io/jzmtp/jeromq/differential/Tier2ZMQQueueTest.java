package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQQueue;

/**
 * Pins JeroMQ's {@code ZMQQueue}: a Runnable that forwards requests and replies between a ROUTER and a DEALER on its
 * thread, and ends when their context is closed.
 */
class Tier2ZMQQueueTest {
    private static final AtomicInteger ENDPOINTS = new AtomicInteger();

    @Test
    void forwardsRequestsAndRepliesUntilTheContextCloses() {
        String front = "inproc://tier2-queue-front-" + ENDPOINTS.incrementAndGet();
        String back = "inproc://tier2-queue-back-" + ENDPOINTS.incrementAndGet();
        ZContext ctx = new ZContext();
        try {
            ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
            ZMQ.Socket dealer = ctx.createSocket(SocketType.DEALER);
            router.bind(front);
            dealer.bind(back);
            ZMQ.Socket client = ctx.createSocket(SocketType.REQ);
            ZMQ.Socket worker = ctx.createSocket(SocketType.REP);
            client.connect(front);
            worker.connect(back);
            client.setReceiveTimeOut((int) Await.DEFAULT.toMillis());
            worker.setReceiveTimeOut((int) Await.DEFAULT.toMillis());

            ZMQQueue queue = new ZMQQueue(ctx.getContext(), router, dealer);
            try (Background<Void> running = Background.run("queue", queue::run)) {
                for (int i = 0; i < 3; i++) {
                    client.send("request " + i);
                    assertEquals("request " + i, worker.recvStr());
                    worker.send("reply " + i);
                    assertEquals("reply " + i, client.recvStr());
                }
                ctx.close();
                // run() ends; how is not pinned: JeroMQ's poll races with a concurrent close and may throw
                // (ClosedSelectorException, or a NullPointerException inside zmq.Ctx), where jzmtp-jeromq returns
                running.failure();
                assertTrue(running.isDone());
            }
        } finally {
            ctx.close();
        }
    }
}
