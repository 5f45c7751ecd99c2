package org.zeromq;

import java.io.Closeable;
import java.nio.channels.SelectableChannel;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import zmq.util.function.BiFunction;

/**
 * JeroMQ's handler-based poller: sockets are registered with an {@link EventsHandler} (or use the global one), and
 * {@link #poll(long)} waits, then calls the handler of every ready socket on the polling thread. A socket registered
 * several times is polled for the union of its events, and each registration whose events are ready is called.
 * Registering and unregistering are thread-safe; polling is for one thread at a time.
 *
 * <p>Differences from JeroMQ: raw {@link SelectableChannel}s cannot be polled (registering one throws
 * {@link UnsupportedOperationException}); the {@code ItemCreator}/{@code ItemHolder} extension points and the
 * constructors taking them are absent, because their signatures expose JeroMQ's internal {@code zmq.poll.PollItem};
 * the poller owns no Selector, so {@link #close()} only detaches it from its sockets (a later poll re-attaches them);
 * a registration added for a socket that was already polled takes effect at the next poll (JeroMQ keeps polling the
 * socket for the events it had at its first poll).
 */
public class ZPoller implements Closeable {

    /** Event bit: a receive would not wait. */
    public static final int POLLIN = ZMQ.Poller.POLLIN;
    /** Event bit: a send would not wait. */
    public static final int POLLOUT = ZMQ.Poller.POLLOUT;
    /** Event bit for an error; sockets never report one. */
    public static final int POLLERR = ZMQ.Poller.POLLERR;
    /** The same as {@link #POLLIN}. */
    public static final int IN = POLLIN;
    /** The same as {@link #POLLOUT}. */
    public static final int OUT = POLLOUT;
    /** The same as {@link #POLLERR}. */
    public static final int ERR = POLLERR;
    /** The same as {@link #POLLIN}. */
    public static final int READABLE = POLLIN;
    /** The same as {@link #POLLOUT}. */
    public static final int WRITABLE = POLLOUT;

    /** Called with the ready events of a registered socket; returning false makes {@link #poll} return -1. */
    public interface EventsHandler {
        /** Handles {@code events} (POLLIN, POLLOUT bits) of {@code socket}; false stops the dispatch. */
        boolean events(ZMQ.Socket socket, int events);

        /** Handles the events of a raw channel; never called by this drop-in, which polls sockets only. */
        boolean events(SelectableChannel channel, int events);
    }

    /** An {@link EventsHandler} made of two functions, one for sockets and one for channels. */
    public static class ComposeEventsHandler implements EventsHandler {

        private final BiFunction<ZMQ.Socket, Integer, Boolean> sockets;
        private final BiFunction<SelectableChannel, Integer, Boolean> channels;

        /** Either function may be null when that kind of item is never registered with this handler. */
        public ComposeEventsHandler(BiFunction<ZMQ.Socket, Integer, Boolean> sockets,
                                    BiFunction<SelectableChannel, Integer, Boolean> channels) {
            this.sockets = sockets;
            this.channels = channels;
        }

        @Override
        public boolean events(ZMQ.Socket socket, int events) {
            return Objects.requireNonNull(sockets, "no handler for sockets was given").apply(socket, events);
        }

        @Override
        public boolean events(SelectableChannel channel, int events) {
            return Objects.requireNonNull(channels, "no handler for channels was given").apply(channel, events);
        }
    }

    /** One socket's registrations and its poll item, whose interest is the union of theirs. */
    private static final class Entry {
        final ZMQ.Socket socket;
        final List<Registration> registrations = new CopyOnWriteArrayList<>();
        ZMQ.PollItem item;

        Entry(ZMQ.Socket socket) {
            this.socket = socket;
        }

        int interest() {
            int interest = 0;
            for (Registration r : registrations) {
                interest |= r.events;
            }
            return interest;
        }

        int ready() {
            return item == null ? 0 : item.readyOps();
        }
    }

    private record Registration(EventsHandler handler, int events) {
    }

    private final ContextCore context;
    private final Map<ZMQ.Socket, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicReference<EventsHandler> globalHandler = new AtomicReference<>();
    // Rebuilt by the polling thread when registrations changed, so that register() never touches a running poll.
    private volatile boolean dirty = true;
    private PollerCore poller;
    private List<Entry> polled = List.of();

    /** A poller for the same context as {@code poller}, with no registrations (as in JeroMQ). */
    public ZPoller(ZPoller poller) {
        this.context = poller.context;
    }

    /** A poller; the selector is only checked for null, since this drop-in polls without one. */
    public ZPoller(Selector selector) {
        Objects.requireNonNull(selector, "Selector is mandatory for ZPoller");
        this.context = null;
    }

