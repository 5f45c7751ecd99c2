package io.jzmtp.socket;

import io.jzmtp.SocketOption;
import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.routing.FairQueue;

/** PULL (RFC 30): fair-queued receiving from every PUSH peer, only the newest with CONFLATE. Cannot send. */
final class PullSocket implements Pattern {

    private final FairQueue in = new FairQueue();
    private final PatternOptions options;
    private boolean conflate;   // CONFLATE

    PullSocket(PatternOptions options) {
        this.options = options;
        optionsChanged();
    }

    @Override
    public void optionsChanged() {
        conflate = options.get(SocketOption.CONFLATE);
    }

    @Override
    public void attach(Pipe pipe) {
        // Nothing to do: a pipe takes part once it announces itself readable.
    }

    @Override
    public void detach(Pipe pipe) {
        // Messages already queued in the pipe are still delivered.
    }

    @Override
    public void readable(Pipe pipe) {
        in.readable(pipe);
    }

    @Override
    public boolean send(Message message) {
        throw new UnsupportedOperationException("PULL sockets cannot send");
    }

    @Override
    public Message receive() {
        return conflate ? in.receiveNewest() : in.receive();
    }

    @Override
    public boolean canSend() {
        return false;
    }

    @Override
    public boolean canReceive() {
        return in.hasReadable();
    }
}
