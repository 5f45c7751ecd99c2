package io.jzmtp.socket;

import io.jzmtp.msg.Message;

/** SUB (RFC 29): receives what it subscribed to, from every publisher, fair-queued. Cannot send. */
final class SubSocket extends Subscriber {

    SubSocket(PatternOptions options) {
        super(options);
    }

    @Override
    public void subscribe(byte[] topic, boolean subscribe) {
        changeSubscription(topic, subscribe, true);
    }

    @Override
    public boolean send(Message message) {
        throw new UnsupportedOperationException("SUB sockets cannot send; use subscribe() and unsubscribe()");
    }

    @Override
    public boolean canSend() {
        return false;
    }
}
