package io.jzmtp.socket;

import io.jzmtp.SocketOption;
import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;

import java.util.ArrayDeque;

/**
 * XPUB: a PUB that also hands subscriptions to the application, as {@code [1|0][prefix]} messages (ZMTP.md §8.2) —
 * by default only the first subscription to a prefix and the cancel that leaves it without subscribers; every
 * subscription with XPUB_VERBOSE; every cancel too with XPUB_VERBOSER. With XPUB_MANUAL nothing is applied
 * automatically: the application applies subscriptions with {@code subscribe()}, for the peer that sent the last one.
 * Other messages from subscribers are handed over as they are. XPUB_WELCOME_MSG greets each new subscriber.
 */
final class XPubSocket extends Publisher {

    private final ArrayDeque<Message> forApplication = new ArrayDeque<>();
    private Pipe lastSubscriber;

    XPubSocket(PatternOptions options) {
        super(options);
    }

    @Override
    public void connected(Pipe pipe) {
        byte[] welcome = options.get(SocketOption.XPUB_WELCOME_MSG);
        if (welcome.length > 0) {
            Message m = Message.of(welcome);
            if (!pipe.offer(m)) {
                m.close();
            }
        }
    }

    @Override
    void subscriptionReceived(Pipe pipe, boolean subscribe, byte[] prefix, Message original) {
        lastSubscriber = pipe;
        boolean manual = options.get(SocketOption.XPUB_MANUAL);
        boolean deliver;
        if (manual) {
            deliver = true;
        } else if (subscribe) {
            boolean first = subscriptions.add(prefix, pipe);
            deliver = first || options.get(SocketOption.XPUB_VERBOSE) || options.get(SocketOption.XPUB_VERBOSER);
        } else {
            boolean last = subscriptions.remove(prefix, pipe);
            deliver = last || options.get(SocketOption.XPUB_VERBOSER);
        }
        if (deliver) {
            forApplication.addLast(original);
        } else {
            original.close();
        }
    }

    @Override
    void otherMessageReceived(Pipe pipe, Message message) {
        forApplication.addLast(message);
    }

    @Override
    void orphaned(byte[] prefix) {
        if (!options.get(SocketOption.XPUB_MANUAL)) {
            forApplication.addLast(Message.subscription(false, prefix));
        }
    }

    @Override
    public void subscribe(byte[] topic, boolean subscribe) {
        if (!options.get(SocketOption.XPUB_MANUAL)) {
            throw new UnsupportedOperationException("XPUB applies subscriptions itself; set XPUB_MANUAL to apply"
                    + " them with subscribe()/unsubscribe()");
        }
        if (lastSubscriber == null) {
            throw new IllegalStateException("no subscription has arrived yet, so there is no peer to apply it to");
        }
        if (subscribe) {
            subscriptions.add(topic, lastSubscriber);
        } else {
            subscriptions.remove(topic, lastSubscriber);
        }
    }

    @Override
    public void detach(Pipe pipe) {
        super.detach(pipe);
        if (lastSubscriber == pipe) {
            lastSubscriber = null;
        }
    }

    @Override
    public void close() {
        Message m;
        while ((m = forApplication.pollFirst()) != null) {
            m.close();
        }
    }

    @Override
    public Message receive() {
        Message m = forApplication.pollFirst();
        if (m != null) {
            resumeStalled();
        }
        return m;
    }

    /**
     * Subscriptions and messages for the application are bounded by RCVHWM like any socket's input (libzmq queues
     * them without limit): beyond it, the peers' pipes fill and their connections stop being read.
     */
    @Override
    boolean applicationQueueFull() {
        int hwm = options.get(SocketOption.RCVHWM);
        return hwm > 0 && forApplication.size() >= hwm;
    }

    @Override
    public boolean canReceive() {
        return !forApplication.isEmpty();
    }
}
