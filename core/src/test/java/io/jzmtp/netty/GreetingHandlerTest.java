package io.jzmtp.netty;

import io.jzmtp.wire.Splits;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.jzmtp.wire.Vectors.concat;
import static io.jzmtp.wire.Vectors.get;
import static io.jzmtp.wire.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The greeting exchange (ZMTP.md §2): our output staged like libzmq's (10 signature bytes, the major byte only after
 * the peer's signature, the other 53 only after the peer's major byte), the peer's greeting accepted in any
 * fragmentation, the version table, and leftover bytes handed on.
 */
class GreetingHandlerTest {

    private final List<Rig> rigs = new ArrayList<>();

    /** A failed assertion leaves its channel open; release it so the leak detector blames no later test. */
    @AfterEach
    void releaseUnfinishedRigs() {
        rigs.forEach(r -> r.ch.finishAndReleaseAll());
    }

    /** A greeting handler with a recorder behind it; inputs are kept to check that they are released. */
    private final class Rig {
        final ConnectionState state = new ConnectionState();
        final EventRecorder recorder = new EventRecorder();
        final EmbeddedChannel ch;
        final List<ByteBuf> inputs = new ArrayList<>();
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        final ByteArrayOutputStream leftover = new ByteArrayOutputStream();

        Rig(int routingIdLength) {
            rigs.add(this);
            ch = new EmbeddedChannel(new GreetingHandler("NULL", false, routingIdLength, state), recorder);
            collect();
        }

        void feed(byte[] chunk) {
            ByteBuf b = ByteBufAllocator.DEFAULT.buffer(chunk.length).writeBytes(chunk);
            inputs.add(b);
            ch.writeInbound(b);
            collect();
        }

        byte[] takeSent() {
            byte[] b = sent.toByteArray();
            sent.reset();
            return b;
        }

        private void collect() {
            Object o;
            while ((o = ch.readOutbound()) != null) {
                ByteBuf b = (ByteBuf) o;
                sent.writeBytes(ByteBufUtil.getBytes(b));
                b.release();
            }
            while ((o = ch.readInbound()) != null) {
                ByteBuf b = (ByteBuf) o;
                leftover.writeBytes(ByteBufUtil.getBytes(b));
                b.release();
            }
        }

        boolean removed() {
            return ch.pipeline().get(GreetingHandler.class) == null;
        }

        List<Object> greetingEvents() {
            return recorder.events.stream().filter(e -> e instanceof GreetingHandler.GreetingCompleted).toList();
        }

        void finish() {
            rigs.remove(this);
            assertFalse(ch.finish());
            for (ByteBuf b : inputs) {
                assertEquals(0, b.refCnt(), "input not released");
            }
        }
    }

    /** How many bytes we may have sent once the peer has sent {@code peerBytes} (ZMTP.md §2.2). */
    private static int stagedOutput(int peerBytes) {
        return peerBytes < 10 ? 10 : peerBytes == 10 ? 11 : 64;
    }

