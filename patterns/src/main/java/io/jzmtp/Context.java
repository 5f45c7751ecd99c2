package io.jzmtp;

import io.jzmtp.security.ZapHandler;
import io.jzmtp.transport.IoRuntime;
import io.jzmtp.transport.TransportRegistry;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Owns the I/O threads shared by its sockets and creates them. Thread-safe. Closing the context closes every socket
 * it created (each waits at most its LINGER) and then stops the I/O threads, releasing every buffer and thread.
 *
 * <pre>{@code
 * try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL)) {
 *     pull.bind("tcp://*:5557");
 *     try (Message m = pull.receive()) { ... }
 * }
 * }</pre>
 */
public final class Context implements AutoCloseable {

    private final IoRuntime io;
    /** This context's own transport instances: names that live in one context (inproc) stay in it. */
    private final TransportRegistry transports = TransportRegistry.discover();
    /** The inproc:// names of this context's sockets. */
    private final InprocNames inproc = new InprocNames();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile ZapHandler zapHandler;
    private InprocZapClient inprocZap;

    private Context(int ioThreads) {
        this.io = IoRuntime.create(ioThreads);
    }

    /** A context with one I/O thread (enough for about a gigabyte per second, as in libzmq). */
    public static Context create() {
        return new Context(1);
    }

    /**
     * A context with {@code ioThreads} I/O threads.
     *
     * @throws IllegalArgumentException if {@code ioThreads} is less than 1
     */
    public static Context create(int ioThreads) {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be >= 1, got " + ioThreads);
        }
        return new Context(ioThreads);
    }

    /**
     * A new socket of {@code type}.
     *
     * @throws SocketClosedException if the context is closed
     */
    public Socket socket(SocketType type) {
        Objects.requireNonNull(type, "type");
        if (closed) {
            throw new SocketClosedException("cannot create a " + type + " socket: context is closed");
        }
        Socket s = new Socket(this, type);
        sockets.add(s);
        if (closed) {
            s.close();
            throw new SocketClosedException("cannot create a " + type + " socket: context is closed");
        }
        return s;
    }

    /**
     * Sets the handler that decides which clients may connect to this context's PLAIN and CURVE server sockets
     * (ZeroMQ's ZAP, RFC 27), or {@code null} for none. Applies to handshakes that start afterwards. Without a handler
     * a PLAIN server refuses everyone and a CURVE server admits any client that knows its public key, as in libzmq.
     */
    public void setZapHandler(ZapHandler handler) {
        this.zapHandler = handler;
    }

    /** The ZAP handler set with {@link #setZapHandler}, or {@code null}. */
    public ZapHandler zapHandler() {
        return zapHandler;
    }

    /**
     * The handler a server asks now: the one set with {@link #setZapHandler}, else, when a socket of this context has
     * bound {@code inproc://zeromq.zap.01} (code ported from libzmq or CZMQ), a client of it; else {@code null}.
     */
    ZapHandler effectiveZapHandler() {
        ZapHandler own = zapHandler;
        if (own != null || !inproc.isBound(InprocZapClient.NAME)) {
            return own;
        }
        synchronized (this) {
            if (inprocZap == null && !closed) {
                inprocZap = new InprocZapClient(this);
            }
            return inprocZap;
        }
    }

    /** Whether native epoll is used for I/O (otherwise NIO). */
    public boolean usesEpoll() {
        return io.isEpoll();
    }

    IoRuntime io() {
        return io;
    }

    TransportRegistry transports() {
        return transports;
    }

    InprocNames inproc() {
        return inproc;
    }

    /**
     * Where asynchronous calls complete and where queued connection changes are applied while nobody is in a socket:
     * the common fork-join pool, as for {@code CompletableFuture}'s own async methods; never an I/O thread.
     */
    Executor asyncExecutor() {
        return ForkJoinPool.commonPool();
    }

    void closed(Socket socket) {
        sockets.remove(socket);
    }

    /**
     * Closes every socket of this context, then stops its I/O threads. A socket that another thread was already
     * closing is waited for: its close still needs the I/O threads. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Socket> open = List.copyOf(sockets);
        for (Socket s : open) {
            s.close();   // returns at once for a socket another thread is closing
        }
        for (Socket s : open) {
            s.awaitClosed();
        }
        io.shutdown(2000);
    }
}
