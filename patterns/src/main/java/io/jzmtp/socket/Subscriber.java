package io.jzmtp.socket;

import io.jzmtp.SocketOption;
import io.jzmtp.msg.Message;
import io.jzmtp.msg.SubscriptionMessages;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.routing.FairQueue;
import io.jzmtp.routing.TopicFilter;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What SUB and XSUB share (RFC 29): counted subscriptions, sent to every connected publisher and sent again whenever
 * a connection is (re)established; fair-queued receiving that also filters locally, so messages from a publisher that
 * does not filter (or that arrive before a subscription lands) are still dropped. INVERT_MATCHING inverts the filter;
 * CONFLATE keeps only the newest matching message.
 */
abstract class Subscriber implements Pattern {

    final PatternOptions options;
    final TopicFilter filter = new TopicFilter();
    final Set<Pipe> connected = new LinkedHashSet<>();
    private final FairQueue in = new FairQueue();
    private boolean conflate;   // CONFLATE
    private boolean invert;     // INVERT_MATCHING

    Subscriber(PatternOptions options) {
        this.options = options;
        optionsChanged();
    }

    @Override
    public final void optionsChanged() {
        conflate = options.get(SocketOption.CONFLATE);
        invert = options.get(SocketOption.INVERT_MATCHING);
    }

    @Override
    public void attach(Pipe pipe) {
        // Subscriptions go out once the connection is up (connected()).
    }

    @Override
    public void detach(Pipe pipe) {
        connected.remove(pipe);
    }

    @Override
    public void connected(Pipe pipe) {
        connected.add(pipe);
        filter.forEach(prefix -> offer(pipe, Message.subscription(true, prefix)));
    }

    @Override
    public void disconnected(Pipe pipe) {
        connected.remove(pipe);
    }

    @Override
    public void readable(Pipe pipe) {
        in.readable(pipe);
    }

    /** Applies a subscription change locally and tells the publishers. */
    void changeSubscription(byte[] prefix, boolean subscribe, boolean asCommand) {
        if (subscribe) {
            filter.add(prefix);
        } else if (!filter.remove(prefix)) {
            return;   // still subscribed by an earlier subscribe(), or never was
        }
        for (Pipe p : connected) {
            offer(p, asCommand ? Message.subscription(subscribe, prefix) : plain(subscribe, prefix));
        }
    }

    private static Message plain(boolean subscribe, byte[] prefix) {
        return Message.of(SubscriptionMessages.body(subscribe, prefix));
    }

    static void offer(Pipe pipe, Message m) {
        if (!pipe.offer(m)) {
            m.close();   // at SNDHWM the subscription is lost, as in libzmq
        }
    }

    @Override
    public Message receive() {
        Message newest = null;
        Message m;
        while ((m = in.receive()) != null) {
            if (filter.matches(m.first()) == invert) {
                m.close();
                continue;
            }
            if (!conflate) {
                return m;
            }
            if (newest != null) {
                newest.close();
            }
            newest = m;
        }
        return newest;
    }

    @Override
    public boolean canReceive() {
        return in.hasReadable();
    }
}
