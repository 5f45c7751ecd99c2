package io.jzmtp.interop;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.jzmtp.interop.RawZmtp.ascii;
import static io.jzmtp.interop.RawZmtp.command;
import static io.jzmtp.interop.RawZmtp.concat;
import static io.jzmtp.interop.RawZmtp.greeting;
import static io.jzmtp.interop.RawZmtp.message;
import static io.jzmtp.interop.RawZmtp.property;
import static io.jzmtp.interop.RawZmtp.ready;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NULL handshakes that go wrong after a valid greeting (ZMTP.md §5, §6, §11): an incompatible or unknown socket type,
 * a command other than READY, a message before READY, malformed metadata. Our PULL answers each with an ERROR
 * command (possible now that both greetings are done), closes only that connection with the specific reason, delivers
 * nothing from it, and keeps serving its good peer.
 */
class BadHandshakeIT extends BadInputScenario {

    @BeforeEach
    void start() {
        startPull();
    }

    @Test
    void pullPeerIsRefusedWithErrorAsIncompatible() {
        RawConnection raw = attack();
        raw.send(greeting(), ready("PULL"));
        String reason = assertErrorCommand(assertClosedFor(raw, "INCOMPATIBLE_PEER"));
        assertTrue(reason.contains("PULL"), "the ERROR reason names the refused type: " + reason);
        assertStillServing();
    }

    @Test
    void unknownSocketTypeIsRefusedWithErrorAsIncompatible() {
        RawConnection raw = attack();
        raw.send(greeting(), ready("BOGUS"));
        assertErrorCommand(assertClosedFor(raw, "INCOMPATIBLE_PEER"));
        assertStillServing();
    }

    @Test
    void pingInsteadOfReadyIsRefusedWithError() {
        RawConnection raw = attack();
        raw.send(greeting(), command("PING", new byte[] {0, 0}));
        assertErrorCommand(assertClosedFor(raw, "UNEXPECTED_COMMAND"));
        assertStillServing();
    }

    @Test
    void plainHelloInsteadOfReadyIsRefusedWithError() {
        RawConnection raw = attack();
        raw.send(greeting(), command("HELLO", concat(new byte[] {5}, ascii("admin"), new byte[] {6}, ascii("secret"))));
        assertErrorCommand(assertClosedFor(raw, "UNEXPECTED_COMMAND"));
        assertStillServing();
    }

    @Test
    void messageBeforeReadyIsRefusedWithErrorAndNotDelivered() {
        RawConnection raw = attack();
        raw.send(greeting(), message("sneaked in"), ready("PUSH"));
        assertErrorCommand(assertClosedFor(raw, "UNEXPECTED_COMMAND"));
        assertStillServing();
        assertNothingElseDelivered();
    }

    @Test
    void readyWithTrailingByteIsRefusedWithErrorAsBadMetadata() {
        RawConnection raw = attack();
        // READY + one stray byte: libzmq closes on this too (ZMTP.md §5.2).
        raw.send(greeting(), command("READY", concat(property("Socket-Type", ascii("PUSH")), new byte[] {0})),
                message("after bad READY"));
        assertErrorCommand(assertClosedFor(raw, "BAD_METADATA"));
        assertStillServing();
        assertNothingElseDelivered();
    }

    @Test
    void propertyRunningPastReadyIsRefusedWithErrorAsBadMetadata() {
        RawConnection raw = attack();
        byte[] truncated = property("Socket-Type", ascii("PUSH"));
        truncated[truncated.length - 5] = 9;   // value length 4 → 9: runs past the end of the command
        raw.send(greeting(), command("READY", truncated));
        assertErrorCommand(assertClosedFor(raw, "BAD_METADATA"));
        assertStillServing();
    }
}
