package io.jzmtp.netty;

import io.jzmtp.mechanism.FrameBox;
import io.jzmtp.mechanism.Mechanism;
import io.jzmtp.mechanism.MechanismFactory;
import io.jzmtp.mechanism.NullMechanism;
import io.jzmtp.msg.Message;
import io.jzmtp.msg.Metadata;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.FrameHeader;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;
import io.jzmtp.testing.CommandBytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.jzmtp.wire.Vectors.concat;
import static io.jzmtp.wire.Vectors.get;
import static io.jzmtp.wire.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the engine offers a security mechanism, shown with a NULL-like mechanism of the test's own: the peer's
 * as-server flag, the data of commands it does not know (its own, such as HELLO), and a step that waits for an answer
 * from elsewhere (ZAP) while the peer's further commands are held, without blocking the event loop.
 */
class MechanismSeamTest {

    /** libzmq DEALER greeting (as-server 0) and READY. */
    private static final byte[] LIBZMQ_DEALER = concat(get("greeting.full.null"), get("ready.DEALER"));

    @AfterEach
    void releaseUnfinished() {
        EmbeddedConnection.releaseUnfinished();
    }

    /** A mechanism that records what it is told and, on the peer's READY, waits for {@link #answer}. */
    private static final class WaitingMechanism implements Mechanism {
        final List<Object> seen = new ArrayList<>();
        final CompletableFuture<Step> answer = new CompletableFuture<>();

        @Override
        public String name() {
            return "NULL";
        }

        @Override
        public boolean asServer() {
            return false;
        }

        @Override
        public void peerGreeting(boolean peerAsServer) {
            seen.add("as-server " + peerAsServer);
        }

        @Override
        public List<Command> start() {
            return List.of();   // READY only once the answer says yes
        }

        @Override
        public Step receive(Command command) {
            seen.add(command);
            if (command instanceof Command.Ready ready) {
                return Step.later(answer.thenApply(ok -> Step.complete(ready.metadata(),
                        new Command.Ready(Metadata.EMPTY))));
            }
            return Step.reply();
        }
    }

    private static ConnectionConfig config(MechanismFactory factory) {
        return new ConnectionConfig("DEALER", Set.of("DEALER", "ROUTER", "REP"), new byte[0], true, Metadata.EMPTY, -1,
                0, factory);
    }


    @Test
    void aStepThatWaitsHoldsThePeersCommandsUntilItsAnswerComes() {
        WaitingMechanism mechanism = new WaitingMechanism();
        EmbeddedConnection c = new EmbeddedConnection(config(local -> mechanism));
        c.feed(concat(LIBZMQ_DEALER, get("command.ping_abc"), get("command.unknown_foobar")));
        assertEquals(List.of("as-server false", new Command.Ready(
                ((Command.Ready) mechanism.seen.get(1)).metadata())), mechanism.seen, "PING and FOOBAR are held");
        assertTrue(c.handler.peers.isEmpty(), "the handshake waits");
        c.takeSent();

        mechanism.answer.complete(null);   // from another thread in real life; completes on the event loop
        c.runTasks();

        assertEquals(1, c.handler.peers.size(), "the handshake completed");
        String sent = hex(c.takeSent());
        assertTrue(sent.startsWith(hex(CommandBytes.encode(new Command.Ready(Metadata.EMPTY)))),
                "our READY went out once the answer came: " + sent);
        assertTrue(sent.contains(hex(get("command.pong_abc"))), "the held PING was answered after the handshake");
        c.finish();
    }

    @Test
    void aFailedAnswerFailsTheHandshakeWithItsReason() {
        WaitingMechanism mechanism = new WaitingMechanism();
        EmbeddedConnection c = new EmbeddedConnection(config(local -> mechanism));
        c.feed(LIBZMQ_DEALER);
        mechanism.answer.completeExceptionally(new IllegalStateException("ZAP said 400"));
        c.runTasks();
        assertFalse(c.ch.isOpen(), "closed");
        assertEquals(ZmtpError.AUTHENTICATION_FAILED, c.handler.closed.get(0).failure().reason());
        assertTrue(c.handler.closed.get(0).failure().detail().contains("ZAP said 400"));
        c.finish();
    }

    /** The peer's as-server flag reaches the mechanism (a PLAIN or CURVE mechanism checks the roles with it). */
    @Test
    void thePeersAsServerFlagReachesTheMechanism() {
        WaitingMechanism mechanism = new WaitingMechanism();
        EmbeddedConnection c = new EmbeddedConnection(config(local -> mechanism));
        byte[] greeting = get("greeting.full.null").clone();
        greeting[32] = 1;
        c.feed(greeting);
        assertEquals(List.of("as-server true"), mechanism.seen);
        c.finish();
    }

    /** A peer that floods commands while the handshake waits is cut off: held commands are bounded. */
    @Test
    void aFloodOfCommandsWhileTheHandshakeWaitsClosesTheConnection() {
        WaitingMechanism mechanism = new WaitingMechanism();
        EmbeddedConnection c = new EmbeddedConnection(config(local -> mechanism));
        c.feed(LIBZMQ_DEALER);
        byte[] ping = get("command.ping_abc");
        for (int i = 0; i < 17 && c.ch.isOpen(); i++) {
            c.feed(ping);
        }
        assertFalse(c.ch.isOpen(), "closed on the 17th held command");
        assertEquals(ZmtpError.UNEXPECTED_COMMAND, c.handler.closed.get(0).failure().reason());
        assertTrue(c.handler.closed.get(0).failure().detail().contains("more than 16 commands"),
                c.handler.closed.get(0).failure().detail());
        c.finish();
    }

