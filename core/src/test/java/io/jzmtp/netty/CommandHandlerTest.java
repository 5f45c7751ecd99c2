package io.jzmtp.netty;

import io.jzmtp.msg.Message;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.Vectors;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.FrameHeader;
import io.jzmtp.wire.ZmtpVersion;
import io.jzmtp.msg.Metadata;
import io.jzmtp.pipe.PeerInfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jzmtp.wire.Vectors.ascii;
import static io.jzmtp.wire.Vectors.body;
import static io.jzmtp.wire.Vectors.get;
import static io.jzmtp.wire.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Commands after the handshake (ZMTP.md §4, §8, §10): PING answered with PONG, SUBSCRIBE/CANCEL turned into the
 * legacy {@code 01 topic} / {@code 00 topic} messages, ERROR fatal, unknown commands ignored like libzmq does.
 */
class CommandHandlerTest {

    private final EventRecorder recorder = new EventRecorder();
    private final List<Message> messages = new ArrayList<>();
    private final EmbeddedChannel ch = new EmbeddedChannel(new ZmtpDecoder(-1, handshakeDone(), messages::add,
            "NULL"), new CommandHandler(), recorder);
    private final List<ByteBuf> bodies = new ArrayList<>();

    @AfterEach
    void everyCommandFrameWasReleased() {
        for (ByteBuf b : bodies) {
            assertEquals(0, b.refCnt(), "command frame body not released");
        }
        messages.forEach(Message::close);
    }

    private static ConnectionState handshakeDone() {
        ConnectionState state = new ConnectionState();
        state.greetingCompleted(ZmtpVersion.V3_1);
        state.handshakeCompleted(new PeerInfo(Metadata.EMPTY, ZmtpVersion.V3_1, "peer"), null);
        return state;
    }

    /** The captured command frame {@code vector}, as the bytes of one read. */
    private ByteBuf command(String vector) {
        return bytes(get(vector));
    }

    private ByteBuf frame(int flags, byte[] body) {
        return bytes(Vectors.concat(new byte[] {(byte) flags, (byte) body.length}, body));
    }

    private ByteBuf bytes(byte[] frame) {
        ByteBuf b = ByteBufAllocator.DEFAULT.buffer(frame.length).writeBytes(frame);
        bodies.add(b);
        return b;
    }

    @Test
    void pingIsAnsweredWithPongAndReported() {
        ch.writeInbound(command("command.ping_abc"));
        assertEquals(new Command.Pong(ascii("abc")), ch.readOutbound());
        assertEquals(List.of(new Command.Ping(0, ascii("abc"))), recorder.events);
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void pongEchoesSixteenBytesOfALongerContext() {
        ch.writeInbound(command("command.ping_ctx20"));
        Command.Pong pong = assertInstanceOf(Command.Pong.class, ch.readOutbound());
        assertArrayEquals(body(get("command.pong_ctx20")), Vectors.concat(
                new byte[] {4}, ascii("PONG"), pong.context()));
        assertFalse(ch.finish());
    }

    @Test
    void pongIsReportedAndNotAnswered() {
        ch.writeInbound(command("command.pong_abc"));
        assertNull(ch.readOutbound());
        assertEquals(List.of(new Command.Pong(ascii("abc"))), recorder.events);
        assertFalse(ch.finish());
    }

    @Test
    void subscribeAndCancelBecomeLegacySubscriptionMessages() {
        ch.writeInbound(command("command.subscribe_news"), frame(FrameHeader.FLAG_COMMAND,
                body(Vectors.hex("040a09535542534352494245"))), command("command.cancel_news"));
        assertEquals(List.of("016e657773", "01", "006e657773"), List.of(next(), next(), next()));
        assertFalse(ch.finish());
    }

    @Test
    void errorFromThePeerIsFatal() {
        ch.writeInbound(command("command.error_go_away"));
        assertEquals(ZmtpError.PEER_ERROR, recorder.failure());
        assertTrue(recorder.exceptions.get(0).getMessage().contains("go away"));
        assertFalse(ch.finish());
    }

    @Test
    void unknownCommandIsIgnored() {
        ch.writeInbound(command("command.unknown_foobar"));
        assertNull(ch.readInbound());
        assertNull(ch.readOutbound());
        assertTrue(recorder.exceptions.isEmpty());
        assertTrue(recorder.events.isEmpty());
        assertFalse(ch.finish());
    }

    @Test
    void readyAfterTheHandshakeIsUnexpected() {
        ch.writeInbound(command("ready.PUSH"));
        assertEquals(ZmtpError.UNEXPECTED_COMMAND, recorder.failure());
        assertFalse(ch.finish());
    }

    @Test
    void malformedCommandIsReportedAndItsFrameReleased() {
        ch.writeInbound(frame(FrameHeader.FLAG_COMMAND, ascii("\u0004PING\u0000")));
        assertEquals(ZmtpError.MALFORMED_COMMAND, recorder.failure());
        assertFalse(ch.finish());
    }

    @Test
    void messagesPassUntouched() {
        Message m = Message.of("data");
        ch.pipeline().fireChannelRead(m);
        Message out = ch.readInbound();
        assertSame(m, out);
        out.close();
        ch.writeInbound(frame(FrameHeader.FLAG_MORE, ascii("da")), frame(0, ascii("ta")));
        assertNull(ch.readInbound(), "message frames go to the decoder's sink, not through the commands");
        assertEquals(1, messages.size());
        assertFalse(ch.finish());
    }

    private String next() {
        Message m = ch.readInbound();
        try {
            assertEquals(1, m.size());
            return hex(m.first().toBytes());
        } finally {
            m.close();
        }
    }
}
