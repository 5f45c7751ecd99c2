package io.jzmtp.netty;

import io.jzmtp.msg.Message;
import io.jzmtp.msg.Metadata;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.CommandCodec;
import io.jzmtp.wire.Splits;
import io.jzmtp.wire.ZmtpVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.jzmtp.netty.EmbeddedConnection.config;
import static io.jzmtp.netty.EmbeddedConnection.ourGreeting;
import static io.jzmtp.wire.Vectors.ascii;
import static io.jzmtp.wire.Vectors.concat;
import static io.jzmtp.wire.Vectors.get;
import static io.jzmtp.wire.Vectors.hex;
import static io.jzmtp.wire.Vectors.repeat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole connection pipeline as {@link ZmtpChannelInitializer} assembles it, driven with the bytes a libzmq 4.3.4
 * peer sent in the captures: greeting and NULL handshake, messages both ways, commands after the handshake, back
 * pressure and the end of the connection.
 */
class ZmtpChannelInitializerTest {

    @AfterEach
    void releaseWhatAFailedTestLeftBehind() {
        EmbeddedConnection.releaseUnfinished();
    }

    private static final ConnectionConfig DEALER = config("DEALER", "REP", "DEALER", "ROUTER");
    private static final byte[] LIBZMQ_DEALER = concat(get("greeting.full.null"), get("ready.DEALER"));

    /** What we may have sent once the peer has sent {@code peerBytes} of its greeting and more (ZMTP.md §2.2). */
    private static int stagedOutput(int peerBytes, int ourReady) {
        return peerBytes < 10 ? 10 : peerBytes == 10 ? 11 : peerBytes < 64 ? 64 : 64 + ourReady;
    }

    private static List<String> texts(List<Message> messages) {
        List<String> all = new ArrayList<>();
        for (Message m : messages) {
            all.add(m.toString());
            m.close();
        }
        return all;
    }

    /** An established connection with a libzmq DEALER; what we sent so far is taken. */
    private static EmbeddedConnection established(ConnectionConfig config, byte[] peerGreetingAndReady) {
        EmbeddedConnection c = new EmbeddedConnection(config);
        c.feed(peerGreetingAndReady);
        assertEquals(1, c.handler.peers.size(), "handshake did not complete");
        c.takeSent();
        return c;
    }

    @Test
    void handshakeAndMessagesFromLibzmqDealerInEveryFragmentation() {
        byte[] input = concat(LIBZMQ_DEALER, get("frames.multipart_and_long"));
        byte[] ourReady = get("ready.DEALER");
        for (Splits.Split split : Splits.of(input)) {
            EmbeddedConnection c = new EmbeddedConnection(DEALER);
            for (byte[] chunk : split.chunks()) {
                c.feed(chunk);
                assertEquals(stagedOutput(c.fed(), ourReady.length), c.sentSize(), split + " after " + c.fed());
            }
            assertEquals(hex(concat(ourGreeting(), ourReady)), hex(c.takeSent()), split.name());

            PeerInfo peer = c.handler.peer();
            assertEquals("DEALER", peer.socketType());
            assertEquals(ZmtpVersion.V3_1, peer.version());
            assertEquals("embedded", peer.remoteAddress());
            assertEquals("[Socket-Type=DEALER, Identity=, Peer-Address=embedded, X-Jzmtp-Protocol=3.1]",
                    peer.metadata().properties().toString());
            assertSame(peer, c.handler.pipe.peer());

            List<Message> received = c.handler.received();
            assertEquals(2, received.size(), split.name());
            for (Message m : received) {
                assertEquals(peer.metadata(), m.metadata(), "each message carries the connection's metadata");
            }
            assertEquals(3, received.get(0).size());
            assertEquals("A", received.get(0).frame(0).toUtf8());
            assertTrue(received.get(0).frame(1).isEmpty());
            assertArrayEquals(repeat('x', 300), received.get(0).frame(2).toBytes());
            assertEquals("[Message[\"last\"]]", texts(received.subList(1, 2)).toString());
            received.get(0).close();
            assertEquals(1, c.handler.readable, "one readable announcement for the burst");
            assertTrue(c.ch.isOpen());
            c.finish();
            assertEquals(List.of(new RecordingConnectionHandler.Closed(peer, c.handler.pipe, null)), c.handler.closed);
        }
    }

