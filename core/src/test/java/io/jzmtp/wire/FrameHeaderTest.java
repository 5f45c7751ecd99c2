package io.jzmtp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frame headers (ZMTP.md §3): the short form up to 255 bytes, the LONG form above, as libzmq sends them. */
class FrameHeaderTest {

    @ParameterizedTest(name = "flags {0}, size {1} -> {2}")
    @CsvSource({
        "0, 0, 0000",
        "1, 1, 0101",
        "4, 10, 040a",
        "0, 255, 00ff",
        "0, 256, 020000000000000100",
        "1, 300, 03000000000000012c",
        "4, 256, 060000000000000100",
        "0, 9223372036854775807, 027fffffffffffffff",
    })
    void shortUpTo255LongAbove(int flags, long size, String expectedHex) {
        ByteBuf out = Unpooled.buffer();
        FrameHeader.write(out, flags, size);
        assertEquals(expectedHex, ByteBufUtil.hexDump(out));
        assertEquals(out.readableBytes(), FrameHeader.length(size));
        out.release();
    }

    /** The flag bits of ZMTP 3.x (RFC 23 §2.3); the decoder keeps no object per frame, only these. */
    @Test
    void flagBitsAreTheSpecs() {
        assertEquals(1, FrameHeader.FLAG_MORE);
        assertEquals(2, FrameHeader.FLAG_LONG);
        assertEquals(4, FrameHeader.FLAG_COMMAND);
        assertEquals(255, FrameHeader.MAX_SHORT_SIZE);
    }

    @Test
    void protocolExceptionKeepsReasonAndDetail() {
        ZmtpProtocolException e = new ZmtpProtocolException(ZmtpError.BAD_METADATA, "value: too long");
        assertEquals(ZmtpError.BAD_METADATA, e.reason());
        assertEquals("value: too long", e.detail());
        assertTrue(e.getMessage().startsWith("BAD_METADATA"));
    }
}
