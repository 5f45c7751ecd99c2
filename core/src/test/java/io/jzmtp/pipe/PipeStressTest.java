package io.jzmtp.pipe;

import io.jzmtp.msg.Message;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipe between real threads, in the style of a jcstress test: a producer and a consumer at full speed on each
 * queue, checking order, loss, duplication and the high-water mark, and (inbound) that the once-per-read readiness
 * announcement never loses a wake-up, which would leave the reader parked with messages waiting. Bounded: a few
 * hundred thousand messages, with a deadline so that a lost wake-up fails instead of hanging.
 */
class PipeStressTest {

    private static final int MESSAGES = 300_000;
    private static final long DEADLINE_SECONDS = 60;

    @Test
    void outboundKeepsOrderAndNeverExceedsTheHighWaterMark() throws Exception {
        int hwm = 16;
        Pipe pipe = new Pipe(hwm, 0, Runnable::run, Listener.NONE);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread io = new Thread(() -> {
            try {
                int expected = 0;
                while (expected < MESSAGES) {
                    Message m = pipe.pollOutbound();
                    if (m == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    try (m) {
                        assertEquals(expected, index(m), "messages leave in the order they were offered");
                    }
                    expected++;
                    if (ThreadLocalRandom.current().nextInt(64) == 0) {
                        pipe.outboundDrained();
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "io");
        io.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        for (int i = 0; i < MESSAGES && failure.get() == null; i++) {
            Message m = message(i);
            while (!pipe.offer(m)) {
                assertTrue(System.nanoTime() - deadline < 0, "the consumer stopped draining");
                Thread.onSpinWait();
            }
            assertTrue(pipe.outboundSize() <= hwm, "at most SNDHWM queued, saw " + pipe.outboundSize());
        }
        io.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        assertNull(failure.get());
        assertEquals(0, pipe.outboundSize());
    }

    @Test
    void inboundAnnouncementsNeverLoseAWakeUp() throws Exception {
        AtomicReference<Thread> reader = new AtomicReference<>();
        Pipe pipe = new Pipe(0, 0, Runnable::run, new Listener() {
            @Override
            public void readable(Pipe p) {
                LockSupport.unpark(reader.get());
            }
        });
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread readerThread = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
                int expected = 0;
                while (expected < MESSAGES) {
                    for (Message m = pipe.poll(); m != null; m = pipe.poll()) {
                        int got = index(m);
                        m.close();
                        assertEquals(expected, got);
                        expected++;
                    }
                    if (!pipe.clearReadable()) {
                        // Nothing came after we emptied it: wait for the next announcement. Parking may end early
                        // (an old permit, or spuriously) but must never outlast its wait with messages queued.
                        long parked = System.nanoTime();
                        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(5));
                        boolean timedOut = System.nanoTime() - parked >= TimeUnit.SECONDS.toNanos(5);
                        assertTrue(!timedOut || pipe.inboundSize() == 0, "the reader slept through "
                                + pipe.inboundSize() + " queued messages (" + expected + " received): a wake-up"
                                + " was lost");
                        assertTrue(System.nanoTime() - deadline < 0, "not done by the deadline");
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "reader");
        reader.set(readerThread);
        readerThread.start();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < MESSAGES; ) {
            int batch = 1 + random.nextInt(32);   // one socket read's worth, announced once
            for (int k = 0; k < batch && i < MESSAGES; k++, i++) {
                pipe.pushInboundQuietly(message(i));
            }
            pipe.announceInbound();
        }
        readerThread.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS + 5));
        assertNull(failure.get());
        assertEquals(0, pipe.inboundSize());
    }

    private static Message message(int index) {
        return Message.of(ByteBuffer.allocate(4).putInt(0, index).array());
    }

    private static int index(Message m) {
        return m.first().toByteBuffer().getInt(0);
    }

    /** A listener that ignores everything, to be overridden in part. */
    private interface Listener extends PipeListener {
        Listener NONE = new Listener() {
        };

        @Override
        default void readable(Pipe pipe) {
        }

        @Override
        default void writable(Pipe pipe) {
        }
    }
}
