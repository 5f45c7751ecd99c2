package io.jzmtp.interop;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.jzmtp.interop.RawZmtp.ascii;
import static io.jzmtp.interop.RawZmtp.greeting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Greetings that are not ZMTP 3 (ZMTP.md §2, §11): our PULL closes only that connection, with the specific reason,
 * sends nothing beyond its signature and major version to a peer that never proved to speak ZMTP 3, and keeps serving
 * its good peer. A peer that stops half-way through its greeting must not disturb anything either.
 */
class BadGreetingIT extends BadInputScenario {

    @BeforeEach
    void start() {
        startPull();
    }

    @Test
    void httpRequestIsRefusedAsBadGreeting() {
        RawConnection raw = attack();
        raw.send(ascii("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        RawConnection.Closed closed = assertClosedFor(raw, "BAD_GREETING");
        assertSentAtMostSignatureAndMajor(closed);
        assertStillServing();
    }

    @Test
    void zmtp10AnonymousIdentityIsRefusedAsBadGreeting() {
        RawConnection raw = attack();
        raw.send(new byte[] {0x01, 0x00});   // ZMTP 1.0: an empty identity frame, first byte not 0xff
        RawConnection.Closed closed = assertClosedFor(raw, "BAD_GREETING");
        assertSentAtMostSignatureAndMajor(closed);
        assertStillServing();
    }

    @Test
    void zmtp10LongIdentityLengthIsRefusedAsBadGreeting() {
        RawConnection raw = attack();
        // 0xff + 8-byte length with bit 0 of byte 9 clear: an unversioned 1.0 peer with a long identity (§2.3).
        raw.send(new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 1, 0x7e, 0x00});
        RawConnection.Closed closed = assertClosedFor(raw, "BAD_GREETING");
        assertSentAtMostSignatureAndMajor(closed);
        assertStillServing();
    }

    @Test
    void zmtp20GreetingIsRefusedAsUnsupportedVersion() {
        RawConnection raw = attack();
        // ZMTP 2.0: signature, revision 01, socket type PUSH (8), then an empty identity frame.
        raw.send(new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 1, 0x7f, 0x01, 0x08, 0x00, 0x00});
        RawConnection.Closed closed = assertClosedFor(raw, "UNSUPPORTED_VERSION");
        assertSentAtMostSignatureAndMajor(closed);
        assertStillServing();
    }

    @Test
    void zmtp10Revision0GreetingIsRefusedAsUnsupportedVersion() {
        RawConnection raw = attack();
        raw.send(new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 1, 0x7f, 0x00, 0x08, 0x01, 0x00});
        RawConnection.Closed closed = assertClosedFor(raw, "UNSUPPORTED_VERSION");
        assertSentAtMostSignatureAndMajor(closed);
        assertStillServing();
    }

    @Test
    void sixtyFourZeroBytesAreRefusedAsBadGreeting() {
        RawConnection raw = attack();
        raw.send(new byte[64]);
        RawConnection.Closed closed = assertClosedFor(raw, "BAD_GREETING");
        assertSentAtMostSignatureAndMajor(closed);
        assertStillServing();
    }

    @Test
    void plainMechanismIsRefusedByNullSocket() {
        RawConnection raw = attack();
        raw.send(greeting("PLAIN"));
        RawConnection.Closed closed = assertClosedFor(raw, "MECHANISM_MISMATCH");
        var commands = RawZmtp.commandsAfterGreeting(closed.sent());
        assertEquals(1, commands.size(), "one ERROR, then the close: " + RawZmtp.hex(closed.sent()));
        String reason = commands.get(0).errorReason();
        assertTrue(reason.contains("PLAIN") && reason.contains("NULL"), reason);
        assertStillServing();
    }

    @Test
    void truncatedGreetingThenEndOfStreamIsClosedQuietly() {
        RawConnection raw = attack();
        raw.send(Arrays.copyOf(greeting(), 30));
        raw.shutdownOutput();
        raw.awaitClosed(CLOSE_DEADLINE);
        assertStillServing();
        assertTrue(log.linesFor(raw.localPort()).isEmpty(),
                "a peer that just left mid-greeting is not a protocol error: " + log.linesFor(raw.localPort()));
    }

    @Test
    void truncatedGreetingThenCloseDoesNotDisturbTheSocket() {
        RawConnection raw = attack();
        raw.send(Arrays.copyOf(greeting(), 30));
        raw.close();   // gone for good; nothing to observe on this connection afterwards
        assertStillServing();
        handshakenRawPush();   // and new connections are still accepted and served
    }
}
