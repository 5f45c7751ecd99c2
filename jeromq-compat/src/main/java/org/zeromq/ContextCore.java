package org.zeromq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a {@link ZMQ.Context} is: one jzmtp {@link io.jzmtp.Context}, the sockets made from it, and termination.
 * Thread-safe. Terminating closes the sockets still open (a thread blocked in one gets ETERM), waits for the closes
 * that are still lingering, then stops the I/O threads.
 */
final class ContextCore {

    private final io.jzmtp.Context engine;
    private final int ioThreads;
    private final Set<SocketCore> sockets = ConcurrentHashMap.newKeySet();
    private final List<Thread> lingering = new CopyOnWriteArrayList<>();
    private final Set<Selector> selectors = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private volatile boolean blocky = true;
    private volatile boolean ipv6;
    private volatile int maxSockets = 1024;
    private volatile Thread.UncaughtExceptionHandler uncaughtExceptionHandler;
    private volatile Thread.UncaughtExceptionHandler notificationExceptionHandler;

    ContextCore(int ioThreads) {
        this.ioThreads = Math.max(1, ioThreads);
        this.engine = io.jzmtp.Context.create(this.ioThreads);
    }

    io.jzmtp.Context engine() {
        return engine;
    }

    /** Admits a new socket, or throws ETERM after termination and EMFILE beyond MAX_SOCKETS. */
    void add(SocketCore socket) {
        if (terminated.get()) {
            throw new ZMQException("the context was terminated", ZMQ.Error.ETERM.getCode());
        }
        if (sockets.size() >= maxSockets) {
            throw new ZMQException("the context already has MAX_SOCKETS (" + maxSockets + ") sockets",
                    ZMQ.Error.EMFILE.getCode());
        }
        sockets.add(socket);
    }

    void remove(SocketCore socket) {
        sockets.remove(socket);
    }

    /** Runs a socket's lingering close on a thread of its own, so that close() returns at once as in JeroMQ. */
    void closeInBackground(Runnable close) {
        Thread t = new Thread(close, "jzmtp-jeromq-linger");
        t.setDaemon(true);
        lingering.add(t);
        t.start();
    }

    boolean isTerminated() {
        return terminated.get();
    }

    /** Closes every socket, waits for lingering closes, then stops the I/O threads. Idempotent. */
    void terminate() {
        if (!terminated.compareAndSet(false, true)) {
            return;
        }
        for (SocketCore s : List.copyOf(sockets)) {
            s.closeByContext();
        }
        boolean interrupted = false;
        for (Thread t : lingering) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;   // terminate anyway; the caller's interrupt status is restored below
                }
            }
        }
        lingering.clear();
        engine.close();
        selectors.forEach(ContextCore::closeQuietly);
        selectors.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    Selector selector() {
        try {
            Selector s = Selector.open();
            selectors.add(s);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean closeSelector(Selector selector) {
        boolean known = selectors.remove(selector);
        closeQuietly(selector);
        return known;
    }

    private static void closeQuietly(Selector selector) {
        try {
            selector.close();
        } catch (IOException e) {
            // nothing to do: the selector is gone either way
        }
    }

    int ioThreads() {
        return ioThreads;
    }

    int maxSockets() {
        return maxSockets;
    }

    boolean maxSockets(int value) {
        if (value < 1) {
            return false;
        }
        maxSockets = value;
        return true;
    }

    boolean isBlocky() {
        return blocky;
    }

    void blocky(boolean value) {
        blocky = value;
    }

    boolean isIpv6() {
        return ipv6;
    }

    void ipv6(boolean value) {
        ipv6 = value;
    }

    Thread.UncaughtExceptionHandler uncaughtExceptionHandler() {
        return uncaughtExceptionHandler;
    }

    void uncaughtExceptionHandler(Thread.UncaughtExceptionHandler handler) {
        uncaughtExceptionHandler = handler;
    }

    Thread.UncaughtExceptionHandler notificationExceptionHandler() {
        return notificationExceptionHandler;
    }

    void notificationExceptionHandler(Thread.UncaughtExceptionHandler handler) {
        notificationExceptionHandler = handler;
    }
}
