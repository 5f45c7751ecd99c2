package io.jzmtp;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The built-in proxy ({@code zmq_proxy} and {@code zmq_proxy_steerable}): moves whole messages from a frontend socket
 * to a backend socket and back, optionally copying each to a capture socket and obeying a control socket.
 *
 * <pre>{@code
 * // A streamer: PUSH clients -> (PULL frontend | PUSH backend) -> PULL workers, on its own thread.
 * Socket frontend = ctx.socket(SocketType.PULL);
 * frontend.bind("tcp://*:5557");
 * Socket backend = ctx.socket(SocketType.PUSH);
 * backend.bind("tcp://*:5558");
 * Proxy proxy = Proxy.start(frontend, backend, null, null);
 * ...
 * ctx.close();                                        // the proxy ends: proxy.ending() completes with CLOSED
 *
 * // Or on the calling thread, steered by a PAIR control socket:
 * Proxy.Ending how = Proxy.runSteerable(frontend, backend, capture, control);
 * }</pre>
 *
 * <p><b>Directions.</b> A direction runs only if its source can receive: a PULL frontend and a PUSH backend make a
 * one-way streamer; ROUTER/DEALER or XSUB/XPUB pairs forward both ways. A source that can receive paired with a
 * destination that cannot send (e.g. two PULLs) is rejected with {@link IllegalArgumentException}.
 *
 * <p><b>Back-pressure.</b> When the destination (or the capture socket) would block at its HWM, the proxy keeps the
 * message and reads nothing more in that direction until it is taken, so nothing is dropped unless the destination
 * itself drops (e.g. PUB); libzmq's proxy blocks likewise. It waits with a {@link Poller}, never busily, and stays
 * responsive to the control socket while it waits.
 *
 * <p><b>Capture.</b> Every message received on the frontend or the backend is copied (sharing its buffers) to the
 * capture socket, which must be able to send (PUB, PUSH, DEALER or PAIR).
 *
 * <p><b>Control.</b> Single-frame commands, as in libzmq: {@code PAUSE} stops forwarding (messages already taken
 * in are still delivered), {@code RESUME} restarts it, {@code TERMINATE} ends the proxy with
 * {@link Ending#TERMINATED}, and {@code STATISTICS} is answered with the eight counters of {@link Statistics} (see
 * {@link Statistics#toMessage()}). A REP control socket gets an empty reply to the other commands (and to unknown
 * ones, which are otherwise ignored) so that its request-reply cycle continues; other types get no reply. The
 * control socket must be able to receive; to answer STATISTICS it must be able to send.
 *
 * <p><b>Ending.</b> The proxy ends when TERMINATE arrives, when any of its sockets is closed (directly or by closing
 * the context), or, for a proxy from {@link #start}, on {@link #stop()}. Messages it holds at that moment are
 * released. It never closes its sockets: they belong to the caller.
 *
 * <p><b>Threads.</b> The proxy's thread is the only one that should receive from the frontend and backend; other
 * threads may still send on them or close them.
 */
public final class Proxy implements AutoCloseable {

    /** Why a proxy ended. */
    public enum Ending {
        /** The control socket received {@code TERMINATE} (libzmq returns 0). */
        TERMINATED,
        /** One of its sockets, or their context, was closed (libzmq returns -1 with ETERM). */
        CLOSED,
        /** {@link Proxy#stop()} (or {@link Proxy#close()}) was called. */
        STOPPED
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ProxyLoop loop;
    private final Thread thread;
    private final CompletableFuture<Ending> ending = new CompletableFuture<>();

    private Proxy(ProxyLoop loop) {
        this.loop = loop;
        this.thread = new Thread(this::runInBackground, "jzmtp-proxy-" + THREADS.incrementAndGet());
        this.thread.setDaemon(true);
    }

    /**
     * Runs the proxy on the calling thread until one of the sockets (or their context) is closed, like
     * {@code zmq_proxy}.
     *
     * @param frontend the frontend socket
     * @param backend  the backend socket
     * @param capture  a socket that receives a copy of every message, or {@code null}
     * @return {@link Ending#CLOSED}
     * @throws IllegalArgumentException    when a socket's type cannot play its part
     * @throws SocketInterruptedException  if the thread is interrupted; its interrupt status stays set
     */
    public static Ending run(Socket frontend, Socket backend, Socket capture) {
        return new ProxyLoop(frontend, backend, capture, null).run();
    }

    /**
     * Runs the proxy on the calling thread, obeying the {@code control} socket, until TERMINATE arrives or one of the
     * sockets is closed, like {@code zmq_proxy_steerable}.
     *
     * @param control a socket receiving commands (PAIR or REP usually), or {@code null} for {@link #run}
     * @return {@link Ending#TERMINATED} or {@link Ending#CLOSED}
     * @throws IllegalArgumentException    when a socket's type cannot play its part
     * @throws SocketInterruptedException  if the thread is interrupted; its interrupt status stays set
     */
    public static Ending runSteerable(Socket frontend, Socket backend, Socket capture, Socket control) {
        return new ProxyLoop(frontend, backend, capture, control).run();
    }

    /**
     * Starts the proxy on a new daemon thread and returns at once. It ends like {@link #runSteerable}, or on
     * {@link #stop()}; {@link #ending()} tells when and how.
     *
     * @param capture a socket that receives a copy of every message, or {@code null}
     * @param control a socket receiving commands, or {@code null}
     * @throws IllegalArgumentException when a socket's type cannot play its part (checked before starting)
     */
    public static Proxy start(Socket frontend, Socket backend, Socket capture, Socket control) {
        Proxy proxy = new Proxy(new ProxyLoop(frontend, backend, capture, control));
        proxy.thread.start();
        return proxy;
    }

    private void runInBackground() {
        try {
            ending.complete(loop.run());
        } catch (SocketInterruptedException e) {
            ending.complete(Ending.STOPPED);
        } catch (Throwable t) {
            ending.completeExceptionally(t);
        }
    }

    /**
     * The counters so far. Read from another thread while messages flow, the eight values are each current but not
     * taken at one instant; send STATISTICS to a control socket for an exact snapshot.
     */
    public Statistics statistics() {
        return loop.statistics();
    }

    /**
     * Completes with how the proxy ended, or exceptionally with an unexpected failure. A copy: completing it does not
     * affect the proxy.
     */
    public CompletableFuture<Ending> ending() {
        return ending.copy();
    }

    /** Whether the proxy is still forwarding (or paused). */
    public boolean isRunning() {
        return !ending.isDone();
    }

    /** Asks the proxy to end (by interrupting its thread) and returns at once; it ends with {@link Ending#STOPPED}. */
    public void stop() {
        thread.interrupt();
    }

    /**
     * Stops the proxy and waits until its thread has ended and released what it held; its sockets stay open.
     * Idempotent.
     */
    @Override
    public void close() {
        stop();
        if (Thread.currentThread() == thread) {
            return;   // a thread cannot wait for itself to end
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;   // finish waiting: the proxy ends promptly once interrupted
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The proxy's thread (for tests that check it parks while idle). */
    Thread thread() {
        return thread;
    }

    /** Its thread's name and state, for diagnostics. */
    @Override
    public String toString() {
        return "Proxy[" + thread.getName() + (isRunning() ? ", running" : ", " + ending.getNow(null)) + "]";
    }

    /**
     * The proxy's counters, in the order of libzmq's STATISTICS reply. Messages are counted when a socket receives
     * or accepts them; bytes are the sum of their frame sizes. Capture copies are not counted.
     *
     * @param frontendMessagesReceived messages received by the frontend socket
     * @param frontendBytesReceived    bytes received by the frontend socket
     * @param frontendMessagesSent     messages sent out of the frontend socket
     * @param frontendBytesSent        bytes sent out of the frontend socket
     * @param backendMessagesReceived  messages received by the backend socket
     * @param backendBytesReceived     bytes received by the backend socket
     * @param backendMessagesSent      messages sent out of the backend socket
     * @param backendBytesSent         bytes sent out of the backend socket
     */
    public record Statistics(long frontendMessagesReceived, long frontendBytesReceived, long frontendMessagesSent,
                             long frontendBytesSent, long backendMessagesReceived, long backendBytesReceived,
                             long backendMessagesSent, long backendBytesSent) {

        /** Number of frames (values) in a STATISTICS reply. */
        public static final int FRAMES = 8;

        /**
         * The STATISTICS reply: eight frames of one unsigned 64-bit value each, in the order of the components.
         * libzmq copies the values in host byte order; they are little-endian here, as from libzmq on x86-64 and
         * ARM64. The caller owns the message.
         */
        public Message toMessage() {
            long[] values = values();
            Message m = new Message();
            for (long v : values) {
                m.add(Frame.of(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0, v)));
            }
            return m;
        }

        /**
         * Decodes a STATISTICS reply (from jzmtp or a little-endian libzmq). The message stays with the caller.
         *
         * @throws IllegalArgumentException if it is not eight frames of eight bytes
         */
        public static Statistics fromMessage(Message reply) {
            Objects.requireNonNull(reply, "reply");
            if (reply.size() != FRAMES) {
                throw new IllegalArgumentException("a STATISTICS reply has " + FRAMES + " frames, got " + reply.size());
            }
            long[] v = new long[FRAMES];
            for (int i = 0; i < FRAMES; i++) {
                Frame f = reply.frame(i);
                if (f.size() != Long.BYTES) {
                    throw new IllegalArgumentException("STATISTICS frame " + i + " must be 8 bytes, got " + f.size());
                }
                v[i] = ByteBuffer.wrap(f.toBytes()).order(ByteOrder.LITTLE_ENDIAN).getLong();
            }
            return new Statistics(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
        }

        private long[] values() {
            return new long[] {frontendMessagesReceived, frontendBytesReceived, frontendMessagesSent,
                frontendBytesSent, backendMessagesReceived, backendBytesReceived, backendMessagesSent,
                backendBytesSent};
        }
    }
}
