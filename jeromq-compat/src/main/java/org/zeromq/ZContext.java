package org.zeromq;

import java.io.Closeable;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import zmq.util.function.BiFunction;

/**
 * JeroMQ's high-level context: it creates sockets with linger 0 and the HWMs it was given, and closes them all when
 * it is closed, from the calling thread, whichever thread uses them (a thread blocked in one gets ETERM). Shadows
 * share the context and close only their own sockets. Thread-safe.
 */
public class ZContext implements Closeable {

    private final ZMQ.Context context;
    private final ZContext main;
    private final int ioThreads;
    private final Map<SocketCore, ZMQ.Socket> sockets = new ConcurrentHashMap<>();
    private final Set<ZContext> shadows = ConcurrentHashMap.newKeySet();
    private final Set<Selector> selectors = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile int linger;
    private volatile int sndHwm = 1000;
    private volatile int rcvHwm = 1000;
    private volatile BiFunction<Runnable, String, Thread> threadFactory = Thread::new;

    /** A context with one I/O thread. */
    public ZContext() {
        this(1);
    }

    /** A context with {@code ioThreads} I/O threads. */
    public ZContext(int ioThreads) {
        this.context = ZMQ.context(ioThreads);
        this.main = null;
        this.ioThreads = ioThreads;
    }

    private ZContext(ZContext main) {
        this.context = main.context;
        this.main = main;
        this.ioThreads = main.ioThreads;
        this.linger = main.linger;
        this.sndHwm = main.sndHwm;
        this.rcvHwm = main.rcvHwm;
        this.threadFactory = main.threadFactory;
    }

    /** A new socket of {@code type}, with this context's linger and HWMs; ETERM once the context is closed. */
    public ZMQ.Socket createSocket(SocketType type) {
        if (closed.get()) {
            throw new ZMQException("this ZContext is closed", ZMQ.Error.ETERM.getCode());
        }
        ZMQ.Socket socket = new ZMQ.Socket(this, type);
        socket.setLinger(linger);
        socket.setSndHWM(sndHwm);
        socket.setRcvHWM(rcvHwm);
        sockets.put(socket.core(), socket);
        if (closed.get()) {   // closed meanwhile by another thread: do not leave the socket behind
            socket.internalClose();
            throw new ZMQException("this ZContext is closed", ZMQ.Error.ETERM.getCode());
        }
        return socket;
    }

    /** A new socket of the type numbered {@code type}. */
    @Deprecated
    public ZMQ.Socket createSocket(int type) {
        return createSocket(SocketType.type(type));
    }

    /** Closes {@code socket} with this context's linger and forgets it. */
    @Deprecated
    public void destroySocket(ZMQ.Socket socket) {
        if (socket == null) {
            return;
        }
        socket.setLinger(linger);
        socket.close();
    }

    void forget(SocketCore socket) {
        sockets.remove(socket);
    }

    /** A poller for {@code size} items (it owns no OS resource; closing it is still good manners). */
    public ZMQ.Poller createPoller(int size) {
        return new ZMQ.Poller(context, size);
    }

    /** A plain NIO selector (jzmtp polls without one), closed with this context. */
    @Deprecated
    public Selector createSelector() {
        Selector s = context.selector();
        selectors.add(s);
        return s;
    }

    /** Closes a selector from {@link #createSelector()}; others are left alone. */
    @Deprecated
    public void closeSelector(Selector selector) {
        if (selectors.remove(selector)) {
            context.close(selector);
        }
    }

    /**
     * A context sharing this one's I/O threads whose close closes only its own sockets, for another thread.
     *
     * @throws IllegalStateException if this is itself a shadow, as in JeroMQ
     */
    public ZContext shadow() {
        if (main != null) {
            throw new IllegalStateException("a shadow context cannot be shadowed; shadow the main context");
        }
        ZContext shadow = new ZContext(this);
        shadows.add(shadow);
        return shadow;
    }

    /** {@code ctx.shadow()}. */
    @Deprecated
    public static ZContext shadow(ZContext ctx) {
        return ctx.shadow();
    }

