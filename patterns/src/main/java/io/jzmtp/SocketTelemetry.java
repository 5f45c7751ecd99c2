package io.jzmtp;

import io.jzmtp.msg.Message;
import io.jzmtp.wire.ZmtpError;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * What a socket tells the world about itself: its monitors (events) and its counters (statistics). Events may come
 * from any thread and never block; the traffic counters are updated under the socket's lock by its callers.
 */
final class SocketTelemetry {

    private final String socketName;
    private final List<SocketMonitor> monitors = new CopyOnWriteArrayList<>();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong heartbeatTimeouts = new AtomicLong();
    private final AtomicLongArray dropped = new AtomicLongArray(ZmtpError.values().length);
    private long messagesIn;
    private long bytesIn;
    private long messagesOut;
    private long bytesOut;

    SocketTelemetry(String socketName) {
        this.socketName = socketName;
    }

    /** A new monitor delivering events to {@code listener} until it or the socket is closed. */
    SocketMonitor monitor(Consumer<SocketEvent> listener) {
        SocketMonitor[] self = new SocketMonitor[1];
        SocketMonitor m = new SocketMonitor(socketName, listener, () -> monitors.remove(self[0]));
        self[0] = m;
        monitors.add(m);
        return m;
    }

    /** Publishes {@code event} to every monitor; never blocks. */
    void event(SocketEvent event) {
        for (SocketMonitor m : monitors) {
            m.publish(event);
        }
    }

    /** Stops every monitor; each delivers MONITOR_STOPPED last. */
    void closeMonitors() {
        for (SocketMonitor m : monitors) {
            m.close();
        }
    }

    /** Counts a message the application sent. Under the socket's lock. */
    void sent(long bytes) {
        messagesOut++;
        bytesOut += bytes;
    }

    /** Counts a message the application received, if any, and returns it. Under the socket's lock. */
    Message received(Message m) {
        if (m != null) {
            messagesIn++;
            bytesIn += m.byteSize();
        }
        return m;
    }

    void reconnectScheduled() {
        reconnects.incrementAndGet();
    }

    void heartbeatTimedOut() {
        heartbeatTimeouts.incrementAndGet();
    }

    /** Counts a connection this socket closed for {@code reason}. Any thread. */
    void connectionDropped(ZmtpError reason) {
        dropped.incrementAndGet(reason.ordinal());
    }

    /** The counters with the pattern's drops and the current peers. Under the socket's lock. */
    SocketStatistics snapshot(long drops, int peers, long queued) {
        Map<ZmtpError, Long> byReason = new EnumMap<>(ZmtpError.class);
        for (ZmtpError e : ZmtpError.values()) {
            long n = dropped.get(e.ordinal());
            if (n > 0) {
                byReason.put(e, n);
            }
        }
        return new SocketStatistics(messagesIn, bytesIn, messagesOut, bytesOut, drops, reconnects.get(),
                heartbeatTimeouts.get(), peers, queued, byReason);
    }
}
