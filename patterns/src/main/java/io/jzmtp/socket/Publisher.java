package io.jzmtp.socket;

import io.jzmtp.SocketOption;
import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.msg.SubscriptionMessages;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.routing.Distributor;
import io.jzmtp.routing.SubscriptionTrie;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What PUB and XPUB share (RFC 29): subscriptions arrive from each peer as {@code [1|0][prefix]} messages (the engine
 * turns ZMTP 3.1 SUBSCRIBE/CANCEL commands into that shape too), are kept in a {@link SubscriptionTrie}, and each sent
 * message goes only to the peers whose subscriptions match its first frame, so unwanted messages never cross the wire.
 * A peer at SNDHWM misses messages; with XPUB_NODROP a send would block instead.
 */
abstract class Publisher implements Pattern {

    final PatternOptions options;
    final SubscriptionTrie subscriptions = new SubscriptionTrie();
    private final List<Pipe> pipes = new ArrayList<>();
    private final List<Pipe> targets = new ArrayList<>();   // reused for every send
    private final List<Pipe> matching = new ArrayList<>();  // reused for every send with INVERT_MATCHING
    private final ArrayDeque<Pipe> stalled = new ArrayDeque<>();  // readable pipes left while the app's queue is full
    private long drops;
    private boolean noDrop;     // XPUB_NODROP
    private boolean invert;     // INVERT_MATCHING

    Publisher(PatternOptions options) {
        this.options = options;
        optionsChanged();
    }

    @Override
    public final void optionsChanged() {
        noDrop = options.get(SocketOption.XPUB_NODROP);
        invert = options.get(SocketOption.INVERT_MATCHING);
    }

    /** A subscription message arrived from {@code pipe}. */
    abstract void subscriptionReceived(Pipe pipe, boolean subscribe, byte[] prefix, Message original);

    /** A message that is not a subscription arrived from {@code pipe}. Takes ownership. */
    abstract void otherMessageReceived(Pipe pipe, Message message);

    /** No peer is subscribed to {@code prefix} any more, because its last subscriber left. */
    void orphaned(byte[] prefix) {
    }

    @Override
    public void attach(Pipe pipe) {
        pipes.add(pipe);
    }

    @Override
    public void detach(Pipe pipe) {
        pipes.remove(pipe);
        stalled.remove(pipe);
        subscriptions.removeAll(pipe, this::orphaned);
    }

    /** A peer re-sends all its subscriptions when it reconnects, so what it had subscribed is forgotten now. */
    @Override
    public void disconnected(Pipe pipe) {
        subscriptions.removeAll(pipe, this::orphaned);
    }

    @Override
    public void readable(Pipe pipe) {
        do {
            Message m;
            while (!applicationQueueFull() && (m = pipe.poll()) != null) {
                dispatch(pipe, m);
            }
            if (applicationQueueFull()) {
                // Left readable: the pipe fills to RCVHWM and reading from the peer pauses, until the application
                // takes what waits for it (see resumeStalled).
                if (!stalled.contains(pipe)) {
                    stalled.addLast(pipe);
                }
                return;
            }
        } while (pipe.clearReadable());
    }

    /**
     * Whether what waits for the application (XPUB's subscriptions and messages) reached RCVHWM. Nothing waits for
     * a PUB's application, so for PUB never.
     */
    boolean applicationQueueFull() {
        return false;
    }

    /** The application took messages: goes on with the pipes left readable when its queue was full. */
    void resumeStalled() {
        Pipe p;
        while (!applicationQueueFull() && (p = stalled.pollFirst()) != null) {
            readable(p);
        }
    }

    private void dispatch(Pipe pipe, Message m) {
        if (SubscriptionMessages.isSubscription(m)) {
            subscriptionReceived(pipe, SubscriptionMessages.subscribes(m), SubscriptionMessages.prefix(m), m);
        } else {
            otherMessageReceived(pipe, m);
        }
    }

    @Override
    public boolean send(Message message) {
        Frame topic = message.first();
        Pipe only = invert ? null : subscriptions.onlyMatch(topic);
        if (only != null) {
            // The common case, one subscriber: its pipe's offer is the whole fan-out and reports SNDHWM itself.
            if (only.offer(message)) {
                return true;
            }
            if (noDrop) {
                return false;   // the caller keeps the message and waits for room
            }
            message.close();
            drops++;
            return true;
        }
        targets.clear();
        selectTargets(topic);
        if (noDrop && !Distributor.allWritable(targets)) {
            targets.clear();
            return false;
        }
        drops += Distributor.sendToAll(message, targets);
        targets.clear();
        return true;
    }

    @Override
    public long drops() {
        return drops;
    }

    private void selectTargets(Frame topic) {
        if (!invert) {
            subscriptions.match(topic, targets);
            return;
        }
        matching.clear();
        subscriptions.match(topic, matching);
        for (Pipe p : pipes) {
            if (!matching.contains(p)) {
                targets.add(p);
            }
        }
        matching.clear();
    }

    @Override
    public boolean canSend() {
        return !noDrop || Distributor.allWritable(pipes);
    }
}
