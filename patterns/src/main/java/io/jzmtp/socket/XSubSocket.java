package io.jzmtp.socket;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.routing.Distributor;

import java.util.ArrayList;

/**
 * XSUB: a SUB whose subscriptions are messages the application sends: {@code [1][prefix]} subscribes and
 * {@code [0][prefix]} cancels. Like libzmq they travel as those messages even to ZMTP 3.1 peers, while the
 * subscriptions re-sent on (re)connection use SUBSCRIBE commands (ZMTP.md §8.2). Any other message goes upstream to
 * every publisher. {@code subscribe()} works too.
 */
final class XSubSocket extends Subscriber {

    XSubSocket(PatternOptions options) {
        super(options);
    }

    @Override
    public void subscribe(byte[] topic, boolean subscribe) {
        changeSubscription(topic, subscribe, true);
    }

    @Override
    public boolean send(Message message) {
        Frame first = message.first();
        if (message.size() == 1 && first.size() >= 1 && first.byteAt(0) <= 1) {
            byte[] body = first.toBytes();
            byte[] prefix = new byte[body.length - 1];
            System.arraycopy(body, 1, prefix, 0, prefix.length);
            message.close();
            changeSubscription(prefix, body[0] == 1, false);
            return true;
        }
        Distributor.sendToAll(message, new ArrayList<Pipe>(connected));
        return true;
    }

    @Override
    public boolean canSend() {
        return true;
    }
}
