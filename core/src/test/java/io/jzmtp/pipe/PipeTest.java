package io.jzmtp.pipe;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.msg.Metadata;
import io.jzmtp.wire.ZmtpVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.DefaultEventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipe's bounds (ZMTP.md §15: HWM in messages, per direction), its wake-up rules and its end. */
class PipeTest {

    private final Listener listener = new Listener();
    private final Wire wire = new Wire();
    private final List<Runnable> ioTasks = new ArrayList<>();
    private final List<Message> owned = new ArrayList<>();
    private static final PeerInfo PEER = new PeerInfo(Metadata.EMPTY, ZmtpVersion.V3_1, "test");

    @AfterEach
    void releaseLeftovers() {
        ioTasks.forEach(Runnable::run);   // deferred discards, in case a test stopped before running them
        owned.forEach(Message::close);
    }

    private Message msg(String text) {
        ByteBuf b = ByteBufAllocator.DEFAULT.buffer().writeBytes(text.getBytes());
        Message m = Message.of(Frame.wrap(b));
        owned.add(m);   // closed after the test unless a pipe took it (closing twice is harmless)
        return m;
    }

    private Pipe pipe(int sndhwm, int rcvhwm) {
        return new Pipe(sndhwm, rcvhwm, Runnable::run, listener);
    }

    // ---- outbound ------------------------------------------------------------------------------------------------

    /**
     * A pipe ended after its I/O thread stopped (its context closed first) does not throw: the queue it held is
     * released once that thread has terminated, when no other thread can be polling it.
     */
    @Test
    void terminateAfterTheIoThreadStoppedReleasesTheQueueOnceItHasTerminated() throws Exception {
        DefaultEventExecutor io = new DefaultEventExecutor();
        io.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
        Pipe p = new Pipe(0, 0, io, listener);
        ByteBuf body = ByteBufAllocator.DEFAULT.buffer().writeBytes("queued".getBytes());
        assertTrue(p.offer(Message.of(Frame.wrap(body))));
        p.terminate();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (body.refCnt() > 0) {
            assertTrue(System.nanoTime() < deadline, "the queued message was never released");
            Thread.onSpinWait();
        }
    }

    /** The same with an executor that is not a Netty loop: rejecting, it runs nothing more, so the caller releases. */
    @Test
    void terminateWithARejectingExecutorReleasesTheQueueAtOnce() {
        Executor rejecting = task -> {
            throw new RejectedExecutionException("stopped");
        };
        Pipe p = new Pipe(0, 0, rejecting, listener);
        ByteBuf body = ByteBufAllocator.DEFAULT.buffer().writeBytes("queued".getBytes());
        assertTrue(p.offer(Message.of(Frame.wrap(body))));
        p.terminate();
        assertEquals(0, body.refCnt());
    }

    @Test
    void offerRefusesAtSendHwmAndTheCallerKeepsTheMessage() {
        Pipe p = pipe(2, 0);
        assertTrue(p.offer(msg("1")));
        assertTrue(p.offer(msg("2")));
        assertFalse(p.isWritable());
        Message third = msg("3");
        assertFalse(p.offer(third));
        assertEquals("3", third.first().toUtf8(), "a refused message stays intact with the caller");
        assertEquals(2, p.outboundSize());

        Message m = p.pollOutbound();
        assertEquals("1", m.first().toUtf8());
        m.close();
        assertTrue(p.isWritable());
        assertTrue(p.offer(third));
        assertEquals("2", p.pollOutbound().first().toUtf8());
        assertEquals("3", p.pollOutbound().first().toUtf8());
        assertNull(p.pollOutbound());
        assertFalse(p.hasOutbound());
    }

    @Test
    void sendHwmZeroIsUnlimited() {
        Pipe p = pipe(0, 0);
        for (int i = 0; i < 5000; i++) {
            assertTrue(p.offer(Message.of("m")));
        }
        assertEquals(5000, p.outboundSize());
        Message m;
        while ((m = p.pollOutbound()) != null) {
            m.close();
        }
    }

    @Test
    void offerWakesTheAttachedWireAndAttachFlushesWhatQueuedBefore() {
        Pipe p = pipe(10, 10);
        p.offer(msg("early"));
        assertFalse(p.isConnected());
        p.attach(wire, PEER);
        assertTrue(p.isConnected());
        assertSame(PEER, p.peer());
        assertEquals(1, wire.outboundReady, "attach announces messages queued while unconnected");
        p.offer(msg("later"));
        assertEquals(2, wire.outboundReady);
        p.pollOutbound().close();
        p.pollOutbound().close();
    }

