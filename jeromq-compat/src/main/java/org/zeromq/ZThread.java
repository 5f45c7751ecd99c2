package org.zeromq;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads for ZeroMQ programs: {@link #start} runs a detached (daemon) thread; {@link #fork} runs an attached one,
 * with a shadow context and a PAIR pipe to the caller over inproc. An attached thread that ends with ETERM (its
 * context was closed) ends quietly, and its shadow context is closed when it ends.
 */
public class ZThread {

    private static final AtomicLong PIPES = new AtomicLong();

    /** The body of a detached thread. */
    public interface IDetachedRunnable {
        /** Runs on the new thread with the arguments given to {@link ZThread#start}. */
        void run(Object[] args);
    }

    /** The body of an attached thread: its arguments, its shadow context and its end of the pipe. */
    public interface IAttachedRunnable {
        /** Runs on the new thread; {@code pipe} is its end of the PAIR pipe to the caller. */
        void run(Object[] args, ZContext ctx, ZMQ.Socket pipe);
    }

    /** For subclasses, as in JeroMQ; the methods are static. */
    protected ZThread() {
    }

    /** Runs {@code runnable} on a new daemon thread. */
    public static void start(IDetachedRunnable runnable, Object... args) {
        Thread t = new Thread(() -> runnable.run(args), "ZThread-detached-" + PIPES.incrementAndGet());
        t.setDaemon(true);
        t.start();
    }

    /** Runs {@code runnable} on a new thread connected by a PAIR pipe; returns the caller's end of the pipe. */
    public static ZMQ.Socket fork(ZContext ctx, IAttachedRunnable runnable, Object... args) {
        String endpoint = "inproc://zctx-pipe-" + PIPES.incrementAndGet();
        ZMQ.Socket pipe = ctx.createSocket(SocketType.PAIR);
        pipe.bind(endpoint);
        ZContext child = ctx.shadow();
        ZMQ.Socket childPipe = child.createSocket(SocketType.PAIR);
        childPipe.connect(endpoint);
        Runnable body = () -> {
            try {
                runnable.run(args, child, childPipe);
            } catch (ZMQException e) {
                if (e.getErrorCode() != ZMQ.Error.ETERM.getCode()) {
                    throw e;
                }
            } finally {
                child.close();
            }
        };
        Thread t = ctx.getThreadFactory().apply(body, "ZThread-attached-" + PIPES.get());
        t.start();
        return pipe;
    }
}
