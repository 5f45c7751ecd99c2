package io.jzmtp.interop;

import io.jzmtp.SocketOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.util.Arrays;

import static io.jzmtp.interop.RawZmtp.FLAG_COMMAND;
import static io.jzmtp.interop.RawZmtp.FLAG_MORE;
import static io.jzmtp.interop.RawZmtp.concat;
import static io.jzmtp.interop.RawZmtp.frame;
import static io.jzmtp.interop.RawZmtp.greeting;
import static io.jzmtp.interop.RawZmtp.header;
import static io.jzmtp.interop.RawZmtp.longHeader;
import static io.jzmtp.interop.RawZmtp.message;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Frames that break the rules after a good handshake (ZMTP.md §3), with MAXMSGSIZE = 1000 on our PULL. A frame
 * declaring more than that is refused from its header alone: our side closes at once, without waiting for (or
 * allocating) a body that never comes, even for sizes no JVM buffer can hold. Frames cut short by a closing peer are
 * never delivered. Like libzmq, MAXMSGSIZE limits each frame, not the sum of a multipart message.
 */
class BadFramingIT extends BadInputScenario {

    private static final long MAX_MSG_SIZE = 1000;
    /** Tag for tests whose PULL keeps the default MAXMSGSIZE (no limit). */
    private static final String NO_LIMIT = "no-maxmsgsize";

    @BeforeEach
    void start(TestInfo test) {
        if (test.getTags().contains(NO_LIMIT)) {
            startPull();
        } else {
            startPull(s -> s.set(SocketOption.MAXMSGSIZE, MAX_MSG_SIZE));
        }
    }

    @Test
    void frameOfExactlyMaxMsgSizeIsDelivered() {
        RawConnection raw = handshakenRawPush();
        byte[] body = Payloads.patterned((int) MAX_MSG_SIZE, 1);
        raw.send(frame(0, body));
        expectFromRaw(body);
        assertStillServing();
    }

    @Test
    void multipartWithinMaxMsgSizeInTotalIsDelivered() {
        RawConnection raw = handshakenRawPush();
        byte[] a = Payloads.patterned(400, 2);
        byte[] b = Payloads.patterned(600, 3);
        raw.send(frame(FLAG_MORE, a), frame(0, b));
        expectFromRaw(a, b);
        assertStillServing();
    }

    /**
     * jzmtp bounds a message's running total by MAXMSGSIZE (libzmq checks frames only), so an endless chain of small
     * MORE frames cannot grow memory without limit.
     */
    @Test
    void multipartLargerThanMaxMsgSizeInTotalIsRefused() {
        RawConnection raw = handshakenRawPush();
        raw.send(frame(FLAG_MORE, Payloads.patterned(600, 2)), frame(FLAG_MORE, Payloads.patterned(600, 3)));
        assertClosedFor(raw, "FRAME_TOO_LARGE");
        assertStillServing();
        assertNothingElseDelivered();
    }

    @Test
    void frameOneByteOverMaxMsgSizeIsRefusedFromItsHeader() {
        assertRefusedFromHeader(MAX_MSG_SIZE + 1);
    }

    @Test
    void frameDeclaring2To62BytesIsRefusedFromItsHeader() {
        assertRefusedFromHeader(1L << 62);
    }

    @Test
    void frameDeclaring2To64Minus1BytesIsRefusedFromItsHeader() {
        assertRefusedFromHeader(-1L);   // all 64 size bits set: negative as a Java long
    }

    @Test
    @Tag(NO_LIMIT)
    void frameDeclaring2To62BytesIsRefusedFromItsHeaderWithoutMaxMsgSize() {
        assertRefusedFromHeader(1L << 62);   // no limit set, yet no JVM buffer can hold it: refuse, never allocate
    }

    @Test
    void oversizeCommandInPlaceOfReadyIsRefusedWithError() {
        RawConnection raw = attack();
        raw.send(greeting(), longHeader(FLAG_COMMAND, MAX_MSG_SIZE + 1));
        RawConnection.Closed closed = assertClosedFor(raw, "FRAME_TOO_LARGE");
        assertErrorCommand(closed);   // still in the handshake, where ERROR is the way to say why
        assertStillServing();
    }

    @Test
    void truncatedFrameIsNeverDelivered() {
        RawConnection raw = handshakenRawPush();
        raw.send(header(0, 100), Arrays.copyOf(Payloads.patterned(100, 4), 10));
        raw.shutdownOutput();
        raw.awaitClosed(CLOSE_DEADLINE);
        assertStillServing();
        assertNothingElseDelivered();
    }

    @Test
    void truncatedMultipartIsNeverDelivered() {
        RawConnection raw = handshakenRawPush();
        raw.send(frame(FLAG_MORE, "first".getBytes(UTF_8)), frame(FLAG_MORE, new byte[0]), header(0, 100),
                new byte[10]);
        raw.shutdownOutput();
        raw.awaitClosed(CLOSE_DEADLINE);
        assertStillServing();
        assertNothingElseDelivered();
    }

    @Test
    void commandWithMoreFlagIsRefusedAsMalformedFrame() {
        RawConnection raw = handshakenRawPush();
        raw.send(frame(FLAG_COMMAND | FLAG_MORE, concat(new byte[] {4}, "PING".getBytes(UTF_8), new byte[2])),
                message("after the bad frame"));
        assertClosedFor(raw, "MALFORMED_FRAME");
        assertStillServing();
        assertNothingElseDelivered();
    }

    /** After a good handshake, a long header declaring {@code size} bytes and no body: closed at once. */
    private void assertRefusedFromHeader(long size) {
        RawConnection raw = handshakenRawPush();
        raw.send(longHeader(0, size));
        RawConnection.Closed closed = assertClosedFor(raw, "FRAME_TOO_LARGE");
        assertTrue(closed.sinceLastSend().compareTo(CLOSE_DEADLINE) < 0, "closed "
                + closed.sinceLastSend().toMillis() + " ms after the header");
        assertStillServing();
        assertNothingElseDelivered();
    }
}