    @Test
    void ourGreetingIsSentInLibzmqsThreeStages() {
        Rig rig = new Rig(0);
        assertEquals(hex(get("greeting.signature.no_identity")), hex(rig.takeSent()), "signature at once");
        rig.feed(new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 1});
        assertEquals(0, rig.takeSent().length, "nothing more before the peer's whole signature");
        rig.feed(new byte[] {0x7f});
        assertEquals("03", hex(rig.takeSent()), "major version after the peer's signature");
        rig.feed(new byte[] {3});
        assertEquals(hex(get("greeting.rest.null")), hex(rig.takeSent()), "the other 53 bytes after the major");
        rig.feed(get("greeting.rest.null"));
        assertEquals(0, rig.takeSent().length);
        assertEquals(List.of(new GreetingHandler.GreetingCompleted(ZmtpVersion.V3_1)), rig.greetingEvents());
        assertEquals(ZmtpVersion.V3_1, rig.state.version());
        assertTrue(rig.state.canSendCommands());
        assertTrue(rig.removed());
        rig.finish();
    }

    @Test
    void signaturePaddingCarriesOurRoutingIdLength() {
        Rig rig = new Rig(3);
        assertEquals(hex(get("greeting.signature.identity_abc")), hex(rig.takeSent()));
        rig.finish();
    }

    @Test
    void peerGreetingIsAcceptedInEveryFragmentationWithStagedAnswers() {
        byte[] greeting = get("greeting.full.null");
        for (Splits.Split split : Splits.of(greeting)) {
            Rig rig = new Rig(0);
            int peerBytes = 0;
            for (byte[] chunk : split.chunks()) {
                assertFalse(rig.state.canSendCommands(), split + ": completed early");
                rig.feed(chunk);
                peerBytes += chunk.length;
                assertEquals(stagedOutput(peerBytes), rig.sent.size(), split + " after " + peerBytes + " bytes");
            }
            assertEquals(hex(greeting), hex(rig.takeSent()), split.name());
            assertEquals(1, rig.greetingEvents().size(), split.name());
            assertTrue(rig.recorder.exceptions.isEmpty(), split + ": " + rig.recorder.exceptions);
            assertTrue(rig.removed(), split.name());
            assertEquals(0, rig.leftover.size(), split.name());
            rig.finish();
        }
    }

    @Test
    void bytesAfterTheGreetingFlowOnInEveryFragmentation() {
        byte[] ready = get("ready.DEALER");
        byte[] input = concat(get("greeting.full.null"), ready, get("frames.payload"));
        for (Splits.Split split : Splits.of(input)) {
            Rig rig = new Rig(0);
            split.chunks().forEach(rig::feed);
            assertEquals(hex(concat(ready, get("frames.payload"))), hex(rig.leftover.toByteArray()), split.name());
            assertEquals(1, rig.greetingEvents().size(), split.name());
            rig.finish();
        }
    }

    /** Captured: libzmq with ROUTING_ID "abc" sent its signature first, then the rest of its greeting with READY. */
    @Test
    void libzmqGreetingWithIdentityAndReadyInOneRead() {
        Rig rig = new Rig(0);
        rig.feed(get("greeting.signature.identity_abc"));
        byte[] rest = get("greeting.rest_and_ready.identity_abc");
        rig.feed(rest);
        assertEquals(hex(Arrays.copyOfRange(rest, 54, rest.length)), hex(rig.leftover.toByteArray()));
        assertEquals(ZmtpVersion.V3_1, rig.state.version());
        rig.finish();
    }

    /** ZMTP.md §2.3: revision 2 and anything from 3.1 up are served as 3.1; exactly 3.0 is 3.0. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "greeting.peer.v3_0, V3_0",
        "greeting.peer.v3_1, V3_1",
        "greeting.peer.v3_2, V3_1",
        "greeting.peer.v4_0, V3_1",
        "greeting.peer.v2_0, V3_1",
        "greeting.full.id_client1, V3_1",
    })
    void versionTable(String vector, ZmtpVersion expected) {
        Rig rig = new Rig(0);
        rig.feed(get(vector));
        assertEquals(List.of(new GreetingHandler.GreetingCompleted(expected)), rig.greetingEvents());
        assertEquals(expected, rig.state.version());
        rig.finish();
    }

    /**
     * Failures: the reason, how many peer bytes it takes to detect it (whatever the fragmentation), and what we have
     * sent by then. Revision 0 and 1 (ZMTP 1.0 and 2.0) are refused once byte 10 is known; a first byte other than ff
     * at once; a clear bit 0 in byte 9 once the signature is complete; a mechanism mismatch at byte 64.
     */
    @ParameterizedTest(name = "{0} -> {1} after {2} bytes")
    @CsvSource({
        "greeting.peer.zmtp2_0,   UNSUPPORTED_VERSION, 11, 11",
        "greeting.peer.revision_0, UNSUPPORTED_VERSION, 11, 11",
        "garbage.http,            BAD_GREETING,        1,  10",
        "garbage.ff_even,         BAD_GREETING,        10, 10",
        "garbage.zeros64,         BAD_GREETING,        1,  10",
        "greeting.peer.plain,     MECHANISM_MISMATCH,  64, 64",
    })
    void refusedGreetings(String vector, ZmtpError reason, int detectedAt, int weSent) {
        byte[] input = get(vector);
        for (Splits.Split split : Splits.of(input)) {
            Rig rig = new Rig(0);
            int peerBytes = 0;
            for (byte[] chunk : split.chunks()) {
                rig.feed(chunk);
                peerBytes += chunk.length;
                if (peerBytes < detectedAt) {
                    assertTrue(rig.recorder.exceptions.isEmpty(), split + ": failed after only " + peerBytes);
                } else {
                    assertEquals(reason, rig.recorder.failure(), split.name());
                }
            }
            assertEquals(weSent, rig.sent.size(), split + ": bytes we sent");
            assertTrue(rig.greetingEvents().isEmpty(), split.name());
            if (reason != ZmtpError.MECHANISM_MISMATCH) {   // a mismatch comes after both greetings: ERROR may go
                assertNull(rig.state.version(), split + ": no commands may be sent after a refused greeting");
            }
            assertEquals(0, rig.leftover.size(), split + ": nothing may flow on");
            rig.finish();
        }
    }

    @Test
    void bytesAfterARefusedGreetingAreDroppedAndReleased() {
        Rig rig = new Rig(0);
        rig.feed(get("garbage.http"));
        assertEquals(ZmtpError.BAD_GREETING, rig.recorder.failure());
        rig.feed(get("greeting.full.null"));
        assertEquals(1, rig.recorder.exceptions.size(), "no second failure");
        assertEquals(0, rig.leftover.size());
        assertEquals(10, rig.takeSent().length);
        rig.finish();
    }
}