    /** A poller for sockets of {@code context}. */
    public ZPoller(ZContext context) {
        this.context = context.getContext().core();
    }

    /** Sets the handler of registrations made without one (looked up when they are dispatched). */
    public void setGlobalHandler(EventsHandler globalHandler) {
        this.globalHandler.set(globalHandler);
    }

    /** The handler of registrations made without one, or null. */
    public EventsHandler getGlobalHandler() {
        return globalHandler.get();
    }

    /** Registers {@code socket} for {@code events}, handled by {@code handler}. */
    public final boolean register(ZMQ.Socket socket, BiFunction<ZMQ.Socket, Integer, Boolean> handler, int events) {
        return register(socket, new ComposeEventsHandler(handler, null), events);
    }

    /**
     * Registers {@code socket} for {@code events}, handled by {@code handler} (or by the global handler at dispatch
     * time when null). Returns false for a null socket.
     */
    public final boolean register(ZMQ.Socket socket, EventsHandler handler, int events) {
        if (socket == null) {
            return false;
        }
        entries.computeIfAbsent(socket, Entry::new).registrations.add(new Registration(handler, events));
        dirty = true;
        return true;
    }

    /** Registers {@code socket} for POLLIN, POLLOUT and POLLERR. */
    public final boolean register(ZMQ.Socket socket, EventsHandler handler) {
        return register(socket, handler, POLLIN | POLLOUT | POLLERR);
    }

    /** Registers {@code socket} with the global handler as it is now. */
    public final boolean register(ZMQ.Socket socket, int events) {
        return register(socket, globalHandler.get(), events);
    }

    /** Not supported: this drop-in polls ZeroMQ sockets only. */
    public final boolean register(SelectableChannel channel, BiFunction<SelectableChannel, Integer, Boolean> handler,
                                  int events) {
        return register(channel, new ComposeEventsHandler(null, handler), events);
    }

    /** Not supported: this drop-in polls ZeroMQ sockets only. Returns false for a null channel, else throws. */
    public final boolean register(SelectableChannel channel, EventsHandler handler, int events) {
        if (channel == null) {
            return false;
        }
        throw new UnsupportedOperationException("jzmtp-jeromq polls ZeroMQ sockets only, not a SelectableChannel ("
                + channel + ")");
    }

    /** Not supported: this drop-in polls ZeroMQ sockets only. */
    public final boolean register(SelectableChannel channel, EventsHandler handler) {
        return register(channel, handler, POLLIN | POLLOUT | POLLERR);
    }

    /** Not supported: this drop-in polls ZeroMQ sockets only. */
    public final boolean register(SelectableChannel channel, int events) {
        return register(channel, globalHandler.get(), events);
    }

    /** How many sockets are registered (a socket registered twice counts once). */
    public int registered() {
        return entries.size();
    }

    /** Removes every registration of {@code socketOrChannel}; false when it had none. */
    public final synchronized boolean unregister(Object socketOrChannel) {
        if (socketOrChannel == null || entries.remove(socketOrChannel) == null) {
            return false;
        }
        dirty = true;
        return true;
    }

    /**
     * Waits up to {@code timeout} ms (-1 forever, 0 not at all) for a registered socket to be ready, then calls the
     * handlers of the ready ones. Returns how many sockets are ready, or -1 when a handler returned false or the
     * wait ended because the context was terminated or the thread interrupted. With nothing registered it waits for
     * the timeout (not at all when -1), as JeroMQ does.
     */
    public int poll(long timeout) {
        if (dirty) {
            rebuild();
        }
        if (polled.isEmpty()) {
            if (timeout > 0) {
                LockSupport.parkNanos(timeout * 1_000_000L);
            }
            return 0;
        }
        int rc = poller.poll(timeout);
        if (!dispatch(polled)) {
            return -1;
        }
        return rc;
    }

    private void rebuild() {
        dirty = false;   // first: a registration made while rebuilding marks the poller dirty again
        if (poller != null) {
            poller.close();
            poller = null;
        }
        List<Entry> snapshot = new ArrayList<>(entries.values());
        PollerCore fresh = new PollerCore(context, snapshot.size());
        try {
            for (Entry e : snapshot) {
                e.item = new ZMQ.PollItem(e.socket, e.interest());
                fresh.register(e.item);
            }
        } catch (RuntimeException e) {
            fresh.close();
            dirty = true;   // e.g. a registered socket was closed: the next poll tries again
            throw e;
        }
        poller = fresh;
        polled = snapshot;
    }

    /** Calls the handlers of the sockets found ready by the last poll; false when one of them returned false. */
    public boolean dispatch() {
        return dispatch(new ArrayList<>(entries.values()));
    }

