package org.zeromq;

/**
 * The hidden context behind {@link ZSocket}s: created for the first one, terminated when the last one closes, so
 * that it lives exactly as long as sockets use it (JeroMQ keeps its one for the life of the JVM). Thread-safe.
 */
final class SharedContext {

    private static ZMQ.Context context;   // guarded by SharedContext.class
    private static int users;             // guarded by SharedContext.class

    private SharedContext() {
    }

    /** A socket and the context it was made from. */
    record Lease(ZMQ.Context context, ZMQ.Socket socket) {
        /** Closes the socket without lingering, as JeroMQ's ZSocket does, and releases its use of the context. */
        void close() {
            socket.setLinger(0);
            socket.close();
            release(context);
        }
    }

    /** A new socket of {@code type} on the shared context, which counts it as a user until the lease is closed. */
    static Lease socket(SocketType type) {
        ZMQ.Context ctx;
        synchronized (SharedContext.class) {
            if (context == null) {
                context = ZMQ.context(1);
            }
            ctx = context;
            users++;
        }
        try {
            return new Lease(ctx, ctx.socket(type));
        } catch (RuntimeException e) {
            release(ctx);
            throw e;
        }
    }

    private static void release(ZMQ.Context ctx) {
        synchronized (SharedContext.class) {
            if (--users > 0) {
                return;
            }
            context = null;   // the next socket gets a fresh context while this one terminates
        }
        ctx.term();   // outside the lock: termination waits for I/O threads to stop
    }
}
