package io.jzmtp;

import io.jzmtp.msg.Message;
import io.jzmtp.msg.Metadata;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.pipe.WireSide;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One inproc connection: the pipes of two sockets of one Context joined directly, with no channel, no encoding and
 * no copy. A message offered to one pipe is moved by reference, on the thread that offered it, into the other pipe's
 * inbound queue, stamped with the sender's metadata. When that queue reaches the receiver's RCVHWM, moving stops
 * until the receiver has taken half of it (the pipe's own resume, as for a network connection), and the sender's
 * SNDHWM then fills: each direction holds at most SNDHWM + RCVHWM messages, as in libzmq.
 *
 * <p>No thread ever waits here: each direction is moved by one thread at a time through its pipe's
 * {@link OutboundConsumer}, and everything it touches on the other side is lock-free. So two sockets sending to each
 * other from two threads cannot deadlock.
 */
final class InprocConnection {

    /** What the two sockets are told when the connection ends. */
    interface Ended {
        void ended(InprocConnection connection);
    }

    private final Side connecting;
    private final Side binding;
    private final Ended ended;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Joins {@code connectingPipe} (consumed by {@code connectingConsumer}) and {@code bindingPipe}; nothing moves
     * until {@link #open()}.
     *
     * @param connectingPeer what the connecting socket is told about its peer (the binding socket)
     * @param bindingPeer    what the binding socket is told about its peer
     */
    InprocConnection(Pipe connectingPipe, OutboundConsumer connectingConsumer, PeerInfo connectingPeer,
                     Pipe bindingPipe, OutboundConsumer bindingConsumer, PeerInfo bindingPeer, Ended ended) {
        this.connecting = new Side(connectingPipe, connectingConsumer, connectingPeer);
        this.binding = new Side(bindingPipe, bindingConsumer, bindingPeer);
        this.connecting.other = binding;
        this.binding.other = connecting;
        this.ended = ended;
    }

    /** Attaches both pipes (each socket then has its peer); messages start to move once both sockets were told. */
    void attach() {
        connecting.pipe.attach(connecting, connecting.peer);
        binding.pipe.attach(binding, binding.peer);
    }

    /** Lets messages move, including any queued before the connection was made. */
    void open() {
        connecting.consumer.mover(connecting::moveOut);
        binding.consumer.mover(binding::moveOut);
        connecting.consumer.run();
        binding.consumer.run();
    }

    Pipe connectingPipe() {
        return connecting.pipe;
    }

    Pipe bindingPipe() {
        return binding.pipe;
    }

    PeerInfo connectingPeer() {
        return connecting.peer;
    }

    PeerInfo bindingPeer() {
        return binding.peer;
    }

    /** Ends the connection once: both pipes are detached and both sockets told. Messages already moved stay. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        connecting.consumer.mover(null);
        binding.consumer.mover(null);
        connecting.pipe.detach(connecting);
        binding.pipe.detach(binding);
        ended.ended(this);
    }

    /** One socket's end: the wire of its pipe, and the direction from it to the other end. */
    private final class Side implements WireSide {
        final Pipe pipe;
        final OutboundConsumer consumer;
        final PeerInfo peer;
        Side other;

        Side(Pipe pipe, OutboundConsumer consumer, PeerInfo peer) {
            this.pipe = pipe;
            this.consumer = consumer;
            this.peer = peer;
        }

        /** Moves this side's outbound messages into the other side's inbound queue. Run by {@link #consumer} only. */
        void moveOut() {
            Pipe to = other.pipe;
            Metadata senderMetadata = other.peer.metadata();   // what the receiver knows of its peer: us
            int moved = 0;
            Message m;
            // The receiving pipe's own pause flag says when to stop (it is set as its queue reaches RCVHWM, and cleared
            // by its reader, who then calls resumeReading): no second flag that could disagree with it.
            while (!to.isReadingPaused() && !closed.get() && (m = pipe.pollOutbound()) != null) {
                to.pushInboundQuietly(m.metadata(senderMetadata));
                moved++;
            }
            if (moved > 0) {
                to.announceInbound();
                pipe.outboundDrained();
            }
        }

        /**
         * The fast path of a send: when this thread can be the consumer at once and nothing queued would be passed,
         * the message goes straight into the receiver's queue, skipping ours.
         */
        @Override
        public boolean deliverDirectly(Message message) {
            if (!consumer.tryEnterAlone()) {
                return false;
            }
            boolean delivered = false;
            try {
                Pipe to = other.pipe;
                if (!pipe.hasOutbound() && !to.isReadingPaused() && !closed.get()) {
                    to.pushInboundQuietly(message.metadata(other.peer.metadata()));
                    pipe.drainedDirectly();
                    to.announceInbound();
                    delivered = true;
                }
            } finally {
                consumer.leaveAlone();
            }
            return delivered;
        }

        @Override
        public void outboundReady() {
            consumer.run();
        }

        @Override
        public void pauseReading() {
            // nothing to do: the mover reads the pipe's pause flag itself
        }

        @Override
        public void resumeReading() {
            other.consumer.run();   // the other side's messages waited for this room
        }

        @Override
        public boolean hasPendingWrites() {
            return false;   // a moved message is in the peer's queue already
        }

        @Override
        public void close() {
            InprocConnection.this.close();
        }
    }
}
