package io.jzmtp;

import io.jzmtp.msg.Message;

/**
 * One direction of a {@link Proxy}: whole messages from a source socket to a destination socket, each copied to the
 * capture socket (if any). Never blocks: a message the destination (or capture) cannot take yet stays pending, no
 * further message is read meanwhile, and the loop waits for the blocking socket to become writable. That is how
 * back-pressure (HWM) reaches the source instead of messages being dropped.
 *
 * <p>Used by the proxy's thread only; the counters are volatile so {@link Proxy#statistics()} can read them from
 * other threads.
 */
final class ProxyDirection {

    private final Socket source;
    private final Socket destination;
    private final Socket capture;
    /** Received and not yet accepted by the destination; owned by this direction. */
    private Message pending;
    private long pendingBytes;
    /** The capture copy of the last message, not yet accepted by the capture socket. */
    private Message pendingCopy;

    volatile long received;
    volatile long receivedBytes;
    volatile long sent;
    volatile long sentBytes;

    ProxyDirection(Socket source, Socket destination, Socket capture) {
        this.source = source;
        this.destination = destination;
        this.capture = capture;
    }

    /**
     * Delivers what is pending, then moves up to {@code limit} more messages unless {@code paused}. Stops early when
     * the source has nothing or a receiver would block.
     *
     * @throws SocketClosedException if one of the sockets is closed
     */
    void pump(boolean paused, int limit) {
        int moved = 0;
        while (flush() && !paused && moved < limit) {
            Message m = source.tryReceive();
            if (m == null) {
                return;
            }
            long bytes = m.byteSize();
            received = received + 1;   // single writer: the proxy's thread
            receivedBytes = receivedBytes + bytes;
            pending = m;
            pendingBytes = bytes;
            pendingCopy = capture == null ? null : captureCopyOf(m);
            moved++;
        }
    }

    /** Hands on what is pending; returns whether nothing is pending any more. */
    private boolean flush() {
        if (pendingCopy != null && capture.trySend(pendingCopy)) {
            pendingCopy = null;
        }
        if (pending != null && destination.trySend(pending)) {
            pending = null;
            sent = sent + 1;
            sentBytes = sentBytes + pendingBytes;
        }
        return pending == null && pendingCopy == null;
    }

    /** Adds to {@code poller} what this direction waits for: room to hand on what is pending, or a new message. */
    void addInterest(Poller poller, boolean paused) {
        if (pending != null) {
            poller.addInterest(destination, Poller.WRITE);
        }
        if (pendingCopy != null) {
            poller.addInterest(capture, Poller.WRITE);
        }
        if (pending == null && pendingCopy == null && !paused) {
            poller.addInterest(source, Poller.READ);
        }
    }

    /** Releases whatever is still pending; called once when the proxy ends. */
    void release() {
        if (pending != null) {
            pending.close();
            pending = null;
        }
        if (pendingCopy != null) {
            pendingCopy.close();
            pendingCopy = null;
        }
    }

    /**
     * The capture copy: a message sharing {@code m}'s frames, each with its own reference. Unlike
     * {@link Message#retainedDuplicate()} it is a plain message, without the subscription marking that would make the
     * capture socket send a subscription it proxies as a SUBSCRIBE command: libzmq captures it as data.
     */
    private static Message captureCopyOf(Message m) {
        Message copy = new Message();
        for (int i = 0; i < m.size(); i++) {
            copy.add(m.frame(i).retainedDuplicate());
        }
        return copy;
    }
}
