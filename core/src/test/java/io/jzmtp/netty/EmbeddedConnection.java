package io.jzmtp.netty;

import io.jzmtp.mechanism.NullMechanism;
import io.jzmtp.msg.Message;
import io.jzmtp.msg.Metadata;
import io.jzmtp.wire.Vectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One whole connection pipeline ({@link ZmtpChannelInitializer}) on an {@link EmbeddedChannel}, driven with the bytes
 * of a libzmq peer. Inputs are allocated from the (leak-tracked) pooled allocator so that a buffer the engine forgets
 * is both reported by the leak detector and visible in {@link #finish()}.
 */
final class EmbeddedConnection {

    /**
     * Every refused connection logs a warning; the failure tests refuse thousands (every fragmentation), so keep the
     * test output readable. Held strongly because java.util.logging keeps loggers weakly.
     */
    private static final Logger CONNECTION_LOG = quiet("io.jzmtp.connection");

    final EmbeddedChannel ch;
    final RecordingConnectionHandler handler;
    final DefaultChannelGroup group = new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE);
    final TrackingAllocator alloc = new TrackingAllocator();
    /** The event loop's clock: it moves only when a test calls {@link #advance}, so timer tests are exact. */
    private final MockTicker ticker = Ticker.newMockTicker();
    private final List<ByteBuf> inputs = new ArrayList<>();
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private int fed;
    private int writes;

    /** Connections not finished yet, released after each test so that a failed assertion leaks nothing. */
    private static final List<EmbeddedConnection> UNFINISHED = new ArrayList<>();

    EmbeddedConnection(ConnectionConfig config) {
        this(config, new RecordingConnectionHandler(1000));
    }

    EmbeddedConnection(ConnectionConfig config, RecordingConnectionHandler handler) {
        this.handler = handler;
        UNFINISHED.add(this);
        this.ch = EmbeddedChannel.builder().register(false).ticker(ticker)
                .handlers(new ZmtpChannelInitializer(config, handler, group)).build();
        ch.config().setAllocator(alloc);
        try {
            ch.register();   // runs the initializer and channelActive, which sends our signature
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        collect();
    }

    private static Logger quiet(String name) {
        Logger l = Logger.getLogger(name);
        l.setLevel(Level.OFF);
        return l;
    }

    /** A NULL-mechanism config; like libzmq, REQ, DEALER and ROUTER announce an (empty) Identity. */
    static ConnectionConfig config(String type, String... peers) {
        return config(type, -1, 0, peers);
    }

    static ConnectionConfig config(String type, long maxMessageSize, long handshakeMillis, String... peers) {
        boolean identity = Set.of("REQ", "DEALER", "ROUTER").contains(type);
        return new ConnectionConfig(type, Set.of(peers), new byte[0], identity, Metadata.EMPTY, maxMessageSize,
                handshakeMillis, NullMechanism.FACTORY);
    }

    /** Delivers {@code chunk} as one read, unless the channel has closed already. */
    void feed(byte[] chunk) {
        if (!ch.isOpen()) {
            return;
        }
        ByteBuf b = ByteBufAllocator.DEFAULT.buffer(chunk.length).writeBytes(chunk);
        inputs.add(b);
        ch.writeInbound(b);
        fed += chunk.length;
        collect();
    }

    /** Delivers each chunk as one read, stopping when the channel closes. */
    void feed(List<byte[]> chunks) {
        for (byte[] c : chunks) {
            feed(c);
        }
    }

    /** Number of bytes delivered so far. */
    int fed() {
        return fed;
    }

    /** Moves the event loop's clock forward and runs the scheduled tasks that became due. */
    void advance(long millis) {
        ticker.advance(millis, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        collect();
    }

    /** Runs tasks queued on the event loop (pipe drains, resumed reads). */
    void runTasks() {
        ch.runPendingTasks();
        collect();
    }

    /** Every byte the engine has written since the last call. */
    byte[] takeSent() {
        collect();
        byte[] b = sent.toByteArray();
        sent.reset();
        return b;
    }

    /** Number of buffers the engine has written so far (each is one write to the transport). */
    int writes() {
        collect();
        return writes;
    }

    /** Number of bytes written and not yet taken. */
    int sentSize() {
        collect();
        return sent.size();
    }

    /** The greeting as our side sends it: libzmq's bytes, since both pad with identity length + 1. */
    static byte[] ourGreeting() {
        return Vectors.get("greeting.full.null");
    }

    /**
     * Closes the channel, checks that it held nothing back, that every message the pipe still held is released
     * and that every input buffer, and every buffer the engine allocated, was released.
     */
    void finish() {
        UNFINISHED.remove(this);
        handler.received().forEach(Message::close);
        assertFalse(ch.finish(), "the channel holds unread inbound or outbound messages");
        handler.received().forEach(Message::close);
        for (int i = 0; i < inputs.size(); i++) {
            assertEquals(0, inputs.get(i).refCnt(), "input buffer " + i + " was not released");
        }
        alloc.assertAllReleased();
        assertFalse(ch.isOpen());
        assertTrue(group.isEmpty(), "a closed channel leaves its group");
    }

    /**
     * Releases whatever connections a failed test left behind (called from {@code @AfterEach}), so that one failing
     * assertion does not show up as leaks in later tests.
     */
    static void releaseUnfinished() {
        for (EmbeddedConnection c : List.copyOf(UNFINISHED)) {
            UNFINISHED.remove(c);
            c.ch.finishAndReleaseAll();
            c.handler.received().forEach(Message::close);
            if (c.handler.pipe != null) {
                c.handler.pipe.terminate();   // releases messages still queued outbound
            }
        }
    }

    private void collect() {
        Object o;
        while ((o = ch.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) o;
            writes++;
            try {
                sent.writeBytes(ByteBufUtil.getBytes(b));
            } finally {
                b.release();
            }
        }
    }
}
