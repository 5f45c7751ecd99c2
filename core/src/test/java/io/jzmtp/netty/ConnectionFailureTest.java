package io.jzmtp.netty;

import io.jzmtp.wire.Command;
import io.jzmtp.wire.CommandCodec;
import io.jzmtp.wire.Splits;
import io.jzmtp.wire.Vectors;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.jzmtp.netty.EmbeddedConnection.config;
import static io.jzmtp.netty.EmbeddedConnection.ourGreeting;
import static io.jzmtp.wire.Vectors.concat;
import static io.jzmtp.wire.Vectors.get;
import static io.jzmtp.wire.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed or refused input on the whole pipeline (ZMTP.md §11): the specific reason reaches the socket, an ERROR
 * command goes out where the protocol allows one (after both greetings, for errors we detect), the connection closes,
 * and every buffer is released. Each input is fed in every fragmentation.
 */
class ConnectionFailureTest {

    @AfterEach
    void releaseWhatAFailedTestLeftBehind() {
        EmbeddedConnection.releaseUnfinished();
    }

    private static final ConnectionConfig PULL = config("PULL", "PUSH");
    private static final ConnectionConfig DEALER = config("DEALER", "REP", "DEALER", "ROUTER");
    private static final byte[] LIBZMQ_GREETING = get("greeting.full.null");

    /**
     * Feeds {@code input} in every fragmentation and checks that the connection failed with {@code reason}, after
     * sending exactly {@code sentBefore} and then, if {@code errorCommand}, one ERROR command. Returns the ERROR's
     * reason text (or null).
     */
    private static String assertRefused(ConnectionConfig config, byte[] input, ZmtpError reason, byte[] sentBefore,
                                        boolean errorCommand) {
        String errorText = null;
        for (Splits.Split split : Splits.of(input)) {
            EmbeddedConnection c = new EmbeddedConnection(config);
            c.feed(split.chunks());
            assertFalse(c.ch.isOpen(), split + ": still open");
            assertEquals(reason, c.handler.failure(), split.name());
            assertTrue(c.handler.peers.isEmpty(), split + ": handshake must not complete");
            assertNull(c.handler.closed.get(0).peer());
            byte[] sent = c.takeSent();
            assertEquals(hex(sentBefore), hex(Arrays.copyOf(sent, Math.min(sent.length, sentBefore.length))),
                    split + ": before the failure");
            byte[] rest = Arrays.copyOfRange(sent, Math.min(sent.length, sentBefore.length), sent.length);
            if (errorCommand) {
                errorText = errorReason(rest);
            } else {
                assertEquals("", hex(rest), split + ": no ERROR may be sent");
            }
            c.finish();
        }
        return errorText;
    }

    /** The reason of {@code frame}, which must be exactly one ERROR command: {@code 04 <n> 05 "ERROR" <len> <text>}. */
    static String errorReason(byte[] frame) {
        assertTrue(frame.length > 8, "no ERROR command sent");
        assertEquals(0x04, frame[0], "ERROR goes in a short command frame: " + hex(frame));
        assertEquals("054552524f52", hex(Arrays.copyOfRange(frame, 2, 8)));
        Command c = CommandCodec.decode(Unpooled.wrappedBuffer(Vectors.body(frame)));
        String text = assertInstanceOf(Command.Error.class, c).reason();
        assertFalse(text.isEmpty(), "an ERROR should say why");
        return text;
    }

    // ---- greeting ------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}, we sent {2} bytes")
    @CsvSource({
        "garbage.http,             BAD_GREETING,        10",
        "garbage.ff_even,          BAD_GREETING,        10",
        "garbage.zeros64,          BAD_GREETING,        10",
        "greeting.peer.zmtp2_0,    UNSUPPORTED_VERSION, 11",
        "greeting.peer.revision_0, UNSUPPORTED_VERSION, 11",
    })
    void refusedGreetingClosesWithoutAnErrorCommand(String vector, ZmtpError reason, int weSent) {
        assertRefused(DEALER, get(vector), reason, Arrays.copyOf(ourGreeting(), weSent), false);
    }

    /** A mechanism mismatch is answered with ERROR naming both mechanisms, once both greetings are complete. */
    @Test
    void mechanismMismatchIsAnsweredWithError() {
        String text = assertRefused(DEALER, get("greeting.peer.plain"), ZmtpError.MECHANISM_MISMATCH, ourGreeting(),
                true);
        assertTrue(text.contains("PLAIN") && text.contains("NULL"), text);
    }

    // ---- NULL handshake ------------------------------------------------------------------------------------------

