package io.jzmtp.socket;

import io.jzmtp.msg.Message;
import io.jzmtp.msg.SubscriptionMessages;
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
        if (SubscriptionMessages.isSubscription(message)) {
            boolean subscribe = SubscriptionMessages.subscribes(message);
            byte[] prefix = SubscriptionMessages.prefix(message);
            message.close();
            changeSubscription(prefix, subscribe, false);
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
