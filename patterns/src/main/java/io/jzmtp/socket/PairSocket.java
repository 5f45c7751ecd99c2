package io.jzmtp.socket;

import io.jzmtp.msg.Message;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.routing.FairQueue;

/**
 * PAIR (RFC 31): exactly one peer at a time, both directions; sending blocks at SNDHWM or while there is no peer.
 * A second peer is refused while the first is attached.
 */
final class PairSocket implements Pattern {

    private final FairQueue in = new FairQueue();
    private final PeerGate gate = PeerGate.single();
    private Pipe peer;

    @Override
    public PeerGate gate() {
        return gate;
    }

    @Override
    public boolean admits(PeerInfo info) {
        return gate.isFree();
    }

    @Override
    public void attach(Pipe pipe) {
        gate.tryAdmit(pipe);   // admitted already when its handshake completed; a pattern used alone admits here
        peer = pipe;
    }

    @Override
    public void detach(Pipe pipe) {
        gate.release(pipe);
        if (peer == pipe) {
            peer = null;
        }
    }

    @Override
    public void readable(Pipe pipe) {
        in.readable(pipe);
    }

    @Override
    public boolean send(Message message) {
        return peer != null && peer.offer(message);
    }

    @Override
    public Message receive() {
        return in.receive();
    }

    @Override
    public boolean canSend() {
        return peer != null && peer.isWritable();
    }

    @Override
    public boolean canReceive() {
        return in.hasReadable();
    }
}