    @Test
    void messagesOfferedToThePipeLeaveAsLibzmqBytesInOneWrite() {
        EmbeddedConnection c = established(DEALER, LIBZMQ_DEALER);
        Pipe pipe = c.handler.pipe;
        int writesBefore = c.writes();
        assertTrue(pipe.offer(Message.of(ascii("A"), new byte[0], repeat('x', 300))));
        assertTrue(pipe.offer(Message.of("last")));
        assertEquals(0, c.sentSize(), "sent from the event loop, not from the offering thread");
        c.runTasks();
        assertEquals(hex(get("frames.multipart_and_long")), hex(c.takeSent()));
        assertEquals(writesBefore + 1, c.writes(), "one drain, one flush, one buffer");
        assertTrue(pipe.isFlushed());
        assertTrue(c.handler.writable > 0, "the socket hears that the pipe drained");
        c.finish();
    }

    @Test
    void longBurstIsDrainedInOrderAcrossBatches() {
        EmbeddedConnection c = new EmbeddedConnection(DEALER, new RecordingConnectionHandler(5000));
        c.feed(LIBZMQ_DEALER);
        c.takeSent();
        int n = 3 * PipeBridge.MAX_BATCH + 7;
        for (int i = 0; i < n; i++) {
            assertTrue(c.handler.pipe.offer(Message.of(String.format("%04d", i))));
        }
        c.runTasks();
        byte[] sent = c.takeSent();
        assertEquals(n * 6, sent.length);
        for (int i = 0; i < n; i++) {
            assertEquals("0004" + hex(ascii(String.format("%04d", i))),
                    hex(Arrays.copyOfRange(sent, i * 6, i * 6 + 6)), "message " + i);
        }
        assertEquals(0, c.handler.pipe.outboundSize());
        c.finish();
    }

    @Test
    void messagesQueuedBeforeTheConnectionFlowOnceItIsUp() {
        RecordingConnectionHandler handler = new RecordingConnectionHandler(10);
        handler.preset = new Pipe(10, 10, Runnable::run, handler);
        handler.preset.offer(Message.of("queued"));
        EmbeddedConnection c = new EmbeddedConnection(DEALER, handler);
        c.feed(LIBZMQ_DEALER);
        c.runTasks();
        assertEquals(hex(concat(ourGreeting(), get("ready.DEALER"), ascii("\u0000\u0006queued"))),
                hex(c.takeSent()), "never before our READY");
        c.finish();
    }

    @Test
    void libzmqPeerOnZmtp30IsServedAs30AndItsLegacySubscriptionsAreMessages() {
        ConnectionConfig pub = config("PUB", "SUB", "XSUB");
        EmbeddedConnection c = new EmbeddedConnection(pub);
        byte[] input = concat(get("greeting.peer.v3_0"), get("ready.SUB"),
                get("command.legacy_subscribe_empty_and_topic"));
        c.feed(input);
        assertEquals(hex(concat(ourGreeting(), get("ready.PUB"))), hex(c.takeSent()), "we always announce 3.1");
        assertEquals(ZmtpVersion.V3_0, c.handler.peer().version());
        assertEquals("3.0", c.handler.peer().metadata().get(Metadata.PROTOCOL).orElseThrow());
        assertEquals(List.of("Message[Frame[1 B: 01]]", "Message[Frame[6 B: 01746f706963]]"),
                texts(c.handler.received()));
        c.finish();
    }

    @Test
    void subscribeAndCancelCommandsReachThePipeAsLegacyMessagesInEveryFragmentation() {
        ConnectionConfig xpub = config("XPUB", "SUB", "XSUB");
        byte[] input = concat(get("greeting.full.null"), get("ready.SUB"), get("command.subscribe_empty_and_topic"),
                get("command.cancel_topic"));
        for (Splits.Split split : Splits.of(input)) {
            EmbeddedConnection c = new EmbeddedConnection(xpub);
            c.feed(split.chunks());
            List<String> hexes = new ArrayList<>();
            for (Message m : c.handler.received()) {
                assertEquals(1, m.size());
                hexes.add(hex(m.first().toBytes()));
                m.close();
            }
            assertEquals(List.of("01", "01746f706963", "00746f706963"), hexes, split.name());
            assertEquals(hex(concat(ourGreeting(), get("ready.XPUB"))), hex(c.takeSent()));
            c.finish();
        }
    }

