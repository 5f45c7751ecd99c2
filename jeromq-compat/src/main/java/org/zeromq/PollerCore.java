package org.zeromq;

import io.jzmtp.SocketClosedException;
import io.jzmtp.SocketInterruptedException;
import io.jzmtp.SocketOption;

import java.nio.channels.ClosedSelectorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link ZMQ.Poller}'s items over one jzmtp {@link io.jzmtp.Poller}, which waits on the sockets' readiness signals
 * (no Selector, no file descriptor). A socket registered by several items is polled for the union of their events.
 * A socket holding frames of a half-read message is readable, as in JeroMQ, without asking the engine.
 */
final class PollerCore {

    private final ContextCore context;
    private final List<ZMQ.PollItem> items;
    private final io.jzmtp.Poller engine = new io.jzmtp.Poller();
    private long timeout = -1;

    PollerCore(ContextCore context, int size) {
        this.context = context;
        this.items = new ArrayList<>(Math.max(1, size));
    }

    int register(ZMQ.PollItem item) {
        ZMQ.Socket socket = item.getSocket();
        if (socket == null) {
            throw new UnsupportedOperationException("jzmtp-jeromq polls ZeroMQ sockets only, not a"
                    + " SelectableChannel (" + item.getRawSocket() + ")");
        }
        items.add(item);
        try {
            refresh(socket);
        } catch (RuntimeException e) {
            items.remove(items.size() - 1);
            throw socket.failure(e);
        }
        return items.size() - 1;
    }

    private void refresh(ZMQ.Socket socket) {
        int interest = 0;
        for (ZMQ.PollItem i : items) {
            if (i.getSocket() == socket) {
                interest |= i.interest();
            }
        }
        Set<io.jzmtp.Poller.Event> events = EnumSet.noneOf(io.jzmtp.Poller.Event.class);
        if ((interest & ZMQ.Poller.POLLIN) != 0) {
            events.add(io.jzmtp.Poller.Event.READABLE);
        }
        if ((interest & ZMQ.Poller.POLLOUT) != 0) {
            events.add(io.jzmtp.Poller.Event.WRITABLE);
        }
        engine.register(socket.engine(), events);
    }

    void unregister(ZMQ.Socket socket) {
        if (items.removeIf(i -> i.getSocket() == socket)) {
            engine.unregister(socket.engine());
        }
    }

    void unregisterChannel(java.nio.channels.SelectableChannel channel) {
        items.removeIf(i -> i.getRawSocket() == channel);
    }

    int poll(long timeoutMillis) {
        if (context != null && context.isTerminated()) {
            throw new ClosedSelectorException();   // JeroMQ's poller after termination: its selector is closed
        }
        boolean halfRead = false;
        for (ZMQ.PollItem i : items) {
            halfRead |= (i.interest() & ZMQ.Poller.POLLIN) != 0 && i.getSocket().hasReceiveMore();
        }
        Duration wait = halfRead ? Duration.ZERO
                : timeoutMillis < 0 ? SocketOption.INFINITE : Duration.ofMillis(timeoutMillis);
        try {
            engine.poll(wait);
        } catch (SocketClosedException | SocketInterruptedException e) {
            items.forEach(i -> i.ready(0));
            return -1;   // a terminated context or an interrupt ends the wait, as JeroMQ's poll returns -1
        }
        int count = 0;
        for (ZMQ.PollItem i : items) {
            ZMQ.Socket s = i.getSocket();
            int ready = 0;
            if ((i.interest() & ZMQ.Poller.POLLIN) != 0 && (s.hasReceiveMore() || engine.isReadable(s.engine()))) {
                ready |= ZMQ.Poller.POLLIN;
            }
            if ((i.interest() & ZMQ.Poller.POLLOUT) != 0 && engine.isWritable(s.engine())) {
                ready |= ZMQ.Poller.POLLOUT;
            }
            i.ready(ready);
            if (ready != 0) {
                count++;
            }
        }
        return count;
    }

    /** Polls {@code count} items once, for the static {@code ZMQ.poll}. */
    static int pollOnce(ZMQ.PollItem[] items, int count, long timeoutMillis) {
        PollerCore core = new PollerCore(null, count);
        try {
            for (int i = 0; i < count; i++) {
                core.register(items[i]);
            }
            return core.poll(timeoutMillis);
        } finally {
            core.close();
        }
    }

    ZMQ.PollItem item(int index) {
        return index >= 0 && index < items.size() ? items.get(index) : null;
    }

    int size() {
        return items.size();
    }

    long timeout() {
        return timeout;
    }

    void timeout(long value) {
        timeout = value;
    }

    void close() {
        items.clear();
        engine.close();
    }
}
