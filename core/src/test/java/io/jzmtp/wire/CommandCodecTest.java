package io.jzmtp.wire;

import io.jzmtp.msg.Metadata;
import io.jzmtp.testing.CommandBytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static io.jzmtp.wire.Vectors.ascii;
import static io.jzmtp.wire.Vectors.body;
import static io.jzmtp.wire.Vectors.get;
import static io.jzmtp.wire.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Command bodies (ZMTP.md §4, §5.2, §8, §10, §11) encoded and decoded against the bytes libzmq 4.3.4 sent and
 * accepted. Malformed bodies must fail with the specific reason.
 */
class CommandCodecTest {

    // ---- READY ---------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PAIR", "PUB", "SUB", "REQ", "REP", "DEALER", "ROUTER", "PULL", "PUSH", "XPUB", "XSUB"})
    void libzmqReadyDecodesAndReencodesToTheSameBytes(String type) {
        byte[] wire = get("ready." + type);
        Command.Ready ready = assertInstanceOf(Command.Ready.class, decode(body(wire)));
        assertEquals(type, ready.metadata().socketType().orElseThrow());
        assertEquals(hex(wire), hex(CommandBytes.encode(ready)));
    }

    @Test
    void readyWithIdentityAndApplicationMetadata() {
        Metadata id = ready("ready.DEALER.id_client1");
        assertArrayEquals(ascii("client-1"), id.identity().orElseThrow());

        Metadata x = ready("ready.DEALER.x_hello");
        assertEquals(List.of("Socket-Type", "Identity", "X-Hello"),
                x.properties().stream().map(Metadata.Property::name).toList());
        assertEquals("World", x.get("X-Hello").orElseThrow());
        assertTrue(x.identity().isEmpty(), "an empty Identity is no identity");
        assertTrue(x.bytes(Metadata.IDENTITY).isPresent());
    }

    @Test
    void readyWithoutPropertiesIsAcceptedAsEmptyMetadata() {
        Metadata m = ready("ready.peer.no_properties");
        assertEquals(Metadata.EMPTY, m);
        assertTrue(m.socketType().isEmpty());
    }

    @Test
    void unknownPropertiesAreKeptInOrder() {
        Metadata m = ready("ready.peer.unknown_property");
        assertEquals("[Socket-Type=PUSH, X-Foo=bar, Whatever=1]", m.properties().toString());
        assertEquals("bar", m.get("x-foo").orElseThrow());
        assertEquals("1", m.get("WHATEVER").orElseThrow());
    }

    @Test
    void lowerCaseSocketTypeNameIsMatchedCaseInsensitivelyAndKeptAsSent() {
        Metadata m = ready("ready.peer.lowercase_name_pull");
        assertEquals("socket-type", m.properties().get(0).name());
        assertEquals("PULL", m.socketType().orElseThrow());
    }

    @Test
    void socketTypeValueIsKeptExactly() {
        assertEquals("push", ready("ready.peer.lowercase_value_push").socketType().orElseThrow());
    }

    @Test
    void strayTrailingByteIsBadMetadata() {
        assertReason(ZmtpError.BAD_METADATA, () -> decode(body(get("ready.peer.trailing_byte"))));
    }

    @Test
    void valueLengthPastTheEndIsBadMetadata() {
        byte[] b = body(get("ready.PULL"));
        b[b.length - 5] = 5;   // value length 4 -> 5, one byte more than remains
        assertReason(ZmtpError.BAD_METADATA, () -> decode(b));
        byte[] huge = body(get("ready.PULL"));
        huge[huge.length - 8] = (byte) 0xff;   // value length 0xff000004: must not allocate or overflow
        assertReason(ZmtpError.BAD_METADATA, () -> decode(huge));
    }

    @Test
    void nameOrValueLengthFieldCutShortIsBadMetadata() {
        // name length 11 but only "Socket" follows
        assertReason(ZmtpError.BAD_METADATA, () -> decode(Vectors.concat(ascii("\u0005READY\u000bSocket"))));
        // full name, but only two bytes of the four-byte value length
        assertReason(ZmtpError.BAD_METADATA, () -> decode(Vectors.concat(ascii("\u0005READY\u000bSocket-Type"),
                new byte[] {0, 0})));
    }

    @Test
    void emptyPropertyNameIsBadMetadata() {
        assertReason(ZmtpError.BAD_METADATA, () -> decode(Vectors.concat(ascii("\u0005READY"),
                new byte[] {0, 0, 0, 0, 0})));
    }

    @Test
    void decodeDoesNotMoveTheCallersReaderIndex() {
        ByteBuf b = Unpooled.wrappedBuffer(body(get("ready.PAIR")));
        CommandCodec.decode(b);
        assertEquals(0, b.readerIndex());
        assertEquals(b.capacity(), b.readableBytes());
    }

