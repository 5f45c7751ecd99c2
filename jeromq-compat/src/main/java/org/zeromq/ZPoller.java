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

import zmq.util.function.BiFunction;

/**
 * A poller that calls handlers: each socket is registered with the events it waits for and an
 * {@link EventsHandler} (or the global one, as it was when the socket was registered); {@link #poll(long)} waits,
 * then calls the handler of each ready socket, and returns -1 if one of them returned false. Used by
 * {@link ZActor}'s loop. The waiting is done by a {@link ZMQ.Poller}, which owns no operating-system resource.
 * Meant for one thread at a time; registering from another thread is safe but takes effect at the next poll.
 *
 * <p>Differs from JeroMQ: raw {@link SelectableChannel}s cannot be polled (registering one throws
 * {@link UnsupportedOperationException}, as {@link ZMQ.Poller} does), and the item-holder extension point
 * ({@code ItemHolder}, {@code ItemCreator}, {@code ZPollItem}, {@code SimpleCreator} and the constructors and
 * {@code register} taking them) is absent, because it exposes JeroMQ's internal {@code zmq.poll.PollItem}.
 */
public class ZPoller implements Closeable {

    public static final int POLLIN = ZMQ.Poller.POLLIN;
    public static final int POLLOUT = ZMQ.Poller.POLLOUT;
    public static final int POLLERR = ZMQ.Poller.POLLERR;
    public static final int IN = POLLIN;
    public static final int OUT = POLLOUT;
    public static final int ERR = POLLERR;
    public static final int READABLE = POLLIN;
    public static final int WRITABLE = POLLOUT;

    /** Called with the ready events of a socket (or channel); returning false makes {@link #poll} return -1. */
    public interface EventsHandler {
        boolean events(ZMQ.Socket socket, int events);

        boolean events(SelectableChannel channel, int events);
    }

    /** An {@link EventsHandler} made of two functions, either of which may be null (then: true). */
    public static class ComposeEventsHandler implements EventsHandler {
        private final BiFunction<ZMQ.Socket, Integer, Boolean> sockets;
        private final BiFunction<SelectableChannel, Integer, Boolean> channels;

        public ComposeEventsHandler(BiFunction<ZMQ.Socket, Integer, Boolean> sockets,
                BiFunction<SelectableChannel, Integer, Boolean> channels) {
            this.sockets = sockets;
            this.channels = channels;
        }

        @Override
        public boolean events(ZMQ.Socket socket, int events) {
            return sockets == null || sockets.apply(socket, events);
        }

        @Override
        public boolean events(SelectableChannel channel, int events) {
            return channels == null || channels.apply(channel, events);
        }
    }

    /** One registration of a socket: what it waits for, and who is told (null: the global handler then). */
    private record Registration(EventsHandler handler, int events) {
    }

    private final Map<ZMQ.Socket, CopyOnWriteArrayList<Registration>> registrations = new ConcurrentHashMap<>();
    private final Map<ZMQ.Socket, Integer> ready = new ConcurrentHashMap<>();
    private final AtomicReference<EventsHandler> globalHandler = new AtomicReference<>();
    private volatile boolean changed = true;
    private ZMQ.Poller engine;

    /** A poller; the argument's own registrations are not copied (as in JeroMQ, which shares only its selector). */
    public ZPoller(ZPoller poller) {
        Objects.requireNonNull(poller, "poller");
    }

    /** A poller; jzmtp polls without a selector, so {@code selector} is not used. */
    public ZPoller(Selector selector) {
        Objects.requireNonNull(selector, "Selector is mandatory for ZPoller");
    }

    /** A poller for sockets of {@code context}. */
    public ZPoller(ZContext context) {
        Objects.requireNonNull(context, "context");
    }

    /** Sets the handler of sockets registered from now on without one of their own. */
    public void setGlobalHandler(EventsHandler handler) {
        globalHandler.set(handler);
    }

    public EventsHandler getGlobalHandler() {
        return globalHandler.get();
    }

    /** Registers {@code socket} for {@code events}, told through {@code handler}; false if already so registered. */
    public final boolean register(ZMQ.Socket socket, BiFunction<ZMQ.Socket, Integer, Boolean> handler, int events) {
        return register(socket, new ComposeEventsHandler(handler, null), events);
    }

    /** Registers {@code socket} for {@code events}, told through {@code handler}; false for a null socket. */
    public final boolean register(ZMQ.Socket socket, EventsHandler handler, int events) {
        if (socket == null) {
            return false;
        }
        Registration registration = new Registration(handler, events);
        boolean added = registrations.computeIfAbsent(socket, s -> new CopyOnWriteArrayList<>())
                .addIfAbsent(registration);
        changed = true;
        return added;
    }

    /** Registers {@code socket} for POLLIN, POLLOUT and POLLERR. */
    public final boolean register(ZMQ.Socket socket, EventsHandler handler) {
        return register(socket, handler, POLLIN | POLLOUT | POLLERR);
    }

    /** Registers {@code socket} for {@code events}, told through the current global handler. */
    public final boolean register(ZMQ.Socket socket, int events) {
        return register(socket, globalHandler.get(), events);
    }

    /** Not supported by jzmtp-jeromq: throws {@link UnsupportedOperationException}. */
    public final boolean register(SelectableChannel channel,
            BiFunction<SelectableChannel, Integer, Boolean> handler, int events) {
        return register(channel, new ComposeEventsHandler(null, handler), events);
    }

