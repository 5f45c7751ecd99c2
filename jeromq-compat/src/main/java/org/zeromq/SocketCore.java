package org.zeromq;

import io.jzmtp.SocketClosedException;
import io.jzmtp.SocketMonitor;
import io.jzmtp.SocketOption;
import io.jzmtp.msg.Frame;
import io.jzmtp.transport.BindFailedException;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state behind one {@link ZMQ.Socket}: its jzmtp socket, the frame-at-a-time view, the options in JeroMQ's
 * units, the sticky errno and the translation of failures into JeroMQ's error numbers.
 */
final class SocketCore {

    private final ContextCore context;
    private final SocketType type;
    private final ZContext owner;
    private final io.jzmtp.Socket engine;
    private final FrameIo frames;
    private final SocketOptionBridge options;
    private final MonitorBridge monitor;
    private SocketMonitor eventHook;   // guarded by this
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean closedByContext;
    private volatile int errno;

    SocketCore(ContextCore context, SocketType type, ZContext owner) {
        io.jzmtp.SocketType engineType = type.engineType();
        this.context = context;
        this.type = type;
        this.owner = owner;
        try {
            this.engine = context.engine().socket(engineType);
            // JeroMQ hands out every frame as a byte[]: have the I/O thread read bodies into arrays of their own,
            // which the receive then hands over as they are, rather than copy them out of a shared read buffer.
            this.engine.set(SocketOption.RECEIVE_ARRAYS, true);
        } catch (IllegalStateException e) {
            throw new ZMQException("the context was terminated", ZMQ.Error.ETERM.getCode(), e);
        }
        this.frames = new FrameIo(engine);
        this.options = new SocketOptionBridge(this, context.isBlocky() ? -1 : 0);
        this.monitor = new MonitorBridge(this);
        try {
            context.add(this);
        } catch (ZMQException e) {
            engine.close();
            throw e;
        }
    }

    io.jzmtp.Socket engine() {
        return engine;
    }

    ContextCore context() {
        return context;
    }

    SocketType type() {
        return type;
    }

    SocketOptionBridge options() {
        return options;
    }

    int errno() {
        return errno;
    }

    void errno(int code) {
        errno = code;
    }

    /** Whether calls should fail with ETERM: the context (or a ZContext) closed this socket. */
    boolean terminated() {
        return closedByContext || context.isTerminated();
    }

    ZMQException failure(RuntimeException e) {
        ZMQException z = Errors.translate(e, terminated());
        errno = z.getErrorCode();
        return z;
    }

    // ---- frames ------------------------------------------------------------------------------------------------

    boolean send(Frame frame, int flags) {
        try {
            checkOpen();
            if (type == SocketType.ROUTER && options.routerMandatory() && frames.startsMessage()) {
                checkRoutable(frame);
            }
            if (frames.send(frame, (flags & ZMQ.SNDMORE) != 0, (flags & ZMQ.DONTWAIT) != 0)) {
                return true;
            }
            errno = ZMQ.Error.EAGAIN.getCode();
            return false;
        } catch (RuntimeException e) {
            frames.dropOutgoing();
            throw failure(e);
        }
    }

    /**
     * ROUTER_MANDATORY refuses an unknown peer at the message's first frame, as JeroMQ does, so that a program's
     * handler around {@code sendMore(identity)} sees EHOSTUNREACH there.
     */
    private void checkRoutable(Frame identity) {
        byte[] id = identity.toBytes();
        if (!engine.hasPeer(id)) {
            throw new ZMQException("no peer has the routing id " + java.util.HexFormat.of().formatHex(id)
                    + "; ROUTER_MANDATORY is set, so the message is not sent", ZMQ.Error.EHOSTUNREACH.getCode());
        }
    }

