package io.jzmtp.mechanism;

import io.jzmtp.msg.Metadata;
import io.jzmtp.netty.ConnectionConfig;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.CommandCodec;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;
import io.jzmtp.testing.CommandBytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static io.jzmtp.wire.Vectors.get;
import static io.jzmtp.wire.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NULL mechanism (ZMTP.md §5): our READY for every socket type is byte-for-byte what libzmq 4.3.4 sends for that
 * type (§5.3), built from {@link ConnectionConfig#localMetadata()}; the handshake completes on the peer's READY.
 */
class NullMechanismTest {

    /** libzmq sends Identity from REQ, DEALER and ROUTER only (ZMTP.md §5.2). */
    @ParameterizedTest(name = "{0} identity={2} routing id=''{3}'' app=''{4}''")
    @CsvSource({
        "ready.PAIR,              PAIR,   false, '',       ''",
        "ready.PUB,               PUB,    false, '',       ''",
        "ready.SUB,               SUB,    false, '',       ''",
        "ready.REQ,               REQ,    true,  '',       ''",
        "ready.REP,               REP,    false, '',       ''",
        "ready.DEALER,            DEALER, true,  '',       ''",
        "ready.ROUTER,            ROUTER, true,  '',       ''",
        "ready.PULL,              PULL,   false, '',       ''",
        "ready.PUSH,              PUSH,   false, '',       ''",
        "ready.XPUB,              XPUB,   false, '',       ''",
        "ready.XSUB,              XSUB,   false, '',       ''",
        "ready.DEALER.id_client1, DEALER, true,  client-1, ''",
        "ready.ROUTER.id_rtr,     ROUTER, true,  rtr,      ''",
        "ready.DEALER.x_hello,    DEALER, true,  '',       World",
    })
    void readyEqualsLibzmqsForEverySocketType(String vector, String type, boolean identity, String routingId,
                                              String hello) {
        Metadata app = hello.isEmpty() ? Metadata.EMPTY
                : Metadata.of(List.of(new Metadata.Property("X-Hello", ascii(hello))));
        ConnectionConfig config = new ConnectionConfig(type, Set.of(), ascii(routingId), identity, app, -1, 0,
                NullMechanism.FACTORY);
        Mechanism m = config.mechanism().create(config.localMetadata());
        assertEquals("NULL", m.name());
        assertFalse(m.asServer());
        List<Command> first = m.start();
        assertEquals(1, first.size());
        assertEquals(hex(get(vector)), hex(CommandBytes.encode(first.get(0))));
    }

    @Test
    void peerReadyCompletesTheHandshakeWithItsMetadata() {
        NullMechanism m = new NullMechanism(Metadata.EMPTY);
        Metadata peer = Metadata.of(List.of(new Metadata.Property("Socket-Type", ascii("PUSH"))));
        Mechanism.Step step = m.receive(new Command.Ready(peer));
        assertTrue(step.isComplete());
        assertTrue(step.toSend().isEmpty(), "our READY went out at start(); nothing more to send");
        assertEquals(peer, step.peerMetadata());
    }

    @Test
    void readyMayArriveBeforeStart() {
        NullMechanism m = new NullMechanism(Metadata.EMPTY);
        assertTrue(m.receive(new Command.Ready(Metadata.EMPTY)).isComplete());
        assertEquals(List.of(new Command.Ready(Metadata.EMPTY)), m.start());
    }

    @Test
    void errorFromThePeerIsPeerError() {
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> new NullMechanism(Metadata.EMPTY).receive(new Command.Error("go away")));
        assertEquals(ZmtpError.PEER_ERROR, e.reason());
        assertTrue(e.getMessage().contains("go away"), e.getMessage());
    }

    @Test
    void anyOtherCommandIsUnexpected() {
        for (Command c : List.of(new Command.Unknown("HELLO"), new Command.Ping(0, new byte[0]),
                new Command.Subscribe(new byte[0]), new Command.Pong(new byte[0]))) {
            ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                    () -> new NullMechanism(Metadata.EMPTY).receive(c));
            assertEquals(ZmtpError.UNEXPECTED_COMMAND, e.reason(), c.toString());
        }
    }

    @Test
    void secondReadyIsUnexpected() {
        NullMechanism m = new NullMechanism(Metadata.EMPTY);
        m.receive(new Command.Ready(Metadata.EMPTY));
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> m.receive(new Command.Ready(Metadata.EMPTY)));
        assertEquals(ZmtpError.UNEXPECTED_COMMAND, e.reason());
    }

    @Test
    void readyRoundTripsThroughTheCodec() {
        ConnectionConfig config = new ConnectionConfig("DEALER", Set.of(), ascii("client-1"), true, Metadata.EMPTY,
                -1, 0, NullMechanism.FACTORY);
        Command ready = new NullMechanism(config.localMetadata()).start().get(0);
        ByteBuf b = Unpooled.wrappedBuffer(get("ready.DEALER.id_client1"), 2, 0x31);
        Command.Ready decoded = assertInstanceOf(Command.Ready.class, CommandCodec.decode(b));
        assertEquals(ready, decoded);
    }


    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
