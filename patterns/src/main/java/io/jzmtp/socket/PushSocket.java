package io.jzmtp.socket;

import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.routing.LoadBalancer;

/** PUSH (RFC 30): round-robin over peers with room; blocks when all are at SNDHWM, never drops. Cannot receive. */
final class PushSocket implements Pattern {

    private final LoadBalancer out = new LoadBalancer();

    @Override
    public void attach(Pipe pipe) {
        out.attach(pipe);
    }

    @Override
    public void detach(Pipe pipe) {
        out.detach(pipe);
    }

    @Override
    public void readable(Pipe pipe) {
        do {
            pipe.discardInbound();   // PULL peers never send; anything that arrives is dropped
        } while (pipe.clearReadable());
    }

    @Override
    public boolean send(Message message) {
        return out.send(message);
    }

    @Override
    public Message receive() {
        throw new UnsupportedOperationException("PUSH sockets cannot receive");
    }

    @Override
    public boolean canSend() {
        return out.canSend();
    }

    @Override
    public boolean canReceive() {
        return false;
    }
}
