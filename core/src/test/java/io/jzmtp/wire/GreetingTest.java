package io.jzmtp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.jzmtp.wire.Vectors.get;
import static io.jzmtp.wire.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The greeting's byte layout against libzmq's captured greetings (ZMTP.md §2.1), and the version table (§2.3). */
class GreetingTest {

    @ParameterizedTest(name = "identity length {0} -> {1}")
    @CsvSource({
        "0, greeting.signature.no_identity",
        "3, greeting.signature.identity_abc",
    })
    void signaturePaddingCarriesIdentityLengthPlusOneLikeLibzmq(int identityLength, String vector) {
        ByteBuf out = Unpooled.buffer();
        Greeting.writeSignature(out, identityLength);
        assertEquals(hex(get(vector)), ByteBufUtil.hexDump(out));
        out.release();
    }

    @Test
    void signatureForLongestIdentity() {
        ByteBuf out = Unpooled.buffer();
        Greeting.writeSignature(out, 255);
        assertEquals("ff00000000000001007f", ByteBufUtil.hexDump(out));
        out.release();
    }

    @ParameterizedTest(name = "identity length {0} -> {1}")
    @CsvSource({
        "0, greeting.full.null",
        "8, greeting.full.id_client1",
        "3, greeting.full.id_rtr",
    })
    void wholeGreetingEqualsLibzmqs(int identityLength, String vector) {
        ByteBuf out = Unpooled.buffer();
        Greeting.writeSignature(out, identityLength);
        assertEquals(Greeting.SIGNATURE_LENGTH, out.readableBytes());
        Greeting.writeMajor(out);
        Greeting.writeRest(out, "NULL", false);
        assertEquals(Greeting.GREETING_LENGTH, out.readableBytes());
        assertEquals(hex(get(vector)), ByteBufUtil.hexDump(out));
        out.release();
    }

    @Test
    void restIsTheFiftyThreeBytesLibzmqSendsAfterTheMajorByte() {
        ByteBuf out = Unpooled.buffer();
        Greeting.writeRest(out, "NULL", false);
        assertEquals(Greeting.REST_LENGTH, out.readableBytes());
        assertArrayEquals(get("greeting.rest.null"), ByteBufUtil.getBytes(out));
        out.release();
    }

    @Test
    void asServerFlagIsByte32() {
        ByteBuf out = Unpooled.buffer();
        Greeting.writeSignature(out, 0);
        Greeting.writeMajor(out);
        Greeting.writeRest(out, "PLAIN", true);
        assertEquals(1, out.getByte(Greeting.AS_SERVER_OFFSET));
        assertEquals("PLAIN", Greeting.mechanismText(out, Greeting.MECHANISM_OFFSET));
        for (int i = Greeting.AS_SERVER_OFFSET + 1; i < Greeting.GREETING_LENGTH; i++) {
            assertEquals(0, out.getByte(i), "filler byte " + i);
        }
        out.release();
    }

    @Test
    void mechanismNameMustFitTwentyBytes() {
        ByteBuf out = Unpooled.buffer();
        assertThrows(IllegalArgumentException.class, () -> Greeting.writeRest(out, "", false));
        assertThrows(IllegalArgumentException.class, () -> Greeting.writeRest(out, "X".repeat(21), false));
        out.clear();
        Greeting.writeRest(out, "M".repeat(20), false);
        assertEquals(Greeting.REST_LENGTH, out.readableBytes());
        assertTrue(Greeting.mechanismMatches(out, 1, "M".repeat(20)));
        out.release();
    }

    /** A refused mechanism name must not leave half a greeting in the buffer (the minor byte is written first). */
    @Test
    void invalidMechanismNameWritesNothing() {
        ByteBuf out = Unpooled.buffer();
        assertThrows(IllegalArgumentException.class, () -> Greeting.writeRest(out, "X".repeat(21), false));
        assertEquals(0, out.readableBytes(), "bytes written before the name was validated");
        out.release();
    }

    @Test
    void mechanismMatchesAllTwentyBytes() {
        ByteBuf plain = Unpooled.wrappedBuffer(get("greeting.peer.plain"));
        ByteBuf nul = Unpooled.wrappedBuffer(get("greeting.full.null"));
        assertTrue(Greeting.mechanismMatches(nul, Greeting.MECHANISM_OFFSET, "NULL"));
        assertFalse(Greeting.mechanismMatches(nul, Greeting.MECHANISM_OFFSET, "NUL"), "a prefix is not a match");
        assertFalse(Greeting.mechanismMatches(nul, Greeting.MECHANISM_OFFSET, "NULLX"));
        assertFalse(Greeting.mechanismMatches(plain, Greeting.MECHANISM_OFFSET, "NULL"));
        assertTrue(Greeting.mechanismMatches(plain, Greeting.MECHANISM_OFFSET, "PLAIN"));

        ByteBuf junkAfterName = Unpooled.wrappedBuffer(get("greeting.full.null"));
        junkAfterName.setByte(Greeting.MECHANISM_OFFSET + 19, 'x');
        assertFalse(Greeting.mechanismMatches(junkAfterName, Greeting.MECHANISM_OFFSET, "NULL"),
                "the NUL padding is part of the comparison");
        assertEquals("PLAIN", Greeting.mechanismText(plain, Greeting.MECHANISM_OFFSET));
    }

    @Test
    void mechanismTextMasksUnprintableBytes() {
        ByteBuf b = Unpooled.buffer().writeBytes(Vectors.hex("4e 01 4c ff 00")).writeZero(20);
        assertEquals("N?L?", Greeting.mechanismText(b, 0));
        b.release();
    }

    @ParameterizedTest(name = "{0}: versioned={1}")
    @CsvSource({
        "greeting.signature.no_identity, true",
        "greeting.signature.identity_abc, true",
        "greeting.peer.zmtp2_0, true",
        "garbage.ff_even, false",
        "garbage.http, false",
        "garbage.zeros64, false",
    })
    void versionedSignatureNeedsFfAndBitZeroOfByteNine(String vector, boolean versioned) {
        assertEquals(versioned, Greeting.isVersionedSignature(Unpooled.wrappedBuffer(get(vector)), 0));
    }

    /** ZMTP.md §2.3 as libzmq 4.3.4 decides (revision 0 and 1 are refused earlier, by the greeting handler). */
    @ParameterizedTest(name = "{0}.{1} -> {2}")
    @CsvSource({
        "3, 0, V3_0",
        "3, 1, V3_1",
        "3, 2, V3_1",
        "3, 255, V3_1",
        "4, 0, V3_1",
        "2, 0, V3_1",
        "2, 1, V3_1",
        "255, 255, V3_1",
    })
    void versionTable(int major, int minor, ZmtpVersion expected) {
        assertEquals(expected, ZmtpVersion.negotiate(major, minor));
    }

    @Test
    void onlyV31HasSubscriptionCommands() {
        assertTrue(ZmtpVersion.V3_1.hasSubscriptionCommands());
        assertFalse(ZmtpVersion.V3_0.hasSubscriptionCommands());
        assertEquals("3.0", ZmtpVersion.V3_0.toString());
        assertEquals("3.1", ZmtpVersion.V3_1.toString());
    }
}
