package io.jzmtp;

import org.junit.jupiter.api.Test;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inproc consumer's promise under contention, more threads than cores: whoever asks after queueing is served
 * (by itself or by the thread holding the consumer), and the mover never runs on two threads at once. A lost "go
 * round again" would leave items queued with nobody to move them: the final count catches it.
 */
class OutboundConsumerStressTest {

    private static final int THREADS = 4;
    private static final int ITEMS_PER_THREAD = 200_000;

    @Test
    void everyQueuedItemIsMovedAndTheMoverNeverRunsTwiceAtOnce() throws Exception {
        Queue<Integer> queue = new ConcurrentLinkedQueue<>();
        AtomicLong moved = new AtomicLong();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        OutboundConsumer consumer = new OutboundConsumer();
        consumer.mover(() -> {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            while (queue.poll() != null) {
                moved.incrementAndGet();
            }
            inside.decrementAndGet();
        });
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            boolean direct = t % 2 == 0;   // half take the sender's fast paths, half ask as a drain request would
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < ITEMS_PER_THREAD; i++) {
                    if (direct && consumer.tryEnterAlone()) {
                        // the sender's fast path: its own item, delivered as the consumer, nothing queued
                        if (inside.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        moved.incrementAndGet();
                        inside.decrementAndGet();
                        consumer.leaveAlone();
                    } else if (direct && consumer.tryEnter()) {
                        queue.add(i);
                        consumer.exit();
                    } else {
                        queue.add(i);
                        consumer.run();
                    }
                }
            });
            threads[t].start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join(60_000);
            assertTrue(!t.isAlive(), "a producer is stuck");
        }
        assertEquals(0, overlaps.get(), "the mover ran on two threads at once");
        assertEquals((long) THREADS * ITEMS_PER_THREAD, moved.get(), "items left behind: " + queue.size());
    }

    @Test
    void aTaskRunsAsTheConsumerEvenWhenAnotherThreadHoldsIt() throws Exception {
        OutboundConsumer consumer = new OutboundConsumer();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        consumer.mover(() -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread holder = new Thread(consumer::run);
        holder.start();
        holding.await();
        consumer.execute(ran::incrementAndGet);   // the holder must run it before letting go
        assertEquals(0, ran.get(), "ran beside the holder instead of after it");
        consumer.mover(null);
        release.countDown();
        holder.join(10_000);
        assertEquals(1, ran.get());
    }

    @Test
    void aRequestMadeWhileASenderDeliversDirectlyIsServedWhenItLeaves() {
        OutboundConsumer consumer = new OutboundConsumer();
        AtomicInteger moves = new AtomicInteger();
        consumer.mover(moves::incrementAndGet);
        assertTrue(consumer.tryEnterAlone());
        consumer.run();   // as the receiver's "room again" would, while the sender holds the consumer: only marked
        assertEquals(0, moves.get(), "moved beside the holder");
        consumer.leaveAlone();
        assertEquals(1, moves.get(), "the marked request was dropped");
        assertTrue(consumer.tryEnterAlone(), "left busy");
        consumer.leaveAlone();
        assertEquals(1, moves.get(), "a round without a request");
    }
}
