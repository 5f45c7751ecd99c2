package io.jzmtp.netty;

import io.jzmtp.msg.Metadata;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.testing.CommandBytes;
import io.netty.channel.WriteBufferWaterMark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.jzmtp.netty.EmbeddedConnection.config;
import static io.jzmtp.wire.Vectors.concat;
import static io.jzmtp.wire.Vectors.get;
import static io.jzmtp.wire.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inputs that once cost more than they should (issue 13): a PING flood from a peer that reads nothing, endless empty
 * MORE frames under MAXMSGSIZE, a READY that names its socket type twice. Each is shown bounded, with the memory the
 * engine holds measured as the capacity of the buffers it still references.
 */
class HostileInputTest {

    @AfterEach
    void releaseWhatAFailedTestLeftBehind() {
        EmbeddedConnection.releaseUnfinished();
    }

    /** {@code n} PINGs with TTL 0 and 16-byte contexts numbered from {@code first}. */
    private static byte[] pings(int n, int first) {
        byte[] all = new byte[n * 25];
        for (int i = 0; i < n; i++) {
            byte[] context = String.format("context-%08d", first + i).getBytes(StandardCharsets.US_ASCII);
            byte[] ping = CommandBytes.encode(new Command.Ping(0, context));
            System.arraycopy(ping, 0, all, i * 25, 25);
        }
        return all;
    }


    private static EmbeddedConnection established(String type, long maxMessageSize, String peerType) {
        EmbeddedConnection c = new EmbeddedConnection(config(type, maxMessageSize, 0, peerType));
        c.feed(concat(get("greeting.full.null"), get("ready." + peerType)));
        assertEquals(1, c.handler.peers.size(), "handshake completed");
        c.takeSent();
        return c;
    }

    @Test
    void aPingFloodFromAPeerThatReadsNothingHoldsOnePong() {
        EmbeddedConnection c = established("DEALER", -1, "DEALER");
        FlushGate gate = new FlushGate();
        c.ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(64, 128));
        c.ch.pipeline().addFirst(gate);
        long before = c.alloc.liveCapacity();

        int reads = 400;
        for (int r = 0; r < reads; r++) {
            c.feed(pings(100, r * 100));   // 40,000 PINGs, 1 MB on the wire, none of the PONGs read
        }
        long held = c.alloc.liveCapacity() - before;
        assertTrue(held <= 1024, "the engine holds " + held + " bytes for 1 MB of PINGs nobody reads");
        assertFalse(c.ch.isWritable(), "the first PONGs filled the write buffer");

        gate.open();   // the peer reads again: the PONGs held back go out, then the one still owed, and only it
        c.runTasks();
        byte[] sent = c.takeSent();
        byte[] lastPong = CommandBytes.encode(new Command.Pong(String.format("context-%08d", reads * 100 - 1)
                .getBytes(StandardCharsets.US_ASCII)));
        assertTrue(hex(sent).endsWith(hex(lastPong)), "the newest PING is answered last");
        assertTrue(sent.length <= 10 * lastPong.length, sent.length + " bytes of PONGs for 40,000 PINGs");
        c.finish();
    }

    @Test
    void pingsOfOneReadGetOnePongForTheNewest() {
        EmbeddedConnection c = established("DEALER", -1, "DEALER");
        c.feed(pings(3, 0));
        assertEquals(hex(CommandBytes.encode(new Command.Pong("context-00000002".getBytes(StandardCharsets.US_ASCII)))),
                hex(c.takeSent()));
        c.feed(pings(1, 7));
        assertEquals(hex(CommandBytes.encode(new Command.Pong("context-00000007".getBytes(StandardCharsets.US_ASCII)))),
                hex(c.takeSent()), "each read answers its own newest PING");
        c.finish();
    }

    @Test
    void emptyMoreFramesCountAgainstMaxMsgSize() {
        long maxMessageSize = 1_000_000;
        EmbeddedConnection c = established("PULL", maxMessageSize, "PUSH");
        long before = c.alloc.liveCapacity();
        byte[] emptyMoreFrames = new byte[2 * 10_000];
        for (int i = 0; i < emptyMoreFrames.length; i += 2) {
            emptyMoreFrames[i] = 1;   // MORE, size 0
        }
        int reads = 0;
        while (c.ch.isOpen() && reads < 1000) {   // up to 10 million frames, 20 MB on the wire
            c.feed(emptyMoreFrames);
            reads++;
            assertTrue(c.alloc.liveCapacity() - before <= 64 * 1024, "bounded while it lasts");
        }
        assertFalse(c.ch.isOpen(), "closed after " + reads + " reads of 10,000 empty MORE frames");
        assertEquals(ZmtpError.FRAME_TOO_LARGE, c.handler.closed.get(0).failure().reason());
        assertTrue(c.handler.closed.get(0).failure().detail().contains("31251 frames"),
                c.handler.closed.get(0).failure().detail());
        assertEquals(4, reads, "refused at MAXMSGSIZE / " + ZmtpDecoder.FRAME_COST + " frames");
        c.finish();
    }

    @Test
    void aSmallMaxMsgSizeStillLetsEnvelopesThrough() {
        EmbeddedConnection c = established("PULL", 100, "PUSH");   // READY fits, 3 frames would
        byte[] envelope = new byte[2 * ZmtpDecoder.MIN_FRAMES];
        for (int i = 0; i < envelope.length - 2; i += 2) {
            envelope[i] = 1;
        }
        c.feed(envelope);   // 64 frames, the last without MORE
        assertTrue(c.ch.isOpen());
        assertEquals(ZmtpDecoder.MIN_FRAMES, c.handler.received().get(0).size());
        c.finish();
    }

    /** A READY carrying {@code properties}, in order. */
    private static byte[] readyWith(Metadata.Property... properties) {
        return CommandBytes.encode(new Command.Ready(Metadata.of(List.of(properties))));
    }

    private static Metadata.Property property(String name, String value) {
        return new Metadata.Property(name, value.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aReadyThatGivesItsSocketTypeTwiceIsRefusedInEitherOrder() {
        for (List<String> types : List.of(List.of("PUSH", "PUB"), List.of("PUB", "PUSH"), List.of("PUSH", "PUSH"))) {
            EmbeddedConnection c = new EmbeddedConnection(config("PULL", "PUSH"));
            c.feed(concat(get("greeting.full.null"), readyWith(property("Socket-Type", types.get(0)),
                    property("socket-type", types.get(1)))));
            assertFalse(c.ch.isOpen(), types.toString());
            assertNull(c.handler.pipe, "no pipe for " + types);
            ZmtpError reason = c.handler.closed.get(0).failure().reason();
            assertEquals(ZmtpError.BAD_METADATA, reason, types.toString());
            assertTrue(c.handler.closed.get(0).failure().detail().contains("Socket-Type 2 times"),
                    c.handler.closed.get(0).failure().detail());
            assertTrue(hex(c.takeSent()).contains(hex("ERROR".getBytes(StandardCharsets.US_ASCII))),
                    "the peer is told why");
            c.finish();
        }
    }

    @Test
    void aReadyThatGivesItsIdentityTwiceIsRefused() {
        EmbeddedConnection c = new EmbeddedConnection(config("ROUTER", "DEALER"));
        c.feed(concat(get("greeting.full.null"), readyWith(property("Socket-Type", "DEALER"),
                property("Identity", "alice"), property("Identity", "bob"))));
        assertFalse(c.ch.isOpen());
        assertEquals(ZmtpError.BAD_METADATA, c.handler.closed.get(0).failure().reason());
        c.finish();
    }
}