    @Test
    void attachWithNothingQueuedDoesNotWakeTheWire() {
        Pipe p = pipe(10, 10);
        p.attach(wire, PEER);
        assertEquals(0, wire.outboundReady);
    }

    @Test
    void outboundDrainedTellsTheListenerThePipeIsWritable() {
        Pipe p = pipe(1, 0);
        p.offer(msg("x"));
        p.pollOutbound().close();
        p.outboundDrained();
        assertEquals(1, listener.writable);
    }

    @Test
    void detachOnlyDetachesTheAttachedWire() {
        Pipe p = pipe(10, 10);
        p.attach(wire, PEER);
        p.detach(new Wire());
        assertTrue(p.isConnected());
        p.detach(wire);
        assertFalse(p.isConnected());
        p.offer(msg("queued"));
        assertEquals(0, wire.outboundReady, "a detached wire is not woken");
        assertEquals(1, p.outboundSize(), "messages queue while disconnected");
        p.pollOutbound().close();
    }

    @Test
    void isFlushedNeedsAnEmptyQueueAndNoPendingWrites() {
        Pipe p = pipe(10, 10);
        assertTrue(p.isFlushed());
        p.offer(msg("x"));
        assertFalse(p.isFlushed());
        p.pollOutbound().close();
        p.attach(wire, PEER);
        wire.pendingWrites = true;
        assertFalse(p.isFlushed());
        wire.pendingWrites = false;
        assertTrue(p.isFlushed());
    }

    // ---- inbound -------------------------------------------------------------------------------------------------

    @Test
    void readingPausesAtReceiveHwmAndResumesAtHalf() {
        Pipe p = pipe(0, 4);
        p.attach(wire, PEER);
        for (int i = 0; i < 3; i++) {
            p.pushInbound(Message.of("m" + i));
        }
        assertEquals(0, wire.paused);
        p.pushInbound(Message.of("m3"));
        assertEquals(1, wire.paused, "paused when RCVHWM messages are queued");
        p.pushInbound(Message.of("m4"));   // the read that crossed the mark may still deliver
        assertEquals(1, wire.paused, "paused once only");
        assertEquals(5, p.inboundSize());

        p.poll().close();
        p.poll().close();
        assertEquals(0, wire.resumed, "3 left, above half of 4");
        p.poll().close();
        assertEquals(1, wire.resumed, "resumed at RCVHWM / 2");
        p.poll().close();
        p.poll().close();
        assertEquals(1, wire.resumed, "resumed once only");
        assertNull(p.poll());
    }

    @Test
    void receiveHwmZeroNeverPauses() {
        Pipe p = pipe(0, 0);
        p.attach(wire, PEER);
        for (int i = 0; i < 2000; i++) {
            p.pushInbound(Message.of("m"));
        }
        assertEquals(0, wire.paused);
        p.discardInbound();
        assertEquals(0, p.inboundSize());
        assertFalse(p.hasInbound());
    }

    @Test
    void pausesAgainAfterResuming() {
        Pipe p = pipe(0, 2);
        p.attach(wire, PEER);
        p.pushInbound(Message.of("a"));
        p.pushInbound(Message.of("b"));
        p.poll().close();
        p.pushInbound(Message.of("c"));
        assertEquals(1, wire.resumed);
        assertEquals(2, wire.paused);
        p.discardInbound();
    }

    @Test
    void readableIsAnnouncedOncePerEmptyToNonEmptyTransition() {
        Pipe p = pipe(0, 0);
        p.pushInbound(msg("a"));
        p.pushInbound(msg("b"));
        assertEquals(1, listener.readable, "announced on the first message only");
        p.poll().close();
        p.poll().close();
        assertNull(p.poll());
        assertFalse(p.clearReadable(), "empty: the reader may forget the pipe");
        p.pushInbound(msg("c"));
        assertEquals(2, listener.readable, "announced again after the reader cleared the mark");
        p.discardInbound();
    }