    // ---- ERROR ---------------------------------------------------------------------------------------------------

    @Test
    void errorRoundTripsWithLibzmqBytes() {
        assertEquals(new Command.Error("go away"), decode(body(get("command.error_go_away"))));
        assertEquals(new Command.Error("400"), decode(body(get("command.error_400"))));
        assertEquals(hex(get("command.error_go_away")), hex(CommandBytes.encode(new Command.Error("go away"))));
        assertEquals(hex(get("command.error_400")), hex(CommandBytes.encode(new Command.Error("400"))));
    }

    @Test
    void emptyErrorReason() {
        byte[] wire = CommandBytes.encode(new Command.Error(""));
        assertEquals("0407054552524f5200", hex(wire));
        assertEquals(new Command.Error(""), decode(body(wire)));
    }

    @Test
    void errorReasonLongerThan255BytesIsTruncated() {
        byte[] wire = CommandBytes.encode(new Command.Error("r".repeat(300)));
        assertEquals(9 + 1 + 5 + 1 + 255, wire.length, "a 262-byte body needs the LONG header");
        assertEquals(new Command.Error("r".repeat(255)), decode(body(wire)));
    }

    @Test
    void errorReasonLengthMustMatchTheBody() {
        byte[] b = body(get("command.error_400"));
        byte[] tooLong = b.clone();
        tooLong[6] = 4;
        byte[] tooShort = b.clone();
        tooShort[6] = 2;
        assertReason(ZmtpError.MALFORMED_COMMAND, () -> decode(tooLong));
        assertReason(ZmtpError.MALFORMED_COMMAND, () -> decode(tooShort));
        assertReason(ZmtpError.MALFORMED_COMMAND, () -> decode(ascii("\u0005ERROR")));
    }

    /**
     * libzmq's PLAIN server writes "\x05ERROR" in C, i.e. 5e "RROR" (ZMTP.md §12): the name runs past the body. It is
     * read as the ERROR it means; the same bytes with a reason of the wrong length stay malformed.
     */
    @Test
    void libzmqPlainErrorBugIsReadAsError() {
        assertEquals(new Command.Error("400"), decode(body(Vectors.hex("04 09 5e 52 52 4f 52 03 34 30 30"))));
        assertReason(ZmtpError.MALFORMED_COMMAND, () -> decode(body(Vectors.hex("04 09 5e 52 52 4f 52 04 34 30 30"))));
    }

    @Test
    void emptyBodyOrEmptyNameIsMalformed() {
        assertReason(ZmtpError.MALFORMED_COMMAND, () -> decode(new byte[0]));
        assertReason(ZmtpError.MALFORMED_COMMAND, () -> decode(new byte[] {0, 'X'}));
    }

    // ---- SUBSCRIBE / CANCEL --------------------------------------------------------------------------------------

    @Test
    void subscribeAndCancelMatchLibzmq() {
        byte[] both = get("command.subscribe_empty_and_topic");
        byte[] first = Arrays.copyOfRange(both, 0, 12);
        byte[] second = Arrays.copyOfRange(both, 12, both.length);
        assertEquals(new Command.Subscribe(new byte[0]), decode(body(first)));
        assertEquals(new Command.Subscribe(ascii("topic")), decode(body(second)));
        assertEquals(new Command.Cancel(ascii("topic")), decode(body(get("command.cancel_topic"))));
        assertEquals(hex(both), hex(Vectors.concat(CommandBytes.encode(new Command.Subscribe(new byte[0])),
                CommandBytes.encode(new Command.Subscribe(ascii("topic"))))));
        assertEquals(hex(get("command.cancel_topic")), hex(CommandBytes.encode(new Command.Cancel(ascii("topic")))));
        assertEquals(hex(get("command.subscribe_news")),
                hex(CommandBytes.encode(new Command.Subscribe(ascii("news")))));
        assertEquals(hex(get("command.cancel_news")), hex(CommandBytes.encode(new Command.Cancel(ascii("news")))));
    }

    @Test
    void topicsAreBinaryAndDefensivelyCopied() {
        byte[] topic = {0, (byte) 0xff, 'a'};
        Command.Subscribe s = new Command.Subscribe(topic);
        topic[0] = 9;
        assertArrayEquals(new byte[] {0, (byte) 0xff, 'a'}, s.topic());
        assertEquals(s, decode(body(CommandBytes.encode(s))));
    }

    // ---- PING / PONG ---------------------------------------------------------------------------------------------

