package io.jzmtp.interop;

import io.jzmtp.SocketOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static io.jzmtp.interop.RawZmtp.greeting;
import static io.jzmtp.interop.RawZmtp.message;
import static io.jzmtp.interop.RawZmtp.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * HANDSHAKE_IVL on the wire: a peer that says nothing, or stops after its greeting, is closed after roughly the
 * interval with reason HANDSHAKE_TIMEOUT; a peer that completes its handshake in time is not closed later (libzmq
 * 4.3.4 forgets to stop this timer for legacy peers, ZMTP.md §2.4; we must not have that bug for any peer).
 */
class HandshakeTimeoutIT extends BadInputScenario {

    private static final Duration HANDSHAKE_IVL = Duration.ofMillis(300);
    /** The timer may not fire early (minus a little for clock granularity) … */
    private static final Duration EARLIEST = Duration.ofMillis(250);
    /** … and must fire, on a busy 2-core CI machine, well within this. */
    private static final Duration LATEST = Duration.ofSeconds(3);

    @BeforeEach
    void start() {
        startPull(s -> s.set(SocketOption.HANDSHAKE_IVL, HANDSHAKE_IVL));
    }

    @Test
    void silentPeerIsClosedAfterHandshakeIvl() {
        RawConnection raw = attack();
        RawConnection.Closed closed = raw.awaitClosed(LATEST);
        assertEquals("HANDSHAKE_TIMEOUT", log.awaitReason(raw.localPort(), CLOSE_DEADLINE));
        assertClosedInWindow(closed);
        assertEquals(RawZmtp.SIGNATURE_LENGTH, closed.sent().length,
                "to a silent peer we send our signature and nothing else: " + RawZmtp.hex(closed.sent()));
        assertStillServing();
    }

    @Test
    void peerSilentAfterGreetingIsClosedAfterHandshakeIvl() {
        RawConnection raw = attack();
        raw.send(greeting());
        RawConnection.Closed closed = raw.awaitClosed(LATEST);
        assertEquals("HANDSHAKE_TIMEOUT", log.awaitReason(raw.localPort(), CLOSE_DEADLINE));
        assertClosedInWindow(closed);
        assertEquals("READY", RawZmtp.commandsAfterGreeting(closed.sent()).get(0).name(),
                "we sent our READY before giving up");
        assertStillServing();
    }

    @Test
    void completedHandshakeIsNotTimedOutLater() {
        RawConnection raw = handshakenRawPush();
        raw.assertStaysOpen(HANDSHAKE_IVL.multipliedBy(3));
        raw.send(message("still here"));
        expectFromRaw("still here".getBytes(UTF_8));
        assertTrue(log.linesFor(raw.localPort()).isEmpty(), "nothing logged: " + log.linesFor(raw.localPort()));
        assertStillServing();
    }

    @Test
    void greetingInStagesCompletesWithinHandshakeIvl() {
        RawConnection raw = attack();
        raw.send(Arrays.copyOf(greeting(), 10));
        raw.awaitReceived(RawZmtp.SIGNATURE_LENGTH + 1, LATEST);   // our major version answers our signature
        raw.send(Arrays.copyOfRange(greeting(), 10, 64), ready("PUSH"), message("timely"));
        expectFromRaw("timely".getBytes(UTF_8));
        assertStillServing();
    }

    private static void assertClosedInWindow(RawConnection.Closed closed) {
        assertTrue(closed.sinceConnect().compareTo(EARLIEST) >= 0,
                "closed after " + closed.sinceConnect().toMillis() + " ms, before HANDSHAKE_IVL " + HANDSHAKE_IVL);
        assertTrue(closed.sinceConnect().compareTo(LATEST) <= 0,
                "closed after " + closed.sinceConnect().toMillis() + " ms, long after HANDSHAKE_IVL " + HANDSHAKE_IVL);
    }
}