    @Test
    void clearReadableReportsAMessageThatSlippedInAndKeepsTheMark() {
        Pipe p = pipe(0, 0);
        p.pushInbound(msg("a"));
        p.poll().close();
        p.pushInbound(msg("b"));   // arrives after the reader found nothing more, before it cleared the mark
        assertEquals(1, listener.readable, "not announced: the mark is still set");
        assertTrue(p.clearReadable(), "the reader must keep treating the pipe as readable");
        p.pushInbound(msg("c"));
        assertEquals(1, listener.readable, "the mark was taken again, so no second announcement");
        p.discardInbound();
    }

    @Test
    void discardInboundReleasesEveryMessage() {
        Pipe p = pipe(0, 0);
        ByteBuf b = ByteBufAllocator.DEFAULT.buffer().writeByte(1);
        p.pushInbound(Message.of(Frame.wrap(b)));
        p.discardInbound();
        assertEquals(0, b.refCnt());
    }

    // ---- terminate -----------------------------------------------------------------------------------------------

    @Test
    void terminateDiscardsOutboundOnTheIoThreadClosesTheWireAndRefusesOffers() {
        Executor deferred = ioTasks::add;
        Pipe p = new Pipe(10, 10, deferred, listener);
        ByteBuf queued = ByteBufAllocator.DEFAULT.buffer().writeByte(1);
        p.offer(Message.of(Frame.wrap(queued)));
        p.attach(wire, PEER);
        p.terminate();
        assertTrue(p.isTerminated());
        assertEquals(1, wire.closed, "the connection is told to close");
        assertEquals(1, queued.refCnt(), "discarded on the I/O thread, not on the caller's");
        ioTasks.forEach(Runnable::run);
        ioTasks.clear();
        assertEquals(0, queued.refCnt());
        assertEquals(0, p.outboundSize());

        assertFalse(p.isWritable());
        Message refused = msg("late");
        assertFalse(p.offer(refused));
        assertEquals("late", refused.first().toUtf8(), "the caller keeps a refused message");
    }

    @Test
    void terminatedPipeSettlesWhenItsConnectionHasClosed() {
        Pipe p = pipe(10, 10);
        p.attach(wire, PEER);
        p.terminate();
        assertFalse(p.isSettled(), "the connection may still deliver until it has closed");
        p.detach(wire);   // what the connection does once closed
        assertFalse(p.isConnected());
        assertTrue(p.isSettled());
    }

    @Test
    void unterminatedPipeIsNeverSettled() {
        Pipe p = pipe(10, 10);
        assertFalse(p.isSettled());
        p.attach(wire, PEER);
        p.detach(wire);
        assertFalse(p.isSettled(), "a connecting side's pipe outlives its connections");
    }

    @Test
    void messagesArrivingAfterTerminateAreReleased() {
        Pipe p = pipe(0, 0);
        p.attach(wire, PEER);
        p.terminate();
        ByteBuf late = ByteBufAllocator.DEFAULT.buffer().writeByte(1);
        p.pushInbound(Message.of(Frame.wrap(late)));
        assertEquals(0, late.refCnt(), "nobody will read it");
        assertFalse(p.hasInbound());
        assertEquals(0, listener.readable);
    }

    @Test
    void inboundMessagesStayReadableAfterTerminate() {
        Pipe p = pipe(0, 0);
        p.pushInbound(msg("last words"));
        p.terminate();
        Message m = p.poll();
        assertEquals("last words", m.first().toUtf8());
        m.close();
    }

    @Test
    void negativeHwmIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> pipe(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> pipe(0, -1));
    }

    @Test
    void peerInfoSocketTypeIsEmptyWhenNotAnnounced() {
        assertEquals("", PEER.socketType());
        assertThrows(NullPointerException.class, () -> new PeerInfo(null, ZmtpVersion.V3_1, "x"));
    }

    /** A wire side that counts the pipe's calls. */
    private static final class Wire implements WireSide {
        int outboundReady;
        int paused;
        int resumed;
        int closed;
        boolean pendingWrites;

        @Override
        public void outboundReady() {
            outboundReady++;
        }

        @Override
        public void pauseReading() {
            paused++;
        }

        @Override
        public void resumeReading() {
            resumed++;
        }

        @Override
        public boolean hasPendingWrites() {
            return pendingWrites;
        }

        @Override
        public void close() {
            closed++;
        }
    }

    /** Counts the pipe's announcements to the socket. */
    private static final class Listener implements PipeListener {
        int readable;
        int writable;

        @Override
        public void readable(Pipe pipe) {
            readable++;
        }

        @Override
        public void writable(Pipe pipe) {
            writable++;
        }
    }
}