    @Test
    void pingFromAPeerIsAnsweredWithLibzmqsPong() {
        Command.Ping abc = assertInstanceOf(Command.Ping.class, decode(body(get("command.ping_abc"))));
        assertEquals(0, abc.ttlDeciseconds());
        assertArrayEquals(ascii("abc"), abc.context());
        assertEquals(hex(get("command.pong_abc")), hex(CommandBytes.encode(abc.answer())));

        Command.Ping none = assertInstanceOf(Command.Ping.class, decode(body(get("command.ping_no_ctx"))));
        assertEquals(0, none.context().length);
        assertEquals(hex(get("command.pong_empty")), hex(CommandBytes.encode(none.answer())));
    }

    @Test
    void pongEchoesAtMostSixteenContextBytes() {
        Command.Ping p = assertInstanceOf(Command.Ping.class, decode(body(get("command.ping_ctx20"))));
        assertEquals(20, p.context().length);
        assertEquals(hex(get("command.pong_ctx20")), hex(CommandBytes.encode(p.answer())));
        assertEquals(new Command.Pong(ascii("0123456789ABCDEF")), decode(body(get("command.pong_ctx20"))));
    }

    @Test
    void pingTtlIsBigEndianDeciseconds() {
        assertEquals(new Command.Ping(10, new byte[0]), decode(body(get("command.ping_ttl10"))));
        assertEquals(new Command.Ping(20, new byte[0]), decode(body(get("command.libzmq_ping_ttl20"))));
        assertEquals(hex(get("command.libzmq_ping_ttl20")),
                hex(CommandBytes.encode(new Command.Ping(20, new byte[0]))));
        byte[] max = CommandBytes.encode(new Command.Ping(0xffff, ascii("c")));
        assertEquals(new Command.Ping(0xffff, ascii("c")), decode(body(max)));
        assertThrows(IllegalArgumentException.class, () -> new Command.Ping(0x10000, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new Command.Ping(-1, new byte[0]));
    }

    @Test
    void pingWithoutItsTwoTtlBytesIsMalformed() {
        assertReason(ZmtpError.MALFORMED_COMMAND, () -> decode(ascii("\u0004PING")));
        assertReason(ZmtpError.MALFORMED_COMMAND, () -> decode(ascii("\u0004PING\u0000")));
    }

    // ---- others --------------------------------------------------------------------------------------------------

    /** Unknown commands keep their data, so a security mechanism can read its own commands from them. */
    @Test
    void unknownCommandsDecodeAsUnknownWithTheirData() {
        assertEquals(new Command.Unknown("FOOBAR", new byte[] {1, 2}), decode(body(get("command.unknown_foobar"))));
        assertEquals(new Command.Unknown("HELLO"), decode(body(get("command.hello"))));
        assertEquals(new Command.Unknown("ready"), decode(ascii("\u0005ready")), "command names are case-sensitive");
    }

    /** ... and write them: an unknown command encodes back to the same bytes. */
    @Test
    void unknownCommandsEncodeBackToTheirBytes() {
        assertEquals(hex(get("command.unknown_foobar")),
                hex(CommandBytes.encode(new Command.Unknown("FOOBAR", new byte[] {1, 2}))));
        assertEquals(hex(get("command.hello")), hex(CommandBytes.encode(new Command.Unknown("HELLO"))));
        assertThrows(IllegalArgumentException.class, () -> new Command.Unknown(""));
    }

    @Test
    void encodedLengthIsWhatEncodeWrites() {
        List<Command> commands = List.of(new Command.Ready(Metadata.EMPTY),
                new Command.Ready(ready("ready.DEALER.x_hello")), new Command.Error("e".repeat(400)),
                new Command.Subscribe(new byte[300]), new Command.Cancel(new byte[0]),
                new Command.Ping(7, new byte[16]), new Command.Pong(new byte[3]));
        for (Command c : commands) {
            assertEquals(CommandBytes.encode(c).length, CommandCodec.encodedLength(c), c.toString());
        }
    }

    @Test
    void longCommandUsesTheLongCommandFlag() {
        byte[] wire = CommandBytes.encode(new Command.Subscribe(new byte[300]));
        assertEquals(0x06, wire[0]);
        assertEquals(new Command.Subscribe(new byte[300]), decode(body(wire)));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static Metadata ready(String vector) {
        return assertInstanceOf(Command.Ready.class, decode(body(get(vector)))).metadata();
    }

    static Command decode(byte[] body) {
        ByteBuf b = Unpooled.wrappedBuffer(body);
        try {
            return CommandCodec.decode(b);
        } finally {
            b.release();
        }
    }


    static void assertReason(ZmtpError expected, Executable e) {
        ZmtpProtocolException x = assertThrows(ZmtpProtocolException.class, e);
        assertEquals(expected, x.reason(), x.getMessage());
    }
}
