package org.zeromq;

/**
 * A queue device: {@link #run()} forwards messages both ways between two sockets (usually ROUTER and DEALER) on the
 * calling thread, with {@link ZMQ#proxy}, until one of them or their context is closed.
 *
 * <p>As in JeroMQ, {@link #run()} ends silently when the proxy fails (a {@link Runnable} has no way to report it):
 * the error number is left on the sockets.
 */
public class ZMQQueue implements Runnable {

    private final ZMQ.Socket inSocket;
    private final ZMQ.Socket outSocket;

    /** A queue between {@code inSocket} and {@code outSocket}; {@code context} is not used, as in JeroMQ. */
    public ZMQQueue(ZMQ.Context context, ZMQ.Socket inSocket, ZMQ.Socket outSocket) {
        this.inSocket = inSocket;
        this.outSocket = outSocket;
    }

    /** Forwards messages until a socket or the context is closed (or the thread is interrupted). */
    @Override
    public void run() {
        try {
            ZMQ.proxy(inSocket, outSocket, null);
        } catch (ZMQException e) {
            // JeroMQ's run() returns on any proxy error (ETERM above all) instead of throwing
        }
    }
}