    @Test
    void incompatibleSocketTypeIsAnsweredWithError() {
        String text = assertRefused(PULL, concat(LIBZMQ_GREETING, get("ready.peer.pull")),
                ZmtpError.INCOMPATIBLE_PEER, concat(ourGreeting(), get("ready.PULL")), true);
        assertTrue(text.contains("PULL"), text);
    }

    /** The value is compared exactly (captured: libzmq refuses "push" too). */
    @Test
    void socketTypeInLowerCaseIsIncompatible() {
        assertRefused(PULL, concat(LIBZMQ_GREETING, get("ready.peer.lowercase_value_push")),
                ZmtpError.INCOMPATIBLE_PEER, concat(ourGreeting(), get("ready.PULL")), true);
    }

    /** We match property names case-insensitively (RFC 37), unlike libzmq which missed "socket-type: PULL". */
    @Test
    void lowerCaseSocketTypeNameIsStillChecked() {
        assertRefused(PULL, concat(LIBZMQ_GREETING, get("ready.peer.lowercase_name_pull")),
                ZmtpError.INCOMPATIBLE_PEER, concat(ourGreeting(), get("ready.PULL")), true);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"frames.message_before_ready", "command.hello", "command.unknown_foobar", "command.ping_abc"})
    void anythingButReadyDuringTheHandshakeIsUnexpected(String vector) {
        assertRefused(DEALER, concat(LIBZMQ_GREETING, get(vector)), ZmtpError.UNEXPECTED_COMMAND,
                concat(ourGreeting(), get("ready.DEALER")), true);
    }

    @Test
    void errorDuringTheHandshakeIsPeerErrorAndNotAnswered() {
        assertRefused(DEALER, concat(LIBZMQ_GREETING, get("command.error_400")), ZmtpError.PEER_ERROR,
                concat(ourGreeting(), get("ready.DEALER")), false);
    }

    @Test
    void readyWithAStrayTrailingByteIsBadMetadata() {
        assertRefused(PULL, concat(LIBZMQ_GREETING, get("ready.peer.trailing_byte")), ZmtpError.BAD_METADATA,
                concat(ourGreeting(), get("ready.PULL")), true);
    }

    /** libzmq applies MAXMSGSIZE to handshake commands too (ZMTP.md §18.14). */
    @Test
    void readyLargerThanMaxMessageSizeIsTooLarge() {
        assertRefused(config("PULL", 10, 0, "PUSH"), concat(LIBZMQ_GREETING, get("ready.PUSH")),
                ZmtpError.FRAME_TOO_LARGE, concat(ourGreeting(), get("ready.PULL")), true);
    }

    @Test
    void framesAfterARefusedReadyInTheSameReadAreDroppedAndReleased() {
        EmbeddedConnection c = new EmbeddedConnection(PULL);
        c.feed(concat(LIBZMQ_GREETING, get("ready.peer.pull"), get("frames.payload"), get("frames.topic_payload")));
        assertEquals(ZmtpError.INCOMPATIBLE_PEER, c.handler.failure());
        assertNull(c.handler.pipe);
        c.finish();
    }

    @Test
    void refusedPeerIsClosedAndItsMessagesReleased() {
        RecordingConnectionHandler handler = new RecordingConnectionHandler(10);
        handler.refuse = true;
        EmbeddedConnection c = new EmbeddedConnection(DEALER, handler);
        c.feed(concat(LIBZMQ_GREETING, get("ready.DEALER"), get("frames.payload")));
        assertFalse(c.ch.isOpen());
        assertEquals(ZmtpError.PEER_REFUSED, handler.failure());
        assertEquals("DEALER", handler.peer().socketType());
        assertEquals(hex(concat(ourGreeting(), get("ready.DEALER"))), hex(c.takeSent()), "PEER_REFUSED sends no ERROR");
        c.finish();
    }

    @Test
    void handshakeTimeoutClosesWithoutAnErrorCommand() {
        EmbeddedConnection c = new EmbeddedConnection(config("DEALER", -1, 1000, "DEALER"));
        c.feed(LIBZMQ_GREETING);   // greeting done, READY never comes
        c.advance(999);
        assertTrue(c.ch.isOpen(), "not yet");
        c.advance(1);
        assertFalse(c.ch.isOpen());
        assertEquals(ZmtpError.HANDSHAKE_TIMEOUT, c.handler.failure());
        assertFalse(ZmtpError.HANDSHAKE_TIMEOUT.isPermanent(), "a timeout is worth a reconnect");
        assertEquals(hex(concat(ourGreeting(), get("ready.DEALER"))), hex(c.takeSent()));
        c.finish();
    }

    @Test
    void handshakeTimeoutCountsFromConnectEvenWithoutAGreeting() {
        EmbeddedConnection c = new EmbeddedConnection(config("DEALER", -1, 1000, "DEALER"));
        c.feed(new byte[] {(byte) 0xff, 0, 0});
        c.advance(1000);
        assertFalse(c.ch.isOpen());
        assertEquals(ZmtpError.HANDSHAKE_TIMEOUT, c.handler.failure());
        assertEquals(10, c.takeSent().length);
        c.finish();
    }

    // ---- after the handshake -------------------------------------------------------------------------------------

    /**
     * An established connection with a libzmq DEALER that then receives {@code input} in every fragmentation. ERROR
     * is a handshake command: after the handshake libzmq just closes, and so do we, so nothing may be sent.
     */
    private static void assertFailsAfterHandshake(byte[] input, ZmtpError reason, ConnectionConfig config,
                                                  List<String> delivered) {
        assertFailsAfterHandshake(get("ready.DEALER"), input, reason, config, delivered);
    }

    /** An established connection with a libzmq peer that sent {@code peerReady}, then {@code input}. */
    private static void assertFailsAfterHandshake(byte[] peerReady, byte[] input, ZmtpError reason,
                                                  ConnectionConfig config, List<String> delivered) {
        for (Splits.Split split : Splits.of(input)) {
            EmbeddedConnection c = new EmbeddedConnection(config);
            c.feed(concat(LIBZMQ_GREETING, peerReady));
            assertNotNull(c.handler.pipe);
            c.takeSent();
            c.feed(split.chunks());
            assertFalse(c.ch.isOpen(), split + ": still open");
            assertEquals(reason, c.handler.failure(), split.name());
            assertNotNull(c.handler.closed.get(0).peer(), "the handshake had completed");
            assertEquals("", hex(c.takeSent()), split + ": no ERROR after the handshake");
            List<String> got = c.handler.received().stream().map(m -> {
                String s = m.toString();
                m.close();
                return s;
            }).toList();
            assertEquals(delivered, got, split.name());
            c.finish();
        }
    }

    @Test
    void errorAfterTheHandshakeClosesWithPeerError() {
        assertFailsAfterHandshake(concat(get("frames.payload"), get("command.error_go_away")), ZmtpError.PEER_ERROR,
                DEALER, List.of("Message[\"payload\"]"));
    }

    @Test
    void commandWithMoreFlagIsMalformed() {
        assertFailsAfterHandshake(Vectors.hex("0502ffff"), ZmtpError.MALFORMED_FRAME, DEALER, List.of());
    }

    /** The capture: libzmq PULL with MAXMSGSIZE=40 took the 40-byte frame and closed on the 41-byte one. */
    @Test
    void frameLargerThanMaxMessageSizeIsRefusedAtItsHeader() {
        ConnectionConfig max40 = config("PULL", 40, 0, "PUSH");
        byte[] push = get("ready.PUSH");
        assertFailsAfterHandshake(push, concat(get("frames.maxmsgsize_40"), get("frames.maxmsgsize_41")),
                ZmtpError.FRAME_TOO_LARGE, max40, List.of("Message[\"" + "a".repeat(40) + "\"]"));
        assertFailsAfterHandshake(push, Vectors.hex("0029"), ZmtpError.FRAME_TOO_LARGE, max40, List.of());
    }

    @Test
    void sizeBeyondWhatJavaCanHoldIsRefusedAtItsHeader() {
        assertFailsAfterHandshake(Vectors.hex("028000000000000000"), ZmtpError.FRAME_TOO_LARGE, DEALER,
                List.of());
        assertFailsAfterHandshake(Vectors.hex("020000000100000000"), ZmtpError.FRAME_TOO_LARGE, DEALER,
                List.of());
    }

    @Test
    void secondReadyIsUnexpected() {
        assertFailsAfterHandshake(get("ready.DEALER"), ZmtpError.UNEXPECTED_COMMAND, DEALER, List.of());
    }

    @Test
    void malformedPingIsAMalformedCommand() {
        assertFailsAfterHandshake(Vectors.hex("04 06 04 50 49 4e 47 00"), ZmtpError.MALFORMED_COMMAND, DEALER,
                List.of());
    }

    @Test
    void partialMessageIsDiscardedWhenTheConnectionFails() {
        assertFailsAfterHandshake(concat(Vectors.hex("0101 41"), get("command.error_go_away")), ZmtpError.PEER_ERROR,
                DEALER, List.of());
    }

    // ---- other failures ------------------------------------------------------------------------------------------

    @Test
    void ioErrorClosesWithoutAProtocolFailure() {
        EmbeddedConnection c = new EmbeddedConnection(DEALER);
        c.feed(concat(LIBZMQ_GREETING, get("ready.DEALER")));
        c.takeSent();
        c.ch.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        assertFalse(c.ch.isOpen());
        assertNull(c.handler.closed.get(0).failure());
        assertEquals(0, c.takeSent().length);
        c.finish();
    }

    @Test
    void unexpectedExceptionClosesTheConnectionOnly() {
        EmbeddedConnection c = new EmbeddedConnection(DEALER);
        c.feed(concat(LIBZMQ_GREETING, get("ready.DEALER")));
        c.ch.pipeline().fireExceptionCaught(new IllegalStateException("bug"));
        assertFalse(c.ch.isOpen());
        ZmtpProtocolException f = c.handler.closed.get(0).failure();
        assertNotNull(f, "an internal error must still be reported");
        c.finish();
    }

    // ---- nothing after a failure ---------------------------------------------------------------------------------

    /**
     * A connection that failed is dead: frames that follow the bad one in the same read must not be processed. Here a
     * message frame before READY is refused, yet the READY behind it in the same read used to complete the handshake,
     * hand the dead connection to the socket and deliver the message after it.
     */
    @Test
    void nothingAfterAHandshakeFailureInTheSameReadIsProcessed() {
        EmbeddedConnection c = new EmbeddedConnection(DEALER);
        c.feed(concat(LIBZMQ_GREETING, get("frames.message_before_ready"), get("ready.DEALER"),
                get("frames.payload")));
        assertFalse(c.ch.isOpen());
        assertEquals(ZmtpError.UNEXPECTED_COMMAND, c.handler.failure());
        assertTrue(c.handler.peers.isEmpty(), "handshakeCompleted was called for a connection that had failed: "
                + c.handler.peers);
        assertNull(c.handler.pipe);
        c.finish();
    }

    /** After the handshake: a message behind a malformed command in the same read must not reach the socket. */
    @Test
    void messagesAfterAMalformedCommandInTheSameReadAreNotDelivered() {
        assertFailsAfterHandshake(concat(Vectors.hex("04 06 04 50 49 4e 47 00"), get("frames.payload")),
                ZmtpError.MALFORMED_COMMAND, DEALER, List.of());
    }

    /** The peer said ERROR (a permanent refusal); what it sent after that is not delivered. */
    @Test
    void messagesAfterAnErrorCommandInTheSameReadAreNotDelivered() {
        assertFailsAfterHandshake(concat(get("frames.payload"), get("command.error_go_away"),
                get("command.message_after")), ZmtpError.PEER_ERROR, DEALER, List.of("Message[\"payload\"]"));
    }

    /**
     * On a real socket the ERROR write may still be pending when the next frame of the same read is handled (the
     * peer is not reading, so the send buffer is full); the channel is then still active. The connection must still
     * send one ERROR only and process nothing more.
     */
    @Test
    void oneErrorCommandOnlyWhileTheFirstIsStillBeingWritten() {
        EmbeddedConnection c = new EmbeddedConnection(DEALER);
        HeldWrites held = new HeldWrites();
        c.ch.pipeline().addFirst(held);
        c.feed(concat(LIBZMQ_GREETING, get("command.hello"), get("command.unknown_foobar"), get("ready.DEALER"),
                get("frames.payload")));
        held.release();
        c.runTasks();
        assertFalse(c.ch.isOpen());
        assertEquals(ZmtpError.UNEXPECTED_COMMAND, c.handler.failure());
        byte[] sent = c.takeSent();
        byte[] before = concat(ourGreeting(), get("ready.DEALER"));
        assertEquals(hex(before), hex(Arrays.copyOf(sent, before.length)));
        errorReason(Arrays.copyOfRange(sent, before.length, sent.length));   // exactly one ERROR frame
        assertTrue(c.handler.peers.isEmpty(), "handshake completed after the failure");
        c.finish();
    }

    /** Holds writes that carry a real promise (the guard's ERROR) until released, like a full socket send buffer. */
    private static final class HeldWrites extends ChannelOutboundHandlerAdapter {
        private final List<Object[]> held = new ArrayList<>();
        private ChannelHandlerContext ctx;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg,
                          ChannelPromise promise) {
            if (promise.isVoid()) {
                ctx.write(msg, promise);
            } else {
                held.add(new Object[] {msg, promise});
            }
        }

        void release() {
            for (Object[] w : held) {
                ctx.writeAndFlush(w[0], (ChannelPromise) w[1]);
            }
            held.clear();
        }
    }
}