    byte[] receive(int flags) {
        try {
            byte[] frame = frames.receive((flags & ZMQ.DONTWAIT) != 0);
            if (frame == null) {
                errno = ZMQ.Error.EAGAIN.getCode();
            }
            return frame;
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    int receive(ByteBuffer buffer, int flags) {
        try {
            int length = frames.receive(buffer, (flags & ZMQ.DONTWAIT) != 0);
            if (length < 0) {
                errno = ZMQ.Error.EAGAIN.getCode();
            }
            return length;
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    boolean hasReceiveMore() {
        return frames.hasMore();
    }

    /** POLLIN/POLLOUT as the socket is now, -1 once closed or terminated. */
    int events() {
        if (closed.get() || terminated()) {
            errno = ZMQ.Error.ETERM.getCode();
            return -1;
        }
        int events = frames.hasMore() ? ZMQ.Poller.POLLIN : 0;
        try (io.jzmtp.Poller probe = new io.jzmtp.Poller()) {
            probe.register(engine, io.jzmtp.Poller.Event.READABLE, io.jzmtp.Poller.Event.WRITABLE);
            probe.poll(Duration.ZERO);
            events |= (probe.isReadable(engine) ? ZMQ.Poller.POLLIN : 0)
                    | (probe.isWritable(engine) ? ZMQ.Poller.POLLOUT : 0);
            return events;
        } catch (SocketClosedException e) {
            errno = ZMQ.Error.ETERM.getCode();
            return -1;
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new SocketClosedException("the " + type + " socket is closed");
        }
    }

    // ---- endpoints ---------------------------------------------------------------------------------------------

    void bind(String endpoint) {
        try {
            checkOpen();
            engine.bind(endpoint);
        } catch (IllegalArgumentException e) {
            throw endpointFailure(e);
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    int bindToRandomPort(String address, int min, int max) {
        if (min > max || min < 0 || max > 0xffff) {
            throw new IllegalArgumentException("bad port range " + min + ".." + max);
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(min, max + 1);
            try {
                checkOpen();
                engine.bind(address + ":" + port);
                return port;
            } catch (BindFailedException e) {
                errno = ZMQ.Error.EADDRINUSE.getCode();   // taken: try another
            } catch (IllegalArgumentException e) {
                throw endpointFailure(e);
            } catch (RuntimeException e) {
                throw failure(e);
            }
        }
        errno = ZMQ.Error.EADDRINUSE.getCode();
        throw new ZMQException("could not bind " + address + " to a random port in " + min + ".." + max
                + " (100 attempts)", ZMQ.Error.EADDRINUSE.getCode());
    }

    void connect(String endpoint) {
        try {
            checkOpen();
            engine.connect(endpoint);
        } catch (IllegalArgumentException e) {
            throw endpointFailure(e);
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    /** An unknown transport is JeroMQ's EPROTONOSUPPORT; any other bad endpoint stays IllegalArgumentException. */
    private RuntimeException endpointFailure(IllegalArgumentException e) {
        if (Errors.isUnknownTransport(e)) {
            errno = ZMQ.Error.EPROTONOSUPPORT.getCode();
            return new ZMQException(e.getMessage(), errno, e);
        }
        errno = ZMQ.Error.EINVAL.getCode();
        return e;
    }

    boolean unbind(String endpoint) {
        return release(endpoint, engine::unbind);
    }

    boolean disconnect(String endpoint) {
        return release(endpoint, engine::disconnect);
    }

    /** Unbind or disconnect: an endpoint this socket does not have is false with ENOENT, not an exception. */
    private boolean release(String endpoint, java.util.function.Consumer<String> operation) {
        try {
            checkOpen();
            operation.accept(endpoint);
            return true;
        } catch (IllegalArgumentException e) {
            errno = ZMQ.Error.ENOENT.getCode();
            return false;
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    boolean subscribe(byte[] topic, boolean subscribe) {
        if (terminated()) {
            errno = ZMQ.Error.ETERM.getCode();
            return false;
        }
        try {
            if (subscribe) {
                engine.subscribe(topic);
            } else {
                engine.unsubscribe(topic);
            }
            return true;
        } catch (UnsupportedOperationException e) {
            errno = ZMQ.Error.EINVAL.getCode();
            throw new ZMQException(e.getMessage(), errno, e);
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    boolean monitor(String address, int events) {
        try {
            checkOpen();
            return monitor.start(address, events);
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    /**
     * Socket.setEventHook: a null consumer stops the hook; a second hook throws IllegalStateException, as in JeroMQ.
     * The hook being replaced is closed outside the lock, because closing waits for its thread to deliver.
     */
    boolean eventHook(ZEvent.ZEventConsummer consumer, int events) {
        SocketMonitor stopped;
        synchronized (this) {
            if (terminated()) {
                errno = ZMQ.Error.ETERM.getCode();
                return false;
            }
            stopped = eventHook;
            eventHook = null;
            if (consumer != null) {
                if (stopped != null) {
                    eventHook = stopped;
                    throw new IllegalStateException("Monitor registered twice");
                }
                try {
                    checkOpen();
                    eventHook = engine.monitor(e -> {
                        if ((events & e.libzmqId()) != 0) {
                            consumer.consume(ZEvent.of(e));
                        }
                    });
                } catch (RuntimeException e) {
                    throw failure(e);
                }
            }
        }
        if (stopped != null) {
            stopped.close();   // delivers MONITOR_STOPPED if asked for
        }
        return true;
    }

    // ---- closing -----------------------------------------------------------------------------------------------

    /** The socket's own close: returns at once; a non-zero linger runs in the background, awaited by term(). */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        finish();
    }

    /** A close by the context or a ZContext: blocked calls get ETERM. */
    void closeByContext() {
        closedByContext = true;
        close();
    }

    private void finish() {
        frames.release();
        context.remove(this);
        if (owner != null) {
            owner.forget(this);
        }
        Duration linger = engine.get(SocketOption.LINGER);
        if (linger.isZero()) {
            engine.close();
        } else {
            context.closeInBackground(engine::close);
        }
    }
}