    /** Starts {@code runnable} on a new thread with a shadow context and a PAIR pipe; returns our end of the pipe. */
    public ZMQ.Socket fork(ZThread.IAttachedRunnable runnable, Object... args) {
        return ZThread.fork(this, runnable, args);
    }

    /**
     * Closes every socket this context created (threads blocked in them get ETERM), then the shadows, then, for the
     * main context, terminates the context. Idempotent.
     */
    @Override
    public void close() {
        destroy();
    }

    /** The same as {@link #close()}. */
    public void destroy() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (ZMQ.Socket s : List.copyOf(sockets.values())) {
            s.internalClose();
        }
        sockets.clear();
        for (ZContext shadow : List.copyOf(shadows)) {
            shadow.destroy();
        }
        shadows.clear();
        selectors.forEach(context::close);
        selectors.clear();
        if (main == null) {
            context.term();
        } else {
            main.shadows.remove(this);
        }
    }

    /** Whether the underlying context is terminated (so a closed shadow of an open context says false). */
    public boolean isClosed() {
        return context.isClosed();
    }

    /** Whether no socket of this context is open. */
    public boolean isEmpty() {
        return sockets.isEmpty();
    }

    /** A copy of the open sockets this context created. */
    public List<ZMQ.Socket> getSockets() {
        return new ArrayList<>(sockets.values());
    }

    /** Whether this is a main context rather than a shadow. */
    public boolean isMain() {
        return main == null;
    }

    /** Ignored, as in JeroMQ: whether a context is a shadow is fixed when it is made. */
    @Deprecated
    public void setMain(boolean main) {
        // JeroMQ ignores it too: a context's role is fixed when it is made
    }

    /** The {@link ZMQ.Context} under this one (a shadow shares its main's). */
    public ZMQ.Context getContext() {
        return context;
    }

    /** Ignored, as in JeroMQ. */
    @Deprecated
    public void setContext(ZMQ.Context context) {
        // JeroMQ ignores it too
    }

    /** The number of I/O threads given at construction. */
    public int getIoThreads() {
        return ioThreads;
    }

    /** Ignored: the I/O threads are fixed at construction, as in JeroMQ. */
    @Deprecated
    public void setIoThreads(int ioThreads) {
        // fixed at construction, as in JeroMQ
    }

    /** The linger in ms of new sockets (default 0); -1 = until sent (at most 30 s). */
    public int getLinger() {
        return linger;
    }

    /** The linger of sockets created afterwards, and of {@link #destroySocket}. */
    public void setLinger(int linger) {
        this.linger = linger;
    }

    /** The receive HWM of sockets created afterwards. */
    public void setRcvHWM(int rcvHwm) {
        this.rcvHwm = rcvHwm;
    }

    /** The send HWM of sockets created afterwards. */
    public void setSndHWM(int sndHwm) {
        this.sndHwm = sndHwm;
    }

    /** Kept and returned; jzmtp's I/O threads are Netty's and do not call it. */
    public void setUncaughtExceptionHandler(Thread.UncaughtExceptionHandler handler) {
        context.setUncaughtExceptionHandler(handler);
    }

    /** The handler given to {@link #setUncaughtExceptionHandler}, or null. */
    public Thread.UncaughtExceptionHandler getUncaughtExceptionHandler() {
        return context.getUncaughtExceptionHandler();
    }

    /** Kept and returned; jzmtp's I/O threads do not call it. */
    public void setNotificationExceptionHandler(Thread.UncaughtExceptionHandler handler) {
        context.setNotificationExceptionHandler(handler);
    }

    /** The handler given to {@link #setNotificationExceptionHandler}, or null. */
    public Thread.UncaughtExceptionHandler getNotificationExceptionHandler() {
        return context.getNotificationExceptionHandler();
    }

    /** How {@link ZThread} makes its threads (jzmtp's own I/O threads are Netty's and not affected). */
    public void setThreadFactor(BiFunction<Runnable, String, Thread> factory) {
        this.threadFactory = Objects.requireNonNull(factory, "factory");
    }

    /** How {@link ZThread#fork} makes its threads; {@code Thread::new} by default. */
    public BiFunction<Runnable, String, Thread> getThreadFactory() {
        return threadFactory;
    }
}
