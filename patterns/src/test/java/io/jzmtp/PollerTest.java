package io.jzmtp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The poller's API without network traffic: argument checks, registration, and closed sockets and pollers. */
class PollerTest {

    private final Context ctx = Context.create();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void negativeTimeoutIsRejected() {
        try (Poller poller = new Poller()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> poller.poll(Duration.ofMillis(-1)));
            assertTrue(e.getMessage().contains("negative"), e.getMessage());
            assertThrows(NullPointerException.class, () -> poller.poll(null));
        }
    }

    @Test
    void zeroTimeoutWithNothingReadyReturnsZero() {
        Socket pull = ctx.socket(SocketType.PULL);
        try (Poller poller = new Poller().register(pull, Poller.Event.READABLE, Poller.Event.WRITABLE)) {
            assertEquals(0, poller.poll(Duration.ZERO));
            assertFalse(poller.isReadable(pull));
            assertFalse(poller.isWritable(pull));
        }
    }

    @Test
    void registeringAgainReplacesTheEvents() {
        Socket pull = ctx.socket(SocketType.PULL);
        Socket pair = ctx.socket(SocketType.PAIR);
        try (Poller poller = new Poller()) {
            poller.register(pull, Poller.Event.READABLE);
            poller.register(pull, EnumSet.of(Poller.Event.WRITABLE));
            poller.register(pair);   // no events: never ready, but still watched for close
            assertEquals(2, poller.size());
            assertTrue(poller.unregister(pull));
            assertFalse(poller.unregister(pull));
            assertEquals(1, poller.size());
        }
    }

    @Test
    void askingAboutAnUnregisteredSocketNamesIt() {
        Socket pull = ctx.socket(SocketType.PULL);
        try (Poller poller = new Poller()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> poller.isReadable(pull));
            assertTrue(e.getMessage().contains("PULL") && e.getMessage().contains("not registered"), e.getMessage());
        }
    }

    @Test
    void aClosedSocketIsReportedByNameAndCanBeUnregistered() {
        Socket pull = ctx.socket(SocketType.PULL);
        Socket pair = ctx.socket(SocketType.PAIR);
        try (Poller poller = new Poller().register(pull, Poller.Event.READABLE).register(pair, Poller.Event.READABLE)) {
            pull.close();
            SocketClosedException e = assertThrows(SocketClosedException.class, () -> poller.poll(Duration.ZERO));
            assertTrue(e.getMessage().contains("PULL") && e.getMessage().contains("closed"), e.getMessage());
            assertTrue(poller.unregister(pull));
            assertEquals(0, poller.poll(Duration.ZERO), "the other socket is still polled");
            assertThrows(SocketClosedException.class, () -> poller.register(pull, Poller.Event.READABLE));
        }
    }

    @Test
    void aClosedPollerRefusesUse() {
        Socket pull = ctx.socket(SocketType.PULL);
        Poller poller = new Poller().register(pull, Poller.Event.READABLE);
        poller.close();
        poller.close();   // idempotent
        assertEquals(0, poller.size());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> poller.poll(Duration.ZERO));
        assertTrue(e.getMessage().contains("poller is closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> poller.register(pull, Poller.Event.READABLE));
    }

    @Test
    void nullsAreRejected() {
        Socket pull = ctx.socket(SocketType.PULL);
        try (Poller poller = new Poller()) {
            assertThrows(NullPointerException.class, () -> poller.register(null, Poller.Event.READABLE));
            assertThrows(NullPointerException.class, () -> poller.register(pull, (Poller.Event) null));
            assertThrows(NullPointerException.class, () -> poller.unregister(null));
        }
    }
}
