package org.zeromq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * Behaviour of the Tier 2 classes where this drop-in is deliberately more dependable than JeroMQ 0.6.0, so it is not
 * a differential test: JeroMQ's own poll races with a concurrent context close (a ClosedSelectorException, or a
 * NullPointerException in {@code zmq.Ctx.sendCommand}, was seen from ZLoop and ZMQQueue), and its ZMonitor waits
 * forever once the monitored socket is gone.
 */
class Tier2DropInOnlyTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void closingTheContextEndsAZLoopWaitingOnItsSockets() throws Exception {
        ZContext ctx = new ZContext();
        try {
            ZMQ.Socket in = ctx.createSocket(SocketType.PULL);
            in.bind("inproc://tier2-dropin-zloop");
            ZLoop loop = new ZLoop(ctx);
            loop.addPoller(new ZMQ.PollItem(in, ZMQ.Poller.POLLIN), (l, it, arg) -> -1, null);
            AtomicReference<Thread> looping = new AtomicReference<>();
            loop.addTimer(1, 1, (l, it, arg) -> {
                looping.set(Thread.currentThread());
                return 0;
            }, null);
            CompletableFuture<Integer> result = CompletableFuture.supplyAsync(loop::start);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            // wait until the loop is parked in its poll, so that the close ends a wait rather than a later turn
            while (looping.get() == null || looping.get().getState() != Thread.State.TIMED_WAITING) {
                assertTrue(System.nanoTime() - deadline < 0, "the loop never waited in its poll");
                Thread.onSpinWait();
            }
            ctx.close();
            assertEquals(0, result.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
        } finally {
            ctx.close();
        }
    }

    @Test
    void aZMQQueueReturnsNormallyWhenItsContextCloses() throws Exception {
        ZContext ctx = new ZContext();
        try {
            ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
            ZMQ.Socket dealer = ctx.createSocket(SocketType.DEALER);
            router.bind("inproc://tier2-dropin-queue-front");
            dealer.bind("inproc://tier2-dropin-queue-back");
            ZMQ.Socket client = ctx.createSocket(SocketType.REQ);
            ZMQ.Socket worker = ctx.createSocket(SocketType.REP);
            client.connect("inproc://tier2-dropin-queue-front");
            worker.connect("inproc://tier2-dropin-queue-back");
            CompletableFuture<Void> running =
                    CompletableFuture.runAsync(new ZMQQueue(ctx.getContext(), router, dealer));
            client.send("ping");
            assertEquals("ping", worker.recvStr());
            worker.send("pong");
            assertEquals("pong", client.recvStr());
            ctx.close();
            running.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);   // rethrows if run() threw
        } finally {
            ctx.close();
        }
    }

    @Test
    void aZMonitorEndsWhenItsSocketCloses() {
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket socket = ctx.createSocket(SocketType.PULL);
            try (ZMonitor monitor = new ZMonitor(ctx, socket)) {
                monitor.add(ZMonitor.Event.LISTENING).start();
                socket.bind("tcp://127.0.0.1:*");
                ZMonitor.ZEvent listening = monitor.nextEvent((int) DEADLINE.toMillis());
                assertEquals(ZMonitor.Event.LISTENING, listening.type);
                socket.close();
                assertNull(monitor.nextEvent(), "no more events once the socket is closed");
                assertNull(monitor.nextEvent(), "and it stays so");
            }
        }
    }
}
