package io.jzmtp.socket;

import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.routing.MemoryPipes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.jzmtp.routing.MemoryPipes.drainOutbound;
import static io.jzmtp.routing.MemoryPipes.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PUB and XPUB fan-out over in-memory pipes at SNDHWM, with one subscriber (the path that offers straight to its pipe)
 * and with two: PUB drops for a full subscriber and counts it, XPUB_NODROP refuses the send and leaves the message
 * with the caller. Messages come from pooled buffers, so a message lost on any of these paths is a leak report.
 */
class PublisherTest {

    private Pattern pattern;
    private final MemoryPipes pipes = new MemoryPipes().onReadable(p -> pattern.readable(p));

    @AfterEach
    void releaseQueued() {
        pipes.releaseAll();
    }

    private static PatternOptions options(boolean noDrop) {
        return new PatternOptions() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get(SocketOption<T> option) {
                return option == SocketOption.XPUB_NODROP ? (T) Boolean.valueOf(noDrop) : option.defaultValue();
            }
        };
    }

    /** A subscriber's pipe, subscribed to {@code prefix}, that holds at most {@code sendHwm} messages for it. */
    private Pipe subscriber(int sendHwm, String prefix) {
        Pipe p = pipes.pipe(sendHwm, 0);
        pattern.attach(p);
        p.pushInbound(Message.subscription(true, prefix.getBytes(StandardCharsets.UTF_8)));
        if (pattern instanceof XPubSocket) {
            Message up = pattern.receive();   // XPUB hands a new topic's subscription up; this test is about sending
            if (up != null) {
                up.close();
            }
        }
        return p;
    }

    @Test
    void pubDropsForItsOneFullSubscriberAndCountsIt() {
        pattern = Patterns.create(SocketType.PUB, options(false));
        Pipe only = subscriber(2, "");
        assertTrue(pattern.send(message("1")));
        assertTrue(pattern.send(message("2")));
        assertTrue(pattern.send(message("3")), "PUB never blocks: the message is dropped");
        assertEquals(1, pattern.drops());
        assertEquals(List.of("1", "2"), drainOutbound(only));
        assertTrue(pattern.send(message("4")), "room again once the pipe drained");
        assertEquals(List.of("4"), drainOutbound(only));
        assertEquals(1, pattern.drops());
    }

    @Test
    void xpubNoDropRefusesForItsOneFullSubscriberAndTheCallerKeepsTheMessage() {
        pattern = Patterns.create(SocketType.XPUB, options(true));
        Pipe only = subscriber(2, "");
        assertTrue(pattern.send(message("1")));
        assertTrue(pattern.send(message("2")));
        Message third = message("3");
        assertFalse(pattern.send(third), "NODROP: would block");
        assertEquals("3", third.first().toUtf8(), "still the caller's, unreleased");
        assertFalse(pattern.canSend());
        assertEquals(List.of("1", "2"), drainOutbound(only));
        assertTrue(pattern.canSend());
        assertTrue(pattern.send(third), "the same message goes once there is room");
        assertEquals(List.of("3"), drainOutbound(only));
        assertEquals(0, pattern.drops());
    }

    @Test
    void aMessageNobodySubscribedToIsReleasedWithoutCountingADrop() {
        pattern = Patterns.create(SocketType.XPUB, options(true));
        Pipe only = subscriber(1, "news");
        assertTrue(pattern.send(message("weather")));
        assertTrue(pattern.send(message("news 1")));
        assertEquals(List.of("news 1"), drainOutbound(only));
        assertEquals(0, pattern.drops());
    }

    @Test
    void pubWithTwoSubscribersDropsOnlyForTheFullOne() {
        pattern = Patterns.create(SocketType.PUB, options(false));
        Pipe slow = subscriber(1, "");
        Pipe fast = subscriber(10, "");
        assertTrue(pattern.send(message("1")));
        assertTrue(pattern.send(message("2")));
        assertEquals(1, pattern.drops(), "the slow subscriber missed the second");
        assertEquals(List.of("1"), drainOutbound(slow));
        assertEquals(List.of("1", "2"), drainOutbound(fast));
    }

    @Test
    void xpubNoDropWithTwoSubscribersSendsToNeitherWhileOneIsFull() {
        pattern = Patterns.create(SocketType.XPUB, options(true));
        Pipe slow = subscriber(1, "");
        Pipe fast = subscriber(10, "");
        assertTrue(pattern.send(message("1")));
        Message second = message("2");
        assertFalse(pattern.send(second), "NODROP: all or nothing");
        assertEquals(List.of("1"), drainOutbound(fast), "the fast one did not get it either");
        assertEquals(List.of("1"), drainOutbound(slow));
        assertTrue(pattern.send(second));
        assertEquals(List.of("2"), drainOutbound(slow));
        assertEquals(List.of("2"), drainOutbound(fast));
        assertEquals(0, pattern.drops());
    }
}
