package io.jzmtp.socket;

import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;

/**
 * PUB (RFC 29): fans out to every subscriber whose subscription matches, filtering at the publisher; drops per
 * subscriber at SNDHWM, never blocks. Messages that are not subscriptions are dropped. Cannot receive.
 */
final class PubSocket extends Publisher {

    PubSocket(PatternOptions options) {
        super(options);
    }

    @Override
    void subscriptionReceived(Pipe pipe, boolean subscribe, byte[] prefix, Message original) {
        original.close();
        if (subscribe) {
            subscriptions.add(prefix, pipe);
        } else {
            subscriptions.remove(prefix, pipe);
        }
    }

    @Override
    void otherMessageReceived(Pipe pipe, Message message) {
        message.close();
    }

    @Override
    public Message receive() {
        throw new UnsupportedOperationException("PUB sockets cannot receive (use XPUB to see subscriptions)");
    }

    @Override
    public boolean canReceive() {
        return false;
    }
}
