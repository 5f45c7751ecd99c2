package io.jzmtp.socket;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.routing.FairQueue;

/**
 * REP (RFC 28): receives requests fair-queued from every peer and sends each reply back to the peer that asked,
 * strictly alternating receive and send.
 *
 * <p>A request's envelope is every frame up to and including the first empty one (the delimiter); it is stripped
 * before the application sees the request and put back in front of the reply. A request without a delimiter followed
 * by a body is malformed and silently dropped. A reply whose peer has gone, or whose pipe is at SNDHWM, is dropped
 * (ZMTP.md §15), so sending never blocks.
 *
 * <p>The envelope is kept as copied bytes rather than the received frames: it is a few small frames, and copying them
 * means the request's network buffer is not pinned while the application works on the request, and nothing is left
 * to release if the socket closes before it replies.
 */
final class RepSocket implements Pattern {

    private long drops;

    private static final byte[][] NO_ENVELOPE = new byte[0][];

    private final FairQueue in = new FairQueue();
    /** The pipe the current request came from; {@code null} while no reply is due. */
    private Pipe requester;
    private byte[][] envelope = NO_ENVELOPE;

    @Override
    public void attach(Pipe pipe) {
        // Nothing to do: a pipe takes part once it announces itself readable.
    }

    @Override
    public void detach(Pipe pipe) {
        // Requests it already delivered are still read; a reply to it is then dropped by the terminated pipe.
    }

    @Override
    public void readable(Pipe pipe) {
        in.readable(pipe);
    }

    /** Returns the next well-formed request without its envelope, owned by the caller. */
    @Override
    public Message receive() {
        if (requester != null) {
            throw new IllegalStateException("REP socket must send the reply to its current request before it can"
                    + " receive the next one");
        }
        Message request;
        while ((request = in.receive()) != null) {
            int delimiter = delimiterIndex(request);
            if (delimiter < 0) {
                request.close();   // no envelope: not a request (libzmq drops these too)
                continue;
            }
            byte[][] frames = new byte[delimiter + 1][];
            for (int i = 0; i <= delimiter; i++) {
                Frame f = request.pop();
                frames[i] = f.toBytes();
                f.release();
            }
            envelope = frames;
            requester = in.lastSource();
            return request;
        }
        return null;
    }

    /** Sends {@code reply} to the peer that asked; the socket owns it afterwards, even when it is dropped. */
    @Override
    public boolean send(Message reply) {
        if (requester == null) {
            throw new IllegalStateException("REP socket has no request to reply to; receive one first");
        }
        for (int i = envelope.length - 1; i >= 0; i--) {
            reply.push(Frame.of(envelope[i]));
        }
        Pipe to = requester;
        requester = null;
        envelope = NO_ENVELOPE;
        if (!to.offer(reply)) {
            reply.close();   // the requester left or is at SNDHWM: the reply is lost, as in libzmq
            drops++;
        }
        return true;
    }

    @Override
    public long drops() {
        return drops;
    }

    @Override
    public boolean canSend() {
        return requester != null;
    }

    @Override
    public boolean canReceive() {
        return requester == null && in.hasReadable();
    }

    /** Index of the first empty frame that has a body after it, or -1. */
    private static int delimiterIndex(Message m) {
        for (int i = 0; i < m.size() - 1; i++) {
            if (m.frame(i).isEmpty()) {
                return i;
            }
        }
        return -1;
    }
}
