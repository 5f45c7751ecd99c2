package io.jzmtp.socket;

import io.jzmtp.SocketOption;
import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.routing.FairQueue;
import io.jzmtp.routing.LoadBalancer;

/**
 * DEALER (RFC 28): round-robin out over peers with room, blocking when all are at SNDHWM; fair-queued in. Messages
 * pass unchanged in both directions, so the application builds and reads envelopes itself. With
 * {@link SocketOption#PROBE_ROUTER} every new connection first gets one empty message.
 */
final class DealerSocket implements Pattern {

    private final LoadBalancer out = new LoadBalancer();
    private final FairQueue in = new FairQueue();
    private final PatternOptions options;
    private boolean conflate;   // CONFLATE

    DealerSocket(PatternOptions options) {
        this.options = options;
        optionsChanged();
    }

    @Override
    public void optionsChanged() {
        conflate = options.get(SocketOption.CONFLATE);
    }

    @Override
    public void attach(Pipe pipe) {
        out.attach(pipe);
    }

    @Override
    public void detach(Pipe pipe) {
        out.detach(pipe);   // messages it already delivered are still read
    }

    @Override
    public void connected(Pipe pipe) {
        if (options.get(SocketOption.PROBE_ROUTER)) {
            probe(pipe);
        }
    }

    @Override
    public void readable(Pipe pipe) {
        in.readable(pipe);
    }

    @Override
    public boolean send(Message message) {
        return out.send(message);
    }

    @Override
    public Message receive() {
        return conflate ? in.receiveNewest() : in.receive();
    }

    @Override
    public boolean canSend() {
        return out.canSend();
    }

    @Override
    public boolean canReceive() {
        return in.hasReadable();
    }

    /**
     * Queues one empty message for {@code pipe}'s peer (PROBE_ROUTER): a ROUTER peer then hears of us before we send
     * anything. Skipped when the pipe is full, as libzmq does.
     */
    static void probe(Pipe pipe) {
        Message probe = Message.of(Frame.empty());
        if (!pipe.offer(probe)) {
            probe.close();
        }
    }
}