    private boolean dispatch(List<Entry> all) {
        EventsHandler global = globalHandler.get();
        for (Entry e : all) {
            int ready = e.ready();
            if (ready > 0 && !dispatch(e, ready, global)) {
                return false;
            }
        }
        return true;
    }

    /** Every registration of the socket interested in one of the ready events is called, even after a false. */
    private static boolean dispatch(Entry entry, int ready, EventsHandler global) {
        boolean ok = true;
        for (Registration r : entry.registrations) {
            if ((r.events & ready) == 0) {
                continue;
            }
            EventsHandler handler = r.handler == null ? global : r.handler;
            if (handler != null) {
                ok &= handler.events(entry.socket, ready);
            }
        }
        return ok;
    }

    // ---- readiness after the last poll -----------------------------------------------------------------------------
    // JeroMQ's aliases: is*/readable/pollin and friends all answer the same question for a socket; a channel is never
    // registered here, so for one they answer false.

    /** Always false: channels cannot be registered here. */
    public boolean isReadable(SelectableChannel channel) {
        return readable((Object) channel);
    }

    /** Always false: channels cannot be registered here. */
    public boolean readable(SelectableChannel channel) {
        return readable((Object) channel);
    }

    /** Whether the last poll found {@code socket} readable. */
    public boolean isReadable(ZMQ.Socket socket) {
        return readable((Object) socket);
    }

    /** Whether the last poll found {@code socket} readable. */
    public boolean readable(ZMQ.Socket socket) {
        return readable((Object) socket);
    }

    /** Whether the last poll found {@code socketOrChannel} readable (false when it is not registered for it). */
    public boolean readable(Object socketOrChannel) {
        return ready(socketOrChannel, POLLIN);
    }

    /** Whether the last poll found {@code socket} readable. */
    public boolean pollin(ZMQ.Socket socket) {
        return isReadable(socket);
    }

    /** Always false: channels cannot be registered here. */
    public boolean pollin(SelectableChannel channel) {
        return isReadable(channel);
    }

    /** Always false: channels cannot be registered here. */
    public boolean isWritable(SelectableChannel channel) {
        return writable((Object) channel);
    }

    /** Always false: channels cannot be registered here. */
    public boolean writable(SelectableChannel channel) {
        return writable((Object) channel);
    }

    /** Whether the last poll found {@code socket} writable. */
    public boolean isWritable(ZMQ.Socket socket) {
        return writable((Object) socket);
    }

    /** Whether the last poll found {@code socket} writable. */
    public boolean writable(ZMQ.Socket socket) {
        return writable((Object) socket);
    }

    /** Whether the last poll found {@code socketOrChannel} writable (false when it is not registered for it). */
    public boolean writable(Object socketOrChannel) {
        return ready(socketOrChannel, POLLOUT);
    }

    /** Whether the last poll found {@code socket} writable. */
    public boolean pollout(ZMQ.Socket socket) {
        return isWritable(socket);
    }

    /** Always false: channels cannot be registered here. */
    public boolean pollout(SelectableChannel channel) {
        return isWritable(channel);
    }

    /** Always false: channels cannot be registered here. */
    public boolean isError(SelectableChannel channel) {
        return error((Object) channel);
    }

    /** Always false: channels cannot be registered here. */
    public boolean error(SelectableChannel channel) {
        return error((Object) channel);
    }

    /** Always false: sockets never report an error, as in JeroMQ. */
    public boolean isError(ZMQ.Socket socket) {
        return error((Object) socket);
    }

    /** Always false: sockets never report an error, as in JeroMQ. */
    public boolean error(ZMQ.Socket socket) {
        return error((Object) socket);
    }

    /** Whether the last poll found an error on {@code socketOrChannel}; sockets never report one, as in JeroMQ. */
    public boolean error(Object socketOrChannel) {
        return ready(socketOrChannel, POLLERR);
    }

    /** Always false: sockets never report an error, as in JeroMQ. */
    public boolean pollerr(ZMQ.Socket socket) {
        return isError(socket);
    }

    /** Always false: channels cannot be registered here. */
    public boolean pollerr(SelectableChannel channel) {
        return isError(channel);
    }

    private boolean ready(Object socketOrChannel, int event) {
        Entry e = socketOrChannel == null ? null : entries.get(socketOrChannel);
        return e != null && (e.interest() & event) != 0 && (e.ready() & event) != 0;
    }

    // ---- closing ---------------------------------------------------------------------------------------------------

    /** Detaches the poller from its sockets; the registrations stay, and a later poll attaches them again. */
    @Override
    public void close() {
        destroy();
    }

    /** The same as {@link #close()}. */
    public void destroy() {
        if (poller != null) {
            poller.close();
            poller = null;
        }
        dirty = true;
    }
}