    /**
     * A toy box in CURVE's shape, for the seam only: every frame after the handshake becomes a message frame with
     * body {@code 04 "SEAL" [flags] [body xor 5a]}, the flags (MORE, COMMAND) inside.
     */
    private static final class XorBox implements FrameBox {
        private static final byte[] NAME = {4, 'S', 'E', 'A', 'L'};

        @Override
        public int overhead() {
            return NAME.length + 1;
        }

        @Override
        public void seal(int flags, ByteBuf body, ByteBuf out) {
            FrameHeader.write(out, 0, overhead() + body.readableBytes());
            out.writeBytes(NAME).writeByte(flags);
            for (int i = body.readerIndex(); i < body.writerIndex(); i++) {
                out.writeByte(body.getByte(i) ^ 0x5a);
            }
        }

        @Override
        public int open(ByteBuf sealed, ByteBuf out) {
            for (int i = 0; i < NAME.length; i++) {
                if (sealed.getByte(sealed.readerIndex() + i) != NAME[i]) {
                    throw new ZmtpProtocolException(ZmtpError.MALFORMED_COMMAND, "not a SEAL frame");
                }
            }
            int flags = sealed.getUnsignedByte(sealed.readerIndex() + NAME.length);
            for (int i = sealed.readerIndex() + overhead(); i < sealed.writerIndex(); i++) {
                out.writeByte(sealed.getByte(i) ^ 0x5a);
            }
            return flags;
        }
    }

    /** NULL's handshake, then every frame in an {@link XorBox}. */
    private static final class BoxingMechanism implements Mechanism {
        private final NullMechanism handshake;

        BoxingMechanism(Metadata local) {
            handshake = new NullMechanism(local);
        }

        @Override
        public String name() {
            return "NULL";
        }

        @Override
        public boolean asServer() {
            return false;
        }

        @Override
        public List<Command> start() {
            return handshake.start();
        }

        @Override
        public Step receive(Command command) {
            return handshake.receive(command);
        }

        @Override
        public FrameBox frameBox() {
            return new XorBox();
        }
    }

    /** The body of a short frame (its two-byte header dropped). */
    private static byte[] body(byte[] frame) {
        return Arrays.copyOfRange(frame, 2, frame.length);
    }

    /** {@code flags} and {@code body} as the peer's box would seal them. */
    private static byte[] sealed(int flags, byte[] body) {
        ByteBuf plain = Unpooled.wrappedBuffer(body);
        ByteBuf out = Unpooled.buffer();
        try {
            new XorBox().seal(flags, plain, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    @Test
    void onceTheHandshakeIsCompleteEveryFrameTravelsInTheMechanismsBox() {
        EmbeddedConnection c = new EmbeddedConnection(config(BoxingMechanism::new));
        c.feed(LIBZMQ_DEALER);
        assertEquals(1, c.handler.peers.size());
        String handshake = hex(c.takeSent());
        assertTrue(handshake.contains("0552454144" /* READY in the clear */), handshake);

        // In: a two-part message whose frames carry MORE inside the box (the outer frames never do), a large part
        // that is sliced rather than copied, and a PING sealed with the COMMAND flag.
        byte[] large = new byte[1000];
        Arrays.fill(large, (byte) 'x');
        c.feed(concat(sealed(FrameHeader.FLAG_MORE, "a".getBytes()), sealed(0, large),
                sealed(FrameHeader.FLAG_COMMAND, body(get("command.ping_abc")))));
        List<Message> received = c.handler.received();
        assertEquals(1, received.size());
        assertEquals("a", received.get(0).frame(0).toUtf8());
        assertEquals(1000, received.get(0).frame(1).size());
        received.forEach(Message::close);

        // Out: the PONG, a message and a ZMTP 3.1 SUBSCRIBE, each sealed (the subscription as a command inside).
        c.handler.pipe.offer(Message.of("hi"));
        c.handler.pipe.offer(Message.subscription(true, "t".getBytes()));
        c.runTasks();
        String expected = hex(concat(sealed(FrameHeader.FLAG_COMMAND, body(get("command.pong_abc"))),
                sealed(0, "hi".getBytes()), sealed(FrameHeader.FLAG_COMMAND, concat(new byte[]{9},
                        "SUBSCRIBE".getBytes(), "t".getBytes()))));
        assertEquals(expected, hex(c.takeSent()));
        c.finish();
    }

    @Test
    void aFrameThatDoesNotOpenClosesTheConnectionWithTheBoxsReason() {
        EmbeddedConnection c = new EmbeddedConnection(config(BoxingMechanism::new));
        c.feed(LIBZMQ_DEALER);
        c.feed(get("command.ping_abc"));   // in the clear, where a box is expected
        assertFalse(c.ch.isOpen());
        assertEquals(ZmtpError.MALFORMED_COMMAND, c.handler.closed.get(0).failure().reason());
        assertEquals("not a SEAL frame", c.handler.closed.get(0).failure().detail());
        c.finish();
    }
}