    /**
     * Each read that completes PINGs is answered with libzmq's PONG for the newest of them (as libzmq, which keeps
     * only the latest PONG pending): one PONG per PING when they come one per read, one for all when they come
     * together.
     */
    @Test
    void pingsAreAnsweredWithLibzmqsPongsInEveryFragmentation() {
        List<byte[]> pings = List.of(get("command.ping_abc"), get("command.ping_ctx20"), get("command.ping_no_ctx"));
        List<byte[]> pongs = List.of(get("command.pong_abc"), get("command.pong_ctx20"), get("command.pong_empty"));
        for (Splits.Split split : Splits.of(concat(pings.toArray(new byte[0][])))) {
            EmbeddedConnection c = established(DEALER, LIBZMQ_DEALER);
            List<byte[]> expected = new ArrayList<>();
            int fed = 0;
            int completed = 0;
            for (byte[] chunk : split.chunks()) {
                fed += chunk.length;
                int before = completed;
                int end = 0;
                for (int i = 0; i < pings.size(); i++) {
                    end += pings.get(i).length;
                    if (end <= fed) {
                        completed = i + 1;
                    }
                }
                if (completed > before) {
                    expected.add(pongs.get(completed - 1));
                }
            }
            c.feed(split.chunks());
            assertEquals(hex(concat(expected.toArray(new byte[0][]))), hex(c.takeSent()), split.name());
            assertTrue(c.ch.isOpen());
            assertTrue(c.handler.received().isEmpty());
            c.finish();
        }
    }

    @Test
    void unknownCommandAfterTheHandshakeIsIgnoredLikeLibzmq() {
        EmbeddedConnection c = established(DEALER, LIBZMQ_DEALER);
        c.feed(concat(get("command.unknown_foobar"), get("command.message_after")));
        assertEquals(List.of("Message[\"after\"]"), texts(c.handler.received()));
        assertTrue(c.ch.isOpen());
        assertEquals(0, c.sentSize());
        c.finish();
    }

    @Test
    void readyWithoutPropertiesIsAccepted() {
        EmbeddedConnection c = new EmbeddedConnection(config("PULL", "PUSH"));
        c.feed(concat(get("greeting.full.null"), get("ready.peer.no_properties"), get("frames.payload")));
        assertEquals("", c.handler.peer().socketType());
        assertEquals(List.of("Message[\"payload\"]"), texts(c.handler.received()));
        c.finish();
    }

    @Test
    void unknownPropertiesAreKeptAsMessageMetadata() {
        EmbeddedConnection c = new EmbeddedConnection(config("PULL", "PUSH"));
        c.feed(concat(get("greeting.full.null"), get("ready.peer.unknown_property"), get("frames.payload")));
        Message m = c.handler.received().get(0);
        Metadata md = m.metadata();
        assertEquals("PUSH", md.socketType().orElseThrow());
        assertEquals("bar", md.get("X-Foo").orElseThrow());
        assertEquals("1", md.get("Whatever").orElseThrow());
        assertEquals("embedded", md.peerAddress().orElseThrow());
        m.close();
        c.finish();
    }

    @Test
    void peerIdentityAndItsGreetingPaddingFromOneRead() {
        EmbeddedConnection c = new EmbeddedConnection(config("ROUTER", "REQ", "DEALER", "ROUTER"));
        c.feed(get("greeting.signature.identity_abc"));
        assertEquals(11, c.sentSize());
        c.feed(get("greeting.rest_and_ready.identity_abc"));
        assertEquals(hex(concat(ourGreeting(), get("ready.ROUTER"))), hex(c.takeSent()));
        assertArrayEquals(ascii("abc"), c.handler.peer().metadata().identity().orElseThrow());
        c.finish();
    }