    /** Not supported by jzmtp-jeromq: throws {@link UnsupportedOperationException}; false for a null channel. */
    public final boolean register(SelectableChannel channel, EventsHandler handler, int events) {
        if (channel == null) {
            return false;
        }
        throw new UnsupportedOperationException("jzmtp-jeromq polls ZeroMQ sockets only, not a SelectableChannel ("
                + channel + ")");
    }

    public final boolean register(SelectableChannel channel, EventsHandler handler) {
        return register(channel, handler, IN | OUT | ERR);
    }

    public final boolean register(SelectableChannel channel, int events) {
        return register(channel, globalHandler.get(), events);
    }

    /** How many sockets are registered. */
    public int registered() {
        return registrations.size();
    }

    /** Forgets every registration of {@code socketOrChannel}; false if it had none. */
    public final synchronized boolean unregister(Object socketOrChannel) {
        if (!(socketOrChannel instanceof ZMQ.Socket socket)) {
            return false;
        }
        ready.remove(socket);
        changed = true;
        return registrations.remove(socket) != null;
    }

    /**
     * Waits up to {@code timeout} ms (-1 forever) for a registered socket to be ready, then calls the handlers of
     * the ready ones. Returns how many sockets were ready; -1 when a handler returned false, or when the context was
     * terminated (or the thread interrupted) during the wait.
     */
    public int poll(long timeout) {
        ZMQ.Poller poller = engine();
        int count = poller.poll(timeout);
        ready.clear();
        for (int i = 0; i < poller.getSize(); i++) {
            ZMQ.PollItem item = poller.getItem(i);
            if (item.readyOps() != 0) {
                ready.put(item.getSocket(), item.readyOps());
            }
        }
        if (count < 0) {
            return count;
        }
        return dispatch() ? count : -1;
    }

    /** The poller over the current registrations, rebuilt only after they changed. */
    private synchronized ZMQ.Poller engine() {
        if (changed || engine == null) {
            if (engine != null) {
                engine.close();
            }
            engine = new ZMQ.Poller(null, Math.max(1, registrations.size()));
            registrations.forEach((socket, list) -> {
                int interest = 0;
                for (Registration r : list) {
                    interest |= r.events();
                }
                engine.register(socket, interest);
            });
            changed = false;
        }
        return engine;
    }

    /** Calls the handlers of the sockets found ready by the last poll; false if one of them returned false. */
    public boolean dispatch() {
        EventsHandler global = globalHandler.get();
        for (Map.Entry<ZMQ.Socket, Integer> entry : new ArrayList<>(ready.entrySet())) {
            List<Registration> list = registrations.get(entry.getKey());
            if (list == null) {
                continue;   // unregistered by an earlier handler of this round
            }
            int events = entry.getValue();
            boolean ok = true;
            for (Registration r : list) {
                EventsHandler handler = r.handler() != null ? r.handler() : global;
                if (handler != null && (r.events() & events) != 0) {
                    ok &= handler.events(entry.getKey(), events);
                }
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private boolean readyFor(Object socketOrChannel, int event) {
        Integer events = socketOrChannel == null ? null : ready.get(socketOrChannel);
        return events != null && (events & event) != 0;
    }

    public boolean isReadable(SelectableChannel channel) {
        return false;
    }

    public boolean readable(SelectableChannel channel) {
        return false;
    }

    /** Whether the last poll found {@code socket} readable. */
    public boolean isReadable(ZMQ.Socket socket) {
        return readyFor(socket, READABLE);
    }

    public boolean readable(ZMQ.Socket socket) {
        return readyFor(socket, READABLE);
    }

    public boolean readable(Object socketOrChannel) {
        return readyFor(socketOrChannel, READABLE);
    }

    public boolean pollin(ZMQ.Socket socket) {
        return readyFor(socket, READABLE);
    }

    public boolean pollin(SelectableChannel channel) {
        return false;
    }

    public boolean isWritable(SelectableChannel channel) {
        return false;
    }

    public boolean writable(SelectableChannel channel) {
        return false;
    }

    /** Whether the last poll found {@code socket} writable. */
    public boolean isWritable(ZMQ.Socket socket) {
        return readyFor(socket, WRITABLE);
    }

    public boolean writable(ZMQ.Socket socket) {
        return readyFor(socket, WRITABLE);
    }

    public boolean writable(Object socketOrChannel) {
        return readyFor(socketOrChannel, WRITABLE);
    }

    public boolean pollout(ZMQ.Socket socket) {
        return readyFor(socket, WRITABLE);
    }

    public boolean pollout(SelectableChannel channel) {
        return false;
    }

    public boolean isError(SelectableChannel channel) {
        return false;
    }

    public boolean error(SelectableChannel channel) {
        return false;
    }

    /** Whether the last poll found an error on {@code socket}; jzmtp reports none, as JeroMQ in practice. */
    public boolean isError(ZMQ.Socket socket) {
        return readyFor(socket, ERR);
    }

    public boolean error(ZMQ.Socket socket) {
        return readyFor(socket, ERR);
    }

    public boolean error(Object socketOrChannel) {
        return readyFor(socketOrChannel, ERR);
    }

    public boolean pollerr(ZMQ.Socket socket) {
        return readyFor(socket, ERR);
    }

    public boolean pollerr(SelectableChannel channel) {
        return false;
    }

    /** Releases the waiting machinery; registrations stay (JeroMQ's close does nothing at all). */
    @Override
    public void close() {
        destroy();
    }

    /** The same as {@link #close()}. */
    public synchronized void destroy() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
        changed = true;
    }
}
