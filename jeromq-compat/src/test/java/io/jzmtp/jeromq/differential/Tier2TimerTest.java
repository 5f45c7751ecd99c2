package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import org.zeromq.timer.TimerHandler;
import org.zeromq.timer.ZTicker;
import org.zeromq.timer.ZTicket;
import org.zeromq.timer.ZTimer;

/**
 * Pins JeroMQ's timers: {@code org.zeromq.timer.ZTimer} repeats, {@code ZTicket} fires once, {@code ZTicker} combines
 * them, cancel and the argument checks, and the deprecated {@code org.zeromq.ZTimer}.
 */
class Tier2TimerTest {

    /** Waits (in bounded steps) until {@code timeout} says something is due. */
    private static void waitUntilDue(LongSupplier timeout) {
        long deadline = System.nanoTime() + Await.DEFAULT.toNanos();
        for (long t = timeout.getAsLong(); t != 0; t = timeout.getAsLong()) {
            assertTrue(t > 0, "nothing pending");
            assertTrue(System.nanoTime() - deadline < 0, "nothing came due in time");
            try {
                Thread.sleep(t);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aTimerRepeatsWithItsArgumentsUntilCancelled() {
        ZTimer timer = new ZTimer();
        assertEquals(-1, timer.timeout(), "no timer");
        List<Object[]> calls = new ArrayList<>();
        ZTimer.Timer t = timer.add(60_000, args -> calls.add(args), "a", 1);
        assertNotNull(t);
        long timeout = timer.timeout();
        assertTrue(timeout > 30_000 && timeout <= 60_000, "timeout " + timeout);
        assertEquals(0, timer.execute(), "not due yet");
        assertTrue(t.setInterval(10));

        assertEquals(1, timer.sleepAndExecute());
        assertEquals(1, timer.sleepAndExecute(), "it repeats");
        assertEquals(2, calls.size());
        assertArrayEquals(new Object[] {"a", 1}, calls.get(0));

        assertTrue(t.cancel());
        assertFalse(t.cancel());
        assertFalse(t.reset());
        assertFalse(t.setInterval(5));
        assertEquals(-1, timer.timeout());
    }

    @Test
    void resetAndSetIntervalRestartTheTimer() {
        ZTimer timer = new ZTimer();
        AtomicInteger calls = new AtomicInteger();
        ZTimer.Timer t = timer.add(60_000, args -> calls.incrementAndGet());
        assertTrue(timer.timeout() > 30_000);
        assertTrue(t.setInterval(10));
        assertTrue(timer.timeout() <= 10);
        assertTrue(t.reset());
        waitUntilDue(timer::timeout);
        assertEquals(1, timer.execute());
        assertEquals(1, calls.get());
    }

    @Test
    void timerArgumentChecks() {
        ZTimer timer = new ZTimer();
        assertNull(timer.add(10, null));
        assertThrows(IllegalArgumentException.class, () -> timer.add(0, args -> { }));
        ZTicket ticket = new ZTicket();
        assertNull(ticket.add(10, null));
        assertThrows(IllegalArgumentException.class, () -> ticket.add(-1, args -> { }));
    }

    @Test
    void aTicketFiresOnce() {
        ZTicket tickets = new ZTicket();
        assertEquals(-1, tickets.timeout());
        List<Object[]> calls = new ArrayList<>();
        TimerHandler handler = args -> calls.add(args);
        ZTicket.Ticket first = tickets.add(10, handler, "first");
        ZTicket.Ticket later = tickets.add(60_000, handler, "later");
        assertTrue(first.compareTo(later) < 0, "the earlier ticket sorts first");
        assertTrue(later.compareTo(first) > 0);
        long timeout = tickets.timeout();
        assertTrue(timeout >= 0 && timeout <= 10, "timeout " + timeout);

        waitUntilDue(tickets::timeout);
        assertEquals(1, tickets.execute());
        assertEquals(0, tickets.execute(), "a ticket fires once");
        assertEquals(1, calls.size());
        assertArrayEquals(new Object[] {"first"}, calls.get(0));
        assertFalse(first.cancel(), "it already fired");
        assertTrue(tickets.timeout() > 30_000, "only the later ticket is pending");
        assertTrue(later.cancel());
    }

    @Test
    void aCancelledTicketDoesNotFire() {
        ZTicket tickets = new ZTicket();
        AtomicInteger calls = new AtomicInteger();
        ZTicket.Ticket cancelled = tickets.add(5, args -> calls.incrementAndGet());
        tickets.add(10, args -> calls.incrementAndGet());
        assertTrue(cancelled.cancel());
        assertFalse(cancelled.cancel());
        waitUntilDue(tickets::timeout);
        waitUntilDue(tickets::timeout);
        assertEquals(1, tickets.execute());
        assertEquals(1, calls.get());
    }

    @Test
    void theTickerRunsTimersAndTickets() {
        ZTicker ticker = new ZTicker();
        assertEquals(-1, ticker.timeout());
        AtomicInteger timerCalls = new AtomicInteger();
        AtomicInteger ticketCalls = new AtomicInteger();
        ticker.addTimer(60_000, args -> timerCalls.incrementAndGet());
        assertTrue(ticker.timeout() > 30_000, "only the timer: its timeout");
        ticker.addTicket(10, args -> ticketCalls.incrementAndGet());
        assertTrue(ticker.timeout() <= 10, "the earlier of the two");
        waitUntilDue(ticker::timeout);
        assertEquals(1, ticker.execute());
        assertEquals(0, timerCalls.get());
        assertEquals(1, ticketCalls.get());
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedZTimer() {
        org.zeromq.ZTimer timer = new org.zeromq.ZTimer();
        AtomicInteger calls = new AtomicInteger();
        org.zeromq.ZTimer.Timer t = timer.add(10, args -> calls.incrementAndGet());
        assertNotNull(t);
        assertNull(timer.add(10, null));
        assertEquals(1, timer.sleepAndExecute());
        assertEquals(1, calls.get());
        assertTrue(timer.setInterval(t, 20));
        assertTrue(timer.reset(t));
        assertTrue(timer.cancel(t));
        assertFalse(timer.cancel(t));
        assertEquals(-1, timer.timeout());
        assertEquals(0, timer.execute());
    }
}