    @Test
    void readingPausesAtReceiveHwmAndResumesWhenTheSocketCatchesUp() {
        EmbeddedConnection c = new EmbeddedConnection(DEALER, new RecordingConnectionHandler(2));
        c.feed(LIBZMQ_DEALER);
        assertTrue(c.ch.config().isAutoRead());
        c.feed(get("frames.payload"));
        assertTrue(c.ch.config().isAutoRead());
        c.feed(get("frames.payload"));
        assertFalse(c.ch.config().isAutoRead(), "reading stops at RCVHWM");
        c.handler.pipe.poll().close();
        c.runTasks();
        assertTrue(c.ch.config().isAutoRead(), "reading resumes at half of RCVHWM");
        c.finish();
    }

    @Test
    void handshakeTimeoutIsCancelledByACompletedHandshake() {
        EmbeddedConnection c = new EmbeddedConnection(config("DEALER", -1, 1000, "DEALER"));
        c.feed(LIBZMQ_DEALER);
        c.advance(5000);
        assertTrue(c.ch.isOpen());
        c.finish();
        assertNull(c.handler.closed.get(0).failure());
    }

    @Test
    void closeByThePeerReportsAnOrdinaryCloseAndKeepsReceivedMessages() {
        EmbeddedConnection c = established(DEALER, LIBZMQ_DEALER);
        c.feed(get("frames.payload"));
        Pipe pipe = c.handler.pipe;
        c.ch.close();
        assertEquals(1, c.handler.closed.size());
        assertNull(c.handler.closed.get(0).failure());
        assertSame(pipe, c.handler.closed.get(0).pipe());
        assertFalse(pipe.isConnected());
        assertEquals(List.of("Message[\"payload\"]"), texts(c.handler.received()), "still readable after close");
        c.finish();
    }

    @Test
    void closeDuringTheHandshakeReportsNoPeerAndNoFailure() {
        EmbeddedConnection c = new EmbeddedConnection(DEALER);
        c.feed(get("greeting.full.null"));
        c.ch.close();
        assertEquals(List.of(new RecordingConnectionHandler.Closed(null, null, null)), c.handler.closed);
        c.finish();
    }

    @Test
    void terminatingThePipeClosesTheConnection() {
        EmbeddedConnection c = established(DEALER, LIBZMQ_DEALER);
        c.handler.pipe.terminate();
        c.runTasks();
        assertFalse(c.ch.isOpen());
        assertNull(c.handler.closed.get(0).failure());
        c.finish();
    }

    @Test
    void framesAfterReadyInTheSameReadArrive() {
        EmbeddedConnection c = new EmbeddedConnection(DEALER);
        c.feed(concat(LIBZMQ_DEALER, get("frames.req_hello"), get("frames.payload")));
        assertEquals(List.of("Message[\"\", \"hello\"]", "Message[\"payload\"]"), texts(c.handler.received()));
        c.finish();
    }

    /**
     * The local properties are what this side knows, not what the peer claims: a READY announcing its own
     * {@code Peer-Address} or {@code X-Jzmtp-Protocol} (in any case) must not change them (libzmq inserts its own
     * Peer-Address first and keeps it).
     */
    @Test
    void peerCannotOverrideTheLocalProperties() {
        ByteBuf ready = Unpooled.buffer();
        CommandCodec.encode(new Command.Ready(Metadata.of(List.of(
                new Metadata.Property(Metadata.SOCKET_TYPE, ascii("PUSH")),
                new Metadata.Property("peer-address", ascii("6.6.6.6")),
                new Metadata.Property(Metadata.PROTOCOL, ascii("9.9"))))), ready);
        EmbeddedConnection c = new EmbeddedConnection(config("PULL", "PUSH"));
        c.feed(concat(get("greeting.full.null"), ByteBufUtil.getBytes(ready), get("frames.payload")));
        ready.release();
        Metadata peer = c.handler.peer().metadata();
        Message m = c.handler.received().get(0);
        Metadata perMessage = m.metadata();
        m.close();
        assertEquals("embedded", peer.peerAddress().orElseThrow());
        assertEquals("3.1", peer.get(Metadata.PROTOCOL).orElseThrow());
        assertEquals("embedded", perMessage.peerAddress().orElseThrow());
        c.finish();
    }
}
