package io.jzmtp.routing;

import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jzmtp.routing.MemoryPipes.consume;
import static io.jzmtp.routing.MemoryPipes.deliver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fair-queued receiving (ZMTP.md §15): one whole message per readable pipe in turn; pipes found empty leave the queue
 * and come back through a fresh "readable" announcement, which the pipe makes only after {@link Pipe#clearReadable}.
 */
class FairQueueTest {

    private final FairQueue fq = new FairQueue();
    private final MemoryPipes pipes = new MemoryPipes().onReadable(fq::readable);

    @AfterEach
    void releaseQueued() {
        pipes.releaseAll();
    }

    private List<String> receiveAll() {
        List<String> got = new ArrayList<>();
        Message m;
        while ((m = fq.receive()) != null) {
            got.add(consume(m));
        }
        return got;
    }

    @Test
    void oneMessagePerPipeInTurn() {
        Pipe a = pipes.pipe(0, 0);
        Pipe b = pipes.pipe(0, 0);
        Pipe c = pipes.pipe(0, 0);
        for (int i = 0; i < 3; i++) {
            deliver(a, "a" + i);
        }
        deliver(b, "b0");
        for (int i = 0; i < 2; i++) {
            deliver(c, "c" + i, "more");
        }
        assertEquals(List.of("a0", "b0", "c0|more", "a1", "c1|more", "a2"), receiveAll());
        assertFalse(fq.hasReadable());
    }

    @Test
    void aPipeAnnouncesItselfOnceWhileItHasMessages() {
        Pipe a = pipes.pipe(0, 0);
        deliver(a, "1");
        deliver(a, "2");
        deliver(a, "3");
        assertEquals(List.of(a), pipes.announcements(), "no duplicate entries in the queue");
        assertEquals(List.of("1", "2", "3"), receiveAll());
    }

    @Test
    void aDrainedPipeIsAnnouncedAgainWhenMessagesArrive() {
        Pipe a = pipes.pipe(0, 0);
        deliver(a, "1");
        assertEquals(List.of("1"), receiveAll());
        assertNull(fq.receive());
        deliver(a, "2");
        assertEquals(List.of(a, a), pipes.announcements());
        assertTrue(fq.hasReadable());
        assertEquals(List.of("2"), receiveAll());
    }

    @Test
    void aPipeFoundEmptyIsDropped() {
        Pipe a = pipes.pipe(0, 0);
        Pipe b = pipes.pipe(0, 0);
        deliver(a, "a0");
        deliver(b, "b0");
        consume(a.poll());         // someone else emptied a (e.g. the socket discarded it)
        assertEquals(List.of("b0"), receiveAll());
        assertFalse(fq.hasReadable(), "a left the queue when found empty");
        deliver(a, "a1");
        assertEquals(List.of(a, b, a), pipes.announcements(), "a announced itself again");
        assertEquals(List.of("a1"), receiveAll());
    }

    @Test
    void clearReadableKeepsTheMarkWhenAMessageArrivedMeanwhile() {
        Pipe a = pipes.pipe(0, 0);
        deliver(a, "1");
        assertTrue(a.clearReadable(), "a message is waiting, so the reader must keep the pipe");
        deliver(a, "2");
        assertEquals(List.of(a), pipes.announcements(), "still marked: no second announcement");
        consume(a.poll());
        consume(a.poll());
        assertFalse(a.clearReadable(), "empty: the mark is cleared");
        deliver(a, "3");
        assertEquals(List.of(a, a), pipes.announcements(), "cleared: the next message is announced");
    }

    @Test
    void messageArrivingBetweenPollAndClearIsNotLost() {
        // The reader found the pipe empty; a message arrives before it clears the mark. clearReadable() must report
        // it so the pipe stays in the queue, because no new announcement will come (the mark was still set).
        Pipe a = pipes.pipe(0, 0);
        deliver(a, "1");
        assertEquals(List.of("1"), receiveAll());
        deliver(a, "2");
        deliver(a, "3");
        assertEquals(List.of("2", "3"), receiveAll());
        assertNull(fq.receive());
        assertEquals(2, pipes.announcements().size());
    }

    @Test
    void newPipeJoinsAtTheEndOfTheTurn() {
        Pipe a = pipes.pipe(0, 0);
        deliver(a, "a0");
        deliver(a, "a1");
        deliver(a, "a2");
        Message first = fq.receive();
        assertEquals("a0", consume(first));
        Pipe b = pipes.pipe(0, 0);
        deliver(b, "b0");
        assertEquals(List.of("a1", "b0", "a2"), receiveAll());
    }

    @Test
    void terminatedPipeStillDeliversWhatItReceived() {
        Pipe a = pipes.pipe(0, 0);
        deliver(a, "last words");
        a.terminate();
        assertEquals(List.of("last words"), receiveAll());
    }

}
