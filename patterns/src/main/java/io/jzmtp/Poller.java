package io.jzmtp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until one of several sockets is ready to receive or to send: the {@code zmq_poll} use case. Register each
 * socket with the {@link Event}s of interest, call {@link #poll(Duration)}, then ask {@link #isReadable} and
 * {@link #isWritable} which sockets are ready.
 *
 * <pre>{@code
 * try (Poller poller = new Poller()) {
 *     poller.register(jobs, Poller.Event.READABLE).register(control, Poller.Event.READABLE);
 *     while (poller.poll(SocketOption.INFINITE) > 0) {
 *         if (poller.isReadable(control)) { ... }
 *         if (poller.isReadable(jobs)) { try (Message m = jobs.tryReceive()) { ... } }
 *     }
 * }
 * }</pre>
 *
 * <p><b>Level-triggered</b>, as in libzmq: a socket is readable while a receive may return a message and writable
 * while a send could succeed, whatever happened before. A readable socket may still return {@code null} from
 * {@link Socket#tryReceive()} when another thread took the message first, so receive with {@code tryReceive}.
 *
 * <p><b>Waiting.</b> The polling thread parks; each registered socket wakes it (from an I/O thread) when it may have
 * become ready, and the poller then checks again, so an idle poll uses no CPU. Readiness is checked after the wake-up
 * flag is cleared, so a change that happens while checking is never lost.
 *
 * <p><b>Closed sockets.</b> A registered socket that is closed makes {@link #poll} throw
 * {@link SocketClosedException} naming it (libzmq fails {@code zmq_poll} with ETERM likewise), also when the close
 * happens while the poll waits. Unregister a socket before closing it to keep polling the others.
 *
 * <p><b>Threads.</b> A poller is used by one thread at a time (registering and polling); the sockets themselves may
 * be used by other threads meanwhile. Close the poller to detach it from its sockets.
 */
public final class Poller implements AutoCloseable {

    /** What a socket can be polled for. */
    public enum Event {
        /** A receive may return a message (libzmq's ZMQ_POLLIN). */
        READABLE(1),
        /** A send could succeed without waiting (libzmq's ZMQ_POLLOUT). */
        WRITABLE(2);

        final int bit;

        Event(int bit) {
            this.bit = bit;
        }
    }

    static final int READ = Event.READABLE.bit;
    static final int WRITE = Event.WRITABLE.bit;

    private final Map<Socket, Registration> bySocket = new IdentityHashMap<>();
    private final List<Registration> registrations = new ArrayList<>();
    /** Runs on I/O threads: must stay quick and must never block. */
    private final Runnable wake = this::wake;
    private volatile Thread waiter;
    private volatile boolean signalled;
    private boolean closed;

    /** Creates an empty poller. */
    public Poller() {
    }

    /**
     * Registers {@code socket} for {@code events}, replacing the events of an earlier registration. No events is
     * allowed (as in libzmq): such a socket is never ready, but its close is still reported. Returns this poller.
     *
     * @throws SocketClosedException if the socket is closed
     */
    public Poller register(Socket socket, Event... events) {
        int bits = 0;
        for (Event e : events) {
            bits |= Objects.requireNonNull(e, "event").bit;
        }
        interest(socket, bits);
        return this;
    }

    /** {@link #register(Socket, Event...)} with a set of events. */
    public Poller register(Socket socket, Set<Event> events) {
        return register(socket, events.toArray(new Event[0]));
    }

    /** Stops polling {@code socket}. Returns whether it was registered. */
    public boolean unregister(Socket socket) {
        Objects.requireNonNull(socket, "socket");
        checkOpen();
        Registration r = bySocket.remove(socket);
        if (r == null) {
            return false;
        }
        registrations.remove(r);
        socket.removeReadinessListener(wake);
        return true;
    }

    /** Number of registered sockets. */
    public int size() {
        return registrations.size();
    }

    /**
     * Waits until at least one registered socket is ready for an event it was registered for, or until
     * {@code timeout} passes, and returns how many sockets are ready (0 on timeout). {@link Duration#ZERO} checks
     * and returns at once; {@link SocketOption#INFINITE} waits for as long as it takes.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws SocketClosedException if a registered socket is (or becomes) closed, naming it
     * @throws SocketInterruptedException if the thread is interrupted while it would wait; its interrupt status
     *                                    stays set
     */
    public int poll(Duration timeout) {
        long nanos = timeoutNanos(timeout);
        checkOpen();
        Thread self = Thread.currentThread();
        Thread other = waiter;
        if (other != null) {
            throw new IllegalStateException("poll is already running on " + other.getName()
                    + "; a poller is used by one thread at a time");
        }
        long deadline = nanos > 0 ? System.nanoTime() + nanos : 0;
        waiter = self;
        try {
            while (true) {
                signalled = false;   // before checking: a change seen by neither the check nor the flag is impossible
                int ready = check();
                if (ready > 0 || nanos == 0) {
                    return ready;
                }
                long left = nanos < 0 ? -1 : deadline - System.nanoTime();
                if (nanos > 0 && left <= 0) {
                    return 0;
                }
                if (self.isInterrupted()) {
                    throw new SocketInterruptedException("poll", new InterruptedException("poll was interrupted"));
                }
                if (!signalled) {
                    if (left < 0) {
                        LockSupport.park(this);
                    } else {
                        LockSupport.parkNanos(this, left);
                    }
                }
            }
        } finally {
            waiter = null;
        }
    }

    /** Whether {@code socket} was ready to receive at the last {@link #poll}. */
    public boolean isReadable(Socket socket) {
        return (registration(socket).ready & READ) != 0;
    }

    /** Whether {@code socket} was ready to send at the last {@link #poll}. */
    public boolean isWritable(Socket socket) {
        return (registration(socket).ready & WRITE) != 0;
    }

    /** Unregisters every socket. Idempotent; the poller cannot be used afterwards. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Registration r : registrations) {
            r.socket.removeReadinessListener(wake);
        }
        registrations.clear();
        bySocket.clear();
    }

    // ---- for Proxy: interest as bits, so the forwarding loop allocates nothing -------------------------------------

    /** Registers {@code socket} for exactly {@code bits} ({@link #READ}, {@link #WRITE}). */
    void interest(Socket socket, int bits) {
        Objects.requireNonNull(socket, "socket");
        checkOpen();
        Registration r = bySocket.get(socket);
        if (r == null) {
            if (socket.isClosed()) {
                throw closedException(socket);
            }
            r = new Registration(socket);
            bySocket.put(socket, r);
            registrations.add(r);
            socket.addReadinessListener(wake);
        }
        r.interest = bits;
        r.ready = 0;
    }

    /** Adds {@code bits} to the interest of the registered {@code socket}. */
    void addInterest(Socket socket, int bits) {
        registration(socket).interest |= bits;
    }

    // ---- internals -------------------------------------------------------------------------------------------------

    /** Recomputes readiness of every registration; returns how many are ready. */
    private int check() {
        int count = 0;
        for (Registration r : registrations) {
            r.ready = 0;
            if (r.socket.isClosed()) {
                throw closedException(r.socket);
            }
            if ((r.interest & READ) != 0 && r.socket.canReceive()) {
                r.ready |= READ;
            }
            if ((r.interest & WRITE) != 0 && r.socket.canSend()) {
                r.ready |= WRITE;
            }
            if (r.ready != 0) {
                count++;
            }
        }
        return count;
    }

    private void wake() {
        signalled = true;
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private Registration registration(Socket socket) {
        Registration r = bySocket.get(Objects.requireNonNull(socket, "socket"));
        if (r == null) {
            throw new IllegalArgumentException(socket + " is not registered with this poller");
        }
        return r;
    }

    private static SocketClosedException closedException(Socket socket) {
        return new SocketClosedException("cannot poll: " + socket + " is closed");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("poller is closed");
        }
    }

    /** {@code timeout} in nanoseconds, -1 for {@link SocketOption#INFINITE}; rejects negative durations. */
    private static long timeoutNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative (use SocketOption.INFINITE to wait"
                    + " forever), got " + timeout);
        }
        return SocketOptions.nanos(timeout);
    }

    /** One registered socket: what the caller waits for and what the last poll found. */
    private static final class Registration {
        final Socket socket;
        int interest;
        int ready;

        Registration(Socket socket) {
            this.socket = socket;
        }
    }
}
