package org.zeromq;

import io.jzmtp.Proxy;
import io.jzmtp.msg.Frame;
import io.jzmtp.security.CurveKeyPair;
import io.jzmtp.security.Z85;

import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JeroMQ's {@code ZMQ}: the constants, {@link Context}, {@link Socket}, {@link Poller}, {@link Event} and
 * {@link Curve}, on the jzmtp engine. The constants have JeroMQ's values exactly, because compiled programs carry
 * them inlined.
 */
// Over the house size limit on purpose: JeroMQ's binary names (org.zeromq.ZMQ$Socket...) fix these classes as
// members of ZMQ. Each stays a thin translation; the work is in FrameIo, SocketOptionBridge, MonitorBridge and
// PollerCore.
public class ZMQ {

    /** Send flag: more frames of this message follow. */
    public static final int SNDMORE = 2;
    /** Send/receive flag: do not wait; return EAGAIN's value instead. */
    public static final int DONTWAIT = 1;
    /** The old name of {@link #DONTWAIT}. */
    public static final int NOBLOCK = 1;

    /** Type number of {@link SocketType#PAIR}: one peer, messages both ways. */
    public static final int PAIR = 0;
    /** Type number of {@link SocketType#PUB}: sends to every matching subscriber. */
    public static final int PUB = 1;
    /** Type number of {@link SocketType#SUB}: receives what it subscribed to. */
    public static final int SUB = 2;
    /** Type number of {@link SocketType#REQ}: strict request, then reply. */
    public static final int REQ = 3;
    /** Type number of {@link SocketType#REP}: strict receive request, then send reply. */
    public static final int REP = 4;
    /** Type number of {@link SocketType#DEALER}: load-balances sends, fair-queues receives. */
    public static final int DEALER = 5;
    /** The old name of {@link #DEALER}. */
    public static final int XREQ = DEALER;
    /** Type number of {@link SocketType#ROUTER}: addresses peers by routing id in the first frame. */
    public static final int ROUTER = 6;
    /** The old name of {@link #ROUTER}. */
    public static final int XREP = ROUTER;
    /** Type number of {@link SocketType#PULL}: fair-queues from pushers. */
    public static final int PULL = 7;
    /** Type number of {@link SocketType#PUSH}: load-balances to pullers. */
    public static final int PUSH = 8;
    /** Type number of {@link SocketType#XPUB}: a PUB that receives subscriptions as messages. */
    public static final int XPUB = 9;
    /** Type number of {@link SocketType#XSUB}: a SUB that sends subscriptions as messages. */
    public static final int XSUB = 10;
    /** Type number of {@link SocketType#STREAM}; jzmtp does not implement it (ENOTSUP). */
    public static final int STREAM = 11;
    /** Old device type for {@link #device}, which ignores it. */
    public static final int STREAMER = 1;
    /** Old device type for {@link #device}, which ignores it. */
    public static final int FORWARDER = 2;
    /** Old device type for {@link #device}, which ignores it. */
    public static final int QUEUE = 3;
    /** The old name of {@link #PULL}. */
    public static final int UPSTREAM = PULL;
    /** The old name of {@link #PUSH}. */
    public static final int DOWNSTREAM = PUSH;

    /** Monitor event bit: a connect completed at the TCP (or IPC) level. */
    public static final int EVENT_CONNECTED = 1;
    /** Monitor event bit: a connect attempt failed and will be retried. */
    public static final int EVENT_CONNECT_DELAYED = 1 << 1;
    /** The short name of {@link #EVENT_CONNECT_DELAYED}. */
    public static final int EVENT_DELAYED = EVENT_CONNECT_DELAYED;
    /** Monitor event bit: a reconnect is scheduled; the value is the delay in ms. */
    public static final int EVENT_CONNECT_RETRIED = 1 << 2;
    /** The short name of {@link #EVENT_CONNECT_RETRIED}. */
    public static final int EVENT_RETRIED = EVENT_CONNECT_RETRIED;
    /** Monitor event bit: a bind succeeded and the endpoint accepts connections. */
    public static final int EVENT_LISTENING = 1 << 3;
    /** Monitor event bit: a bind failed. */
    public static final int EVENT_BIND_FAILED = 1 << 4;
    /** Monitor event bit: a bound endpoint accepted a connection. */
    public static final int EVENT_ACCEPTED = 1 << 5;
    /** Monitor event bit: accepting a connection failed. */
    public static final int EVENT_ACCEPT_FAILED = 1 << 6;
    /** Monitor event bit: an endpoint (listener) was closed. */
    public static final int EVENT_CLOSED = 1 << 7;
    /** Monitor event bit: closing an endpoint failed; jzmtp does not emit it. */
    public static final int EVENT_CLOSE_FAILED = 1 << 8;
    /** Monitor event bit: an established connection was lost or closed. */
    public static final int EVENT_DISCONNECTED = 1 << 9;
    /** Monitor event bit: the last event, sent when monitoring stops. */
    public static final int EVENT_MONITOR_STOPPED = 1 << 10;
    /** Monitor event bit: a ZMTP handshake failed for a reason with no protocol code. */
    public static final int HANDSHAKE_FAILED_NO_DETAIL = 1 << 11;
    /** Monitor event bit: a ZMTP handshake (security included) completed. */
    public static final int HANDSHAKE_SUCCEEDED = 1 << 12;
    /** Monitor event bit: the peer broke ZMTP; the value is a protocol error code. */
    public static final int HANDSHAKE_FAILED_PROTOCOL = 1 << 13;
    /** Monitor event bit: the ZAP handler refused the peer; the value is the ZAP status. */
    public static final int HANDSHAKE_FAILED_AUTH = 1 << 14;
    /** Monitor event bit for the negotiated ZMTP version; jzmtp does not emit it. */
    public static final int EVENT_HANDSHAKE_PROTOCOL = 1 << 15;
    /** Every monitor event bit. */
    public static final int EVENT_ALL = 0xffff;

    /** The empty delimiter frame of request-reply envelopes. */
    public static final byte[] MESSAGE_SEPARATOR = new byte[0];
    /** The subscription to every message. */
    public static final byte[] SUBSCRIPTION_ALL = new byte[0];
    /** Commands of a steerable proxy's control socket. */
    public static final byte[] PROXY_PAUSE = "PAUSE".getBytes(zmq.ZMQ.CHARSET);
    /** Control command: a paused proxy moves messages again. */
    public static final byte[] PROXY_RESUME = "RESUME".getBytes(zmq.ZMQ.CHARSET);
    /** Control command: the proxy returns (true from {@link #proxy(Socket, Socket, Socket, Socket)}). */
    public static final byte[] PROXY_TERMINATE = "TERMINATE".getBytes(zmq.ZMQ.CHARSET);

    /** The charset of every String sent or received: UTF-8. */
    public static final Charset CHARSET = zmq.ZMQ.CHARSET;

    /** For subclasses, as in JeroMQ; everything here is static. */
    protected ZMQ() {
    }

    /** A new context; {@code ioThreads} sizes jzmtp's I/O thread group (at least 1). */
    public static Context context(int ioThreads) {
        return new Context(ioThreads);
    }

    /**
     * Runs a proxy between {@code frontend} and {@code backend}, copying to {@code capture} if not null, on the
     * calling thread until a socket or their context is closed. Returns false then, as JeroMQ does on ETERM.
     */
    public static boolean proxy(Socket frontend, Socket backend, Socket capture) {
        return proxy(frontend, backend, capture, null);
    }

    /**
     * {@link #proxy(Socket, Socket, Socket)} steered by {@code control}: PAUSE, RESUME and TERMINATE, as in libzmq.
     * Returns true when TERMINATE stopped it, false when a socket or the context was closed.
     */
    public static boolean proxy(Socket frontend, Socket backend, Socket capture, Socket control) {
        try {
            Proxy.Ending ending = control == null
                    ? Proxy.run(frontend.engine(), backend.engine(), capture == null ? null : capture.engine())
                    : Proxy.runSteerable(frontend.engine(), backend.engine(),
                            capture == null ? null : capture.engine(), control.engine());
            return ending == Proxy.Ending.TERMINATED;
        } catch (RuntimeException e) {
            throw frontend.failure(e);
        }
    }

    /** The old device API: a proxy without capture; {@code type} is ignored as in JeroMQ. */
    @Deprecated
    public static boolean device(int type, Socket frontend, Socket backend) {
        return proxy(frontend, backend, null);
    }

    /** Polls {@code items} for up to {@code timeout} ms (-1 forever); {@code selector} is not used by jzmtp. */
    public static int poll(Selector selector, PollItem[] items, long timeout) {
        return poll(selector, items, items.length, timeout);
    }

    /** Polls the first {@code count} of {@code items}; see {@link #poll(Selector, PollItem[], long)}. */
    public static int poll(Selector selector, PollItem[] items, int count, long timeout) {
        return PollerCore.pollOnce(items, count, timeout);
    }

    /** The major version reported: 4 (JeroMQ 0.6.0's libzmq level). */
    public static int getMajorVersion() {
        return zmq.ZMQ.ZMQ_VERSION_MAJOR;
    }

    /** The minor version reported: 1. */
    public static int getMinorVersion() {
        return zmq.ZMQ.ZMQ_VERSION_MINOR;
    }

    /** The patch version reported: 7. */
    public static int getPatchVersion() {
        return zmq.ZMQ.ZMQ_VERSION_PATCH;
    }

    /** The version as one number, e.g. 40107 for 4.1.7 (JeroMQ 0.6.0's, which programs compare against). */
    public static int getFullVersion() {
        return makeVersion(getMajorVersion(), getMinorVersion(), getPatchVersion());
    }

    /** The one-number form of a version: {@code major * 10000 + minor * 100 + patch}. */
    public static int makeVersion(int major, int minor, int patch) {
        return major * 10000 + minor * 100 + patch;
    }

    /** The version as text, e.g. {@code 4.1.7}. */
    public static String getVersionString() {
        return getMajorVersion() + "." + getMinorVersion() + "." + getPatchVersion();
    }

    /** Sleeps {@code millis} ms; an interrupt ends it early and keeps the thread's interrupt status. */
    public static void msleep(long millis) {
        zmq.ZMQ.msleep(millis);
    }

    /** Sleeps {@code seconds}; an interrupt ends it early and keeps the thread's interrupt status. */
    public static void sleep(long seconds) {
        zmq.ZMQ.sleep(seconds);
    }

    /** Sleeps {@code amount} of {@code unit}; an interrupt ends it early and keeps the interrupt status. */
    public static void sleep(long amount, TimeUnit unit) {
        zmq.ZMQ.sleep(amount, unit);
    }

    /** JeroMQ's error numbers and their descriptions. */
    public enum Error {
        /** No error (0). */
        NOERROR(0, "No error"),
        /** Not supported: an option or socket type jzmtp does not implement, or an unsupported call. */
        ENOTSUP(zmq.ZError.ENOTSUP, "Not supported"),
        /** An endpoint's transport is unknown. */
        EPROTONOSUPPORT(zmq.ZError.EPROTONOSUPPORT, "Protocol not supported"),
        /** No buffer space. */
        ENOBUFS(zmq.ZError.ENOBUFS, "No buffer space available"),
        /** The network is down. */
        ENETDOWN(zmq.ZError.ENETDOWN, "Network is down"),
        /** A bind's address is taken. */
        EADDRINUSE(zmq.ZError.EADDRINUSE, "Address already in use"),
        /** A bind's address is not local. */
        EADDRNOTAVAIL(zmq.ZError.EADDRNOTAVAIL, "Address not available"),
        /** The peer refused the connection. */
        ECONNREFUSED(zmq.ZError.ECONNREFUSED, "Connection refused"),
        /** The operation has started and not finished. */
        EINPROGRESS(zmq.ZError.EINPROGRESS, "Operation in progress"),
        /** No route: with ROUTER_MANDATORY, no peer has the message's routing id. */
        EHOSTUNREACH(zmq.ZError.EHOSTUNREACH, "Host unreachable"),
        /** No I/O thread is available. */
        EMTHREAD(zmq.ZError.EMTHREAD, "No thread available"),
        /** Wrong state for the call, e.g. a REQ sending twice without receiving. */
        EFSM(zmq.ZError.EFSM, "Operation cannot be accomplished in current state"),
        /** The transport does not suit the socket type. */
        ENOCOMPATPROTO(zmq.ZError.ENOCOMPATPROTO, "The protocol is not compatible with the socket type"),
        /** The socket's context was terminated (or a ZContext closed the socket). */
        ETERM(zmq.ZError.ETERM, "Context was terminated"),
        /** The socket was closed by its own {@code close()}. */
        ENOTSOCK(zmq.ZError.ENOTSOCK, "Not a socket"),
        /** Would block: nothing to receive, or no room to send, within the timeout. */
        EAGAIN(zmq.ZError.EAGAIN, "Resource unavailable, try again"),
        /** Not found: e.g. unbinding or disconnecting an endpoint the socket does not have. */
        ENOENT(zmq.ZError.ENOENT, "No such file or directory"),
        /** The thread was interrupted while it waited. */
        EINTR(zmq.ZError.EINTR, "Interrupted function"),
        /** Permission denied. */
        EACCESS(zmq.ZError.EACCESS, "Permission denied"),
        /** A bad address (pointer) in the call. */
        EFAULT(zmq.ZError.EFAULT, "Bad address"),
        /** An invalid argument, e.g. subscribing on a socket type without subscriptions. */
        EINVAL(zmq.ZError.EINVAL, "Invalid argument"),
        /** Already connected. */
        EISCONN(zmq.ZError.EISCONN, "Socket is connected"),
        /** Not connected. */
        ENOTCONN(zmq.ZError.ENOTCONN, "The socket is not connected"),
        /** A message is too large. */
        EMSGSIZE(zmq.ZError.EMSGSIZE, "Message too large"),
        /** The address family is not supported. */
        EAFNOSUPPORT(zmq.ZError.EAFNOSUPPORT, "Address family not supported"),
        /** The network is unreachable. */
        ENETUNREACH(zmq.ZError.ENETUNREACH, "Network unreachable"),
        /** The connection was aborted. */
        ECONNABORTED(zmq.ZError.ECONNABORTED, "Connection aborted"),
        /** The peer reset the connection. */
        ECONNRESET(zmq.ZError.ECONNRESET, "Connection reset"),
        /** A connection timed out. */
        ETIMEDOUT(zmq.ZError.ETIMEDOUT, "Connection timed out"),
        /** The network dropped the connection. */
        ENETRESET(zmq.ZError.ENETRESET, "Connection aborted by network"),
        /** An I/O exception. */
        EIOEXC(zmq.ZError.EIOEXC, "Input/output exception"),
        /** A socket exception. */
        ESOCKET(zmq.ZError.ESOCKET, "Socket exception"),
        /** Too many sockets: the context already has its MAX_SOCKETS. */
        EMFILE(zmq.ZError.EMFILE, "File descriptor value too large"),
        /** A protocol error. */
        EPROTO(zmq.ZError.EPROTO, "Protocol error");

        private static final Map<Integer, Error> BY_CODE = new HashMap<>();

        static {
            for (Error e : values()) {
                BY_CODE.put(e.code, e);
            }
        }

        private final int code;
        private final String message;

        Error(int code, String message) {
            this.code = code;
            this.message = message;
        }

        /** The error number, as {@link ZMQException#getErrorCode()} and {@link Socket#errno()} give it. */
        public int getCode() {
            return code;
        }

        /** A short description of the error. */
        public String getMessage() {
            return message;
        }

        /** The error numbered {@code code}; an unknown number throws {@link IllegalArgumentException}. */
        public static Error findByCode(int code) {
            Error e = BY_CODE.get(code);
            if (e == null) {
                throw new IllegalArgumentException("Unknown " + Error.class.getName() + " enum code: " + code);
            }
            return e;
        }
    }

    /**
     * A context: the owner of sockets and of jzmtp's I/O threads. Thread-safe. {@link #term()} closes it: every
     * blocked and later call on its sockets fails with ETERM, in any thread.
     */
    public static class Context implements Closeable {

        private final ContextCore core;

        /** A context with {@code ioThreads} I/O threads (at least 1); see {@link ZMQ#context(int)}. */
        protected Context(int ioThreads) {
            this.core = new ContextCore(ioThreads);
        }

        ContextCore core() {
            return core;
        }

        /** A new socket of {@code type}, with JeroMQ's defaults (linger -1: see the module README). */
        public Socket socket(SocketType type) {
            return new Socket(this, type);
        }

        /** A new socket of the type numbered {@code type}. */
        @Deprecated
        public Socket socket(int type) {
            return socket(SocketType.type(type));
        }

        /** A new poller; it owns no operating-system resource, so creating one per loop turn costs little. */
        public Poller poller() {
            return new Poller(this);
        }

        /** A new poller sized for {@code size} items. */
        public Poller poller(int size) {
            return new Poller(this, size);
        }

        /**
         * Terminates the context: sockets still open are closed (blocked calls in other threads fail with ETERM), and
         * messages waiting to be sent get up to their linger (at most 30 s for linger -1) to leave. Idempotent.
         */
        public void term() {
            core.terminate();
        }

        /** The same as {@link #term()}. */
        @Override
        public void close() {
            term();
        }

        /** Whether {@link #term()} was called. */
        public boolean isTerminated() {
            return core.isTerminated();
        }

        /** The same as {@link #isTerminated()}. */
        public boolean isClosed() {
            return core.isTerminated();
        }

        /** A Selector for JeroMQ's poll signature; jzmtp polls without one, so this is a plain NIO selector. */
        public Selector selector() {
            return core.selector();
        }

        /** Closes a selector from {@link #selector()}; false if it did not come from this context. */
        public boolean close(Selector selector) {
            return core.closeSelector(selector);
        }

        /** The number of I/O threads, fixed when the context was created. */
        public int getIOThreads() {
            return core.ioThreads();
        }

        /** Fixed when the context is created in jzmtp: returns false. */
        public boolean setIOThreads(int ioThreads) {
            return false;
        }

        /** How many sockets may be open at once (default 1024); one more throws EMFILE. */
        public int getMaxSockets() {
            return core.maxSockets();
        }

        /** Sets {@link #getMaxSockets()} for sockets created afterwards; false for a value below 1. */
        public boolean setMaxSockets(int maxSockets) {
            return core.maxSockets(maxSockets);
        }

        /** Whether new sockets get linger -1 (true, the default) or 0. */
        public boolean isBlocky() {
            return core.isBlocky();
        }

        /** The same as {@link #isBlocky()}. */
        public boolean getBlocky() {
            return core.isBlocky();
        }

        /** Whether new sockets linger -1 (blocky, the default) or 0. */
        public boolean setBlocky(boolean blocky) {
            core.blocky(blocky);
            return true;
        }

        /** Whether new sockets start with IPv6 on (default false); see {@link Socket#setIPv6}. */
        public boolean isIPv6() {
            return core.isIpv6();
        }

        /** The same as {@link #isIPv6()}. */
        public boolean getIPv6() {
            return core.isIpv6();
        }

        /** Sets the IPv6 flag new sockets start with; always true. */
        public boolean setIPv6(boolean ipv6) {
            core.ipv6(ipv6);
            return true;
        }

        /** Kept and returned; jzmtp's I/O threads are Netty's and do not call it. */
        public void setUncaughtExceptionHandler(Thread.UncaughtExceptionHandler handler) {
            core.uncaughtExceptionHandler(handler);
        }

        /** The handler given to {@link #setUncaughtExceptionHandler}, or null. */
        public Thread.UncaughtExceptionHandler getUncaughtExceptionHandler() {
            return core.uncaughtExceptionHandler();
        }

        /** Kept and returned; jzmtp's I/O threads do not call it. */
        public void setNotificationExceptionHandler(Thread.UncaughtExceptionHandler handler) {
            core.notificationExceptionHandler(handler);
        }

        /** The handler given to {@link #setNotificationExceptionHandler}, or null. */
        public Thread.UncaughtExceptionHandler getNotificationExceptionHandler() {
            return core.notificationExceptionHandler();
        }
    }

    /**
     * A socket, used frame at a time as in JeroMQ. Not thread-safe (as in JeroMQ), except that {@link #close()} and
     * the close of its context may come from any thread: a thread blocked in the socket then gets ETERM.
     *
     * <p>Would-block (EAGAIN) is a return value: {@code null} from the receives, {@code false} from the sends,
     * {@code -1} from the int-returning ones, and {@link #errno()} says 35. Every other failure throws
     * {@link ZMQException} with JeroMQ's error number.
     */
    public static class Socket implements Closeable {

        private final SocketCore core;

        /** A socket of {@code type} in {@code context}; ETERM after the context's term, EMFILE beyond MAX_SOCKETS. */
        protected Socket(Context context, SocketType type) {
            this.core = new SocketCore(context.core(), type, null);
        }

        /** A socket of {@code type} in {@code context}'s context, as {@link ZContext#createSocket} makes it. */
        protected Socket(ZContext context, SocketType type) {
            this.core = new SocketCore(context.getContext().core(), type, context);
        }

        /** A socket of the type numbered {@code type}. */
        protected Socket(Context context, int type) {
            this(context, SocketType.type(type));
        }

        io.jzmtp.Socket engine() {
            return core.engine();
        }

        SocketCore core() {
            return core;
        }

        ZMQException failure(RuntimeException e) {
            return core.failure(e);
        }

        /** Closes the socket; queued messages get its linger to leave. Safe from any thread; idempotent. */
        @Override
        public void close() {
            core.close();
        }

        /** Closes as a context does (the linger the context chose), from any thread. */
        void internalClose() {
            core.closeByContext();
        }

        /** The socket type's number, e.g. {@link ZMQ#PUB}. */
        public int getType() {
            return core.type().type;
        }

        /** The socket type. */
        public SocketType getSocketType() {
            return core.type();
        }

        /** The error number of the last failed call, including EAGAIN (35); not cleared by a success, as in JeroMQ. */
        public int errno() {
            return core.errno();
        }

        @Override
        public String toString() {
            return "Socket[" + core.type() + "]@" + Integer.toHexString(System.identityHashCode(this));
        }

        // ---- endpoints ---------------------------------------------------------------------------------------------

        /**
         * Binds to {@code addr}. Throws {@link ZMQException} on failure (EADDRINUSE, EPROTONOSUPPORT for an unknown
         * transport) and {@link IllegalArgumentException} for a malformed endpoint.
         */
        public boolean bind(String addr) {
            core.bind(addr);
            return true;
        }

        /** Binds to a random port of {@code addr} (e.g. {@code tcp://*}) in 0xC000..0xFFFF; returns the port. */
        public int bindToRandomPort(String addr) {
            return bindToRandomPort(addr, 0xc000, 0xffff);
        }

        /** Binds to a random port of {@code addr} in {@code min..max} (100 attempts); returns the port. */
        public int bindToRandomPort(String addr, int min, int max) {
            return core.bindToRandomPort(addr, min, max);
        }

        /** Connects to {@code addr}; errors as for {@link #bind}. */
        public boolean connect(String addr) {
            core.connect(addr);
            return true;
        }

        /** Stops listening on {@code addr}; false (errno ENOENT) when this socket is not bound there. */
        public boolean unbind(String addr) {
            return core.unbind(addr);
        }

        /** Closes the connection to {@code addr}; false (errno ENOENT) when this socket did not connect there. */
        public boolean disconnect(String addr) {
            return core.disconnect(addr);
        }

        /** The endpoint last bound or connected, resolved (a real port for {@code tcp://*:*}). */
        public String getLastEndpoint() {
            String endpoint = core.engine().lastEndpoint();
            return endpoint == null || endpoint.isEmpty() ? null : endpoint;
        }

        // ---- sending -----------------------------------------------------------------------------------------------

        /** Sends {@code data} in UTF-8 as the last (or only) frame of a message; false on EAGAIN. */
        public boolean send(String data) {
            return send(data.getBytes(CHARSET), 0);
        }

        /** Sends {@code data} in UTF-8 as one frame with {@code flags}; false on EAGAIN. */
        public boolean send(String data, int flags) {
            return send(data.getBytes(CHARSET), flags);
        }

        /** Sends {@code data} in UTF-8 as one frame, more to follow; false on EAGAIN. */
        public boolean sendMore(String data) {
            return send(data.getBytes(CHARSET), SNDMORE);
        }

        /** Sends {@code data} (not copied) as the last (or only) frame of a message; false on EAGAIN. */
        public boolean send(byte[] data) {
            return send(data, 0);
        }

        /** Sends {@code data} (not copied) as one frame, more to follow; false on EAGAIN. */
        public boolean sendMore(byte[] data) {
            return send(data, SNDMORE);
        }

        /**
         * Sends one frame of {@code data} (not copied: do not change the array until the message has left), with
         * {@link #SNDMORE} when more frames of the message follow and {@link #DONTWAIT} not to wait. Returns false
         * on EAGAIN.
         */
        public boolean send(byte[] data, int flags) {
            return core.send(Frame.of(data), flags);
        }

        /** Sends {@code length} bytes of {@code data} from {@code off} (copied). */
        public boolean send(byte[] data, int off, int length, int flags) {
            return core.send(Frame.of(java.util.Arrays.copyOfRange(data, off, off + length)), flags);
        }

        /** Sends the remaining bytes of {@code data} as one frame (copied); returns the bytes sent, -1 on EAGAIN. */
        public int sendByteBuffer(ByteBuffer data, int flags) {
            int length = data.remaining();
            byte[] copy = new byte[length];
            data.get(copy);
            if (core.send(Frame.of(copy), flags)) {
                return length;
            }
            data.position(data.position() - length);
            return -1;
        }

        // ---- receiving ---------------------------------------------------------------------------------------------

        /** The next frame, waiting up to the receive timeout; null on EAGAIN. */
        public byte[] recv() {
            return recv(0);
        }

        /** The next frame; with {@link #DONTWAIT}, null at once when none is waiting. */
        public byte[] recv(int flags) {
            return core.receive(flags);
        }

        /** Copies the next frame into {@code buffer}; returns the bytes copied, -1 on EAGAIN. */
        public int recv(byte[] buffer, int offset, int len, int flags) {
            return core.receive(ByteBuffer.wrap(buffer, offset, len), flags);
        }

        /** Copies the next frame into {@code buffer}; returns the bytes copied, -1 on EAGAIN. */
        public int recvByteBuffer(ByteBuffer buffer, int flags) {
            return core.receive(buffer, flags);
        }

        /** The next frame as UTF-8 text; null on EAGAIN. */
        public String recvStr() {
            return recvStr(0);
        }

        /** The next frame as UTF-8 text; with {@link #DONTWAIT}, null at once when none is waiting. */
        public String recvStr(int flags) {
            byte[] data = recv(flags);
            return data == null ? null : new String(data, CHARSET);
        }

        /** Whether the message being read has more frames. */
        public boolean hasReceiveMore() {
            return core.hasReceiveMore();
        }

        /** {@link Poller#POLLIN} and/or {@link Poller#POLLOUT} as the socket is now; -1 after ETERM. */
        public int getEvents() {
            return core.events();
        }

        // ---- subscriptions -----------------------------------------------------------------------------------------

        /** SUB/XSUB: receive messages whose first frame starts with {@code topic} (empty: all). */
        public boolean subscribe(byte[] topic) {
            return core.subscribe(topic, true);
        }

        /** {@link #subscribe(byte[])} with the UTF-8 bytes of {@code topic}. */
        public boolean subscribe(String topic) {
            return subscribe(topic.getBytes(CHARSET));
        }

        /** SUB/XSUB: withdraws one earlier subscription to {@code topic}. */
        public boolean unsubscribe(byte[] topic) {
            return core.subscribe(topic, false);
        }

        /** {@link #unsubscribe(byte[])} with the UTF-8 bytes of {@code topic}. */
        public boolean unsubscribe(String topic) {
            return unsubscribe(topic.getBytes(CHARSET));
        }

        // ---- monitoring --------------------------------------------------------------------------------------------

        /**
         * Publishes this socket's events selected by {@code events} (the EVENT_ bits) on a PAIR bound at the inproc
         * endpoint {@code addr}, to be read with {@link Event#recv}; {@code (null, 0)} stops monitoring.
         */
        public boolean monitor(String addr, int events) {
            return core.monitor(addr, events);
        }

        /**
         * Calls {@code consumer} with this socket's events selected by {@code events} (the EVENT_ bits), on jzmtp's
         * monitor thread for this socket (JeroMQ calls it on its I/O thread); a null consumer stops it, delivering
         * MONITOR_STOPPED if selected. Returns false after ETERM.
         *
         * @throws IllegalStateException if a consumer is already set, as in JeroMQ
         */
        public boolean setEventHook(ZEvent.ZEventConsummer consumer, int events) {
            return core.eventHook(consumer, events);
        }

        // ---- options -----------------------------------------------------------------------------------------------

        /** Milliseconds a close lets queued messages leave; -1 = until sent (at most 30 s here). */
        public int getLinger() {
            return core.options().linger();
        }

        /** Milliseconds a close lets queued messages leave; 0 = drop at once, -1 = until sent (capped at 30 s). */
        public boolean setLinger(int value) {
            return core.options().linger(value);
        }

        /** {@link #setLinger(int)}; a value beyond int throws {@link ArithmeticException}. */
        @Deprecated
        public boolean setLinger(long value) {
            return setLinger(Math.toIntExact(value));
        }

        /** Outbound queue limit per peer, in messages; 0 = unlimited. */
        public int getSndHWM() {
            return core.options().sndHwm();
        }

        /** Outbound queue limit per peer, in messages (default 1000); 0 = unlimited. For later binds and connects. */
        public boolean setSndHWM(int value) {
            return core.options().sndHwm(value);
        }

        /** {@link #setSndHWM(int)}; a value beyond int throws {@link ArithmeticException}. */
        @Deprecated
        public boolean setSndHWM(long value) {
            return setSndHWM(Math.toIntExact(value));
        }

        /** Inbound queue limit per peer, in messages; 0 = unlimited. */
        public int getRcvHWM() {
            return core.options().rcvHwm();
        }

        /** Inbound queue limit per peer, in messages (default 1000); 0 = unlimited. For later binds and connects. */
        public boolean setRcvHWM(int value) {
            return core.options().rcvHwm(value);
        }

        /** {@link #setRcvHWM(int)}; a value beyond int throws {@link ArithmeticException}. */
        @Deprecated
        public boolean setRcvHWM(long value) {
            return setRcvHWM(Math.toIntExact(value));
        }

        /** The send high-water mark (JeroMQ's getHWM). */
        public int getHWM() {
            return getSndHWM();
        }

        /** Sets both high-water marks. */
        public boolean setHWM(int value) {
            return setSndHWM(value) && setRcvHWM(value);
        }

        /** {@link #setHWM(int)}; a value beyond int throws {@link ArithmeticException}. */
        @Deprecated
        public boolean setHWM(long value) {
            return setHWM(Math.toIntExact(value));
        }

        /** Milliseconds a receive waits; -1 = forever, 0 = not at all. */
        public int getReceiveTimeOut() {
            return core.options().receiveTimeout();
        }

        /** Milliseconds a receive waits; -1 forever (the default), 0 never. */
        public boolean setReceiveTimeOut(int value) {
            return core.options().receiveTimeout(value);
        }

        /** Milliseconds a send waits at the HWM; -1 = forever, 0 = not at all. */
        public int getSendTimeOut() {
            return core.options().sendTimeout();
        }

        /** Milliseconds a send waits; -1 forever (the default), 0 never. */
        public boolean setSendTimeOut(int value) {
            return core.options().sendTimeout(value);
        }

        /** The routing id set with {@link #setIdentity}; empty when none was. */
        public byte[] getIdentity() {
            return core.options().identity();
        }

        /** The routing id announced to ROUTER peers: 1 to 255 bytes. */
        public boolean setIdentity(byte[] identity) {
            return core.options().identity(identity);
        }

        /** {@link #setConnectRid(byte[])} with the UTF-8 bytes of {@code rid}. */
        public boolean setConnectRid(String rid) {
            return setConnectRid(rid.getBytes(CHARSET));
        }

        /** ROUTER: the routing id of the peer of the next connect. */
        public boolean setConnectRid(byte[] rid) {
            return core.options().connectRid(rid);
        }

        /**
         * JeroMQ's IMMEDIATE, the inverse of libzmq's: true (the default) queues messages for a peer as soon as it is
         * connected to; false only for peers whose connection is complete.
         */
        public boolean isImmediate() {
            return core.options().immediate();
        }

        /** The same as {@link #isImmediate()}. */
        public boolean getImmediate() {
            return isImmediate();
        }

        /** Sets {@link #isImmediate()} (JeroMQ's sense) for later connects. */
        public boolean setImmediate(boolean value) {
            return core.options().immediate(value);
        }

        /** The inverse of {@link #isImmediate()}. */
        public boolean getDelayAttachOnConnect() {
            return !isImmediate();
        }

        /** The same as {@code setImmediate(!value)}. */
        public boolean setDelayAttachOnConnect(boolean value) {
            return setImmediate(!value);
        }

        /** Milliseconds before a reconnect; -1 = never reconnect. */
        public int getReconnectIVL() {
            return core.options().reconnectIvl();
        }

        /** Milliseconds before a reconnect (default 100); -1 = never; below -1 throws IllegalArgumentException. */
        public boolean setReconnectIVL(int value) {
            return core.options().reconnectIvl(value);
        }

        /** {@link #setReconnectIVL(int)}; a value beyond int throws {@link ArithmeticException}. */
        @Deprecated
        public boolean setReconnectIVL(long value) {
            return setReconnectIVL(Math.toIntExact(value));
        }

        /** Cap of the reconnect backoff in ms; 0 = no backoff. */
        public int getReconnectIVLMax() {
            return core.options().reconnectIvlMax();
        }

        /** Cap in ms of the exponential reconnect backoff; 0 (the default) = no backoff. */
        public boolean setReconnectIVLMax(int value) {
            return core.options().reconnectIvlMax(value);
        }

        /** {@link #setReconnectIVLMax(int)}; a value beyond int throws {@link ArithmeticException}. */
        @Deprecated
        public boolean setReconnectIVLMax(long value) {
            return setReconnectIVLMax(Math.toIntExact(value));
        }

        /** The listen backlog of later binds. */
        public int getBacklog() {
            return core.options().backlog();
        }

        /** The listen backlog of later binds (default 100); must be above 0. */
        public boolean setBacklog(int value) {
            return core.options().backlog(value);
        }

        /** {@link #setBacklog(int)}; a value beyond int throws {@link ArithmeticException}. */
        @Deprecated
        public boolean setBacklog(long value) {
            return setBacklog(Math.toIntExact(value));
        }

        /** Milliseconds allowed for a ZMTP handshake; 0 = no limit. */
        public int getHandshakeIvl() {
            return core.options().handshakeIvl();
        }

        /** Milliseconds allowed for a ZMTP handshake (default 30000); 0 = no limit; negative throws. */
        public boolean setHandshakeIvl(int value) {
            return core.options().handshakeIvl(value);
        }

        /** Milliseconds between ZMTP PINGs; 0 = none. */
        public int getHeartbeatIvl() {
            return core.options().heartbeatIvl();
        }

        /** Send a ZMTP PING every this many ms on each connection; 0 (the default) = none. */
        public boolean setHeartbeatIvl(int value) {
            return core.options().heartbeatIvl(value);
        }

        /** Milliseconds to wait for traffic after a PING; -1 = the heartbeat interval. */
        public int getHeartbeatTimeout() {
            return core.options().heartbeatTimeout();
        }

        /**
         * Milliseconds after a PING before a silent connection is closed; 0 = the heartbeat interval (read back as -1);
         * negative throws.
         */
        public boolean setHeartbeatTimeout(int value) {
            return core.options().heartbeatTimeout(value);
        }

        /** The TTL announced in PINGs, in ms (a multiple of 100); 0 = none. */
        public int getHeartbeatTtl() {
            return core.options().heartbeatTtl();
        }

        /** TTL announced in PINGs, in ms, rounded down to tenths of a second; 0 = none; at most 655399. */
        public boolean setHeartbeatTtl(int value) {
            return core.options().heartbeatTtl(value);
        }

        /** A copy of the context given to {@link #setHeartbeatContext}; empty by default. */
        public byte[] getHeartbeatContext() {
            return core.options().heartbeatContext();
        }

        /** Kept and returned; jzmtp's PINGs carry no context (libzmq's do not either by default). */
        public boolean setHeartbeatContext(byte[] context) {
            return core.options().heartbeatContext(context);
        }

        /** Largest inbound frame in bytes; -1 = no limit. */
        public long getMaxMsgSize() {
            return core.options().maxMsgSize();
        }

        /** Largest inbound frame in bytes (default -1 = no limit); a peer sending more is disconnected. */
        public boolean setMaxMsgSize(long value) {
            return core.options().maxMsgSize(value);
        }

        /** ROUTER: a message to an unknown routing id throws EHOSTUNREACH instead of being dropped. */
        public boolean setRouterMandatory(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.ROUTER_MANDATORY, value);
        }

        /** ROUTER: a new peer with a routing id in use takes it over; the old connection is closed. */
        public boolean setRouterHandover(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.ROUTER_HANDOVER, value);
        }

        /** ROUTER_RAW (a raw TCP ROUTER) is not supported by jzmtp: true throws ENOTSUP. */
        public boolean setRouterRaw(boolean value) {
            return core.options().unsupported("ROUTER_RAW", value);
        }

        /** ROUTER/DEALER: send an empty message to each new peer on connect. */
        public boolean setProbeRouter(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.PROBE_ROUTER, value);
        }

        /** XPUB: pass every subscription up, not only the first for a topic. */
        public boolean setXpubVerbose(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.XPUB_VERBOSE, value);
        }

        /** XPUB: as {@link #setXpubVerbose}, and pass every unsubscription up too. */
        public boolean setXpubVerboser(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.XPUB_VERBOSER, value);
        }

        /** XPUB: a subscriber at its HWM makes send wait (or fail with EAGAIN) instead of dropping. */
        public boolean setXpubNoDrop(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.XPUB_NODROP, value);
        }

        /** XPUB: subscriptions are applied only by the application's {@link #subscribe(byte[])}. */
        public boolean setXpubManual(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.XPUB_MANUAL, value);
        }

        /** REQ: whether requests carry a request id that replies must match. */
        public boolean getReqCorrelate() {
            return core.options().flag(io.jzmtp.SocketOption.REQ_CORRELATE);
        }

        /** REQ: prefix requests with a request id and drop replies without it. Default false. */
        public boolean setReqCorrelate(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.REQ_CORRELATE, value);
        }

        /** REQ: whether a new request may be sent before the reply to the last one. */
        public boolean getReqRelaxed() {
            return core.options().flag(io.jzmtp.SocketOption.REQ_RELAXED);
        }

        /** REQ: allow a new request before the last reply (use with REQ_CORRELATE). Default false. */
        public boolean setReqRelaxed(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.REQ_RELAXED, value);
        }

        /** Whether a receive keeps only the newest queued message. */
        public boolean isConflate() {
            return core.options().flag(io.jzmtp.SocketOption.CONFLATE);
        }

        /** The same as {@link #isConflate()}. */
        public boolean getConflate() {
            return isConflate();
        }

        /** SUB, PULL, DEALER: a receive takes the newest queued message, dropping older ones; no effect on sends. */
        public boolean setConflate(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.CONFLATE, value);
        }

        /** SO_KEEPALIVE: 1 on, 0 off, -1 the OS default. */
        public int getTCPKeepAlive() {
            return core.options().integer(io.jzmtp.SocketOption.TCP_KEEPALIVE);
        }

        /** The same as {@link #getTCPKeepAlive()}. */
        @Deprecated
        public long getTCPKeepAliveSetting() {
            return getTCPKeepAlive();
        }

        /** SO_KEEPALIVE for later connections: 1 on, 0 off, -1 (the default) the OS default. */
        public boolean setTCPKeepAlive(int value) {
            return core.options().integer(io.jzmtp.SocketOption.TCP_KEEPALIVE, value);
        }

        /** {@link #setTCPKeepAlive(int)}; a value beyond int throws {@link ArithmeticException}. */
        @Deprecated
        public boolean setTCPKeepAlive(long value) {
            return setTCPKeepAlive(Math.toIntExact(value));
        }

        /** TCP_KEEPCNT: probes before a dead connection is dropped; -1 = the OS default. */
        public long getTCPKeepAliveCount() {
            return core.options().integer(io.jzmtp.SocketOption.TCP_KEEPALIVE_CNT);
        }

        /** TCP_KEEPCNT for later connections; -1 (the default) = the OS default, else above 0. */
        public boolean setTCPKeepAliveCount(long value) {
            return core.options().integer(io.jzmtp.SocketOption.TCP_KEEPALIVE_CNT, Math.toIntExact(value));
        }

        /** TCP_KEEPIDLE in seconds; -1 = the OS default. */
        public long getTCPKeepAliveIdle() {
            return core.options().integer(io.jzmtp.SocketOption.TCP_KEEPALIVE_IDLE);
        }

        /** TCP_KEEPIDLE in seconds for later connections; -1 (the default) = the OS default. */
        public boolean setTCPKeepAliveIdle(long value) {
            return core.options().integer(io.jzmtp.SocketOption.TCP_KEEPALIVE_IDLE, Math.toIntExact(value));
        }

        /** TCP_KEEPINTVL in seconds; -1 = the OS default. */
        public long getTCPKeepAliveInterval() {
            return core.options().integer(io.jzmtp.SocketOption.TCP_KEEPALIVE_INTVL);
        }

        /** TCP_KEEPINTVL in seconds for later connections; -1 (the default) = the OS default. */
        public boolean setTCPKeepAliveInterval(long value) {
            return core.options().integer(io.jzmtp.SocketOption.TCP_KEEPALIVE_INTVL, Math.toIntExact(value));
        }

        /** SO_SNDBUF in bytes; 0 (the default) leaves the operating system's. */
        public int getSendBufferSize() {
            return core.options().buffer(io.jzmtp.SocketOption.SNDBUF);
        }

        /** SO_SNDBUF in bytes for later connections; 0 (the default) = the OS default; negative throws. */
        public boolean setSendBufferSize(int value) {
            return core.options().buffer(io.jzmtp.SocketOption.SNDBUF, value);
        }

        /** {@link #setSendBufferSize(int)}; a value beyond int throws {@link ArithmeticException}. */
        @Deprecated
        public boolean setSendBufferSize(long value) {
            return setSendBufferSize(Math.toIntExact(value));
        }

        /** SO_RCVBUF in bytes; 0 (the default) leaves the operating system's. */
        public int getReceiveBufferSize() {
            return core.options().buffer(io.jzmtp.SocketOption.RCVBUF);
        }

        /** SO_RCVBUF in bytes for later connections; 0 (the default) = the OS default; negative throws. */
        public boolean setReceiveBufferSize(int value) {
            return core.options().buffer(io.jzmtp.SocketOption.RCVBUF, value);
        }

        /** {@link #setReceiveBufferSize(int)}; a value beyond int throws {@link ArithmeticException}. */
        @Deprecated
        public boolean setReceiveBufferSize(long value) {
            return setReceiveBufferSize(Math.toIntExact(value));
        }

        /**
         * The IPv6 flag, the context's when the socket was made; kept and returned (jzmtp's endpoints do not read it).
         */
        public boolean isIPv6() {
            return core.options().ipv6();
        }

        /** The same as {@link #isIPv6()}. */
        public boolean getIPv6() {
            return isIPv6();
        }

        /** Kept and returned by {@link #isIPv6()}; jzmtp's endpoints do not read it. */
        public boolean setIPv6(boolean value) {
            return core.options().ipv6(value);
        }

        /** The inverse of {@link #isIPv6()}. */
        public boolean getIPv4Only() {
            return !isIPv6();
        }

        /** The same as {@code setIPv6(!value)}. */
        public boolean setIPv4Only(boolean value) {
            return setIPv6(!value);
        }

        /** The value given to {@link #setTos}; 0 by default. */
        public int getTos() {
            return core.options().tos();
        }

        /** Kept and returned; jzmtp does not set IP_TOS. */
        public boolean setTos(int value) {
            return core.options().tos(value);
        }

        /** The value given to {@link #setAffinity}; 0 by default. */
        public long getAffinity() {
            return core.options().affinity();
        }

        /** Kept and returned; jzmtp assigns connections to I/O threads itself. */
        public boolean setAffinity(long value) {
            return core.options().affinity(value);
        }

        /** A SOCKS proxy is not supported by jzmtp: a non-null address throws ENOTSUP. */
        public boolean setSocksProxy(String proxy) {
            return core.options().unsupported("SOCKS_PROXY", proxy != null);
        }

        /** {@link #setSocksProxy(String)} for the address as bytes. */
        public boolean setSocksProxy(byte[] proxy) {
            return core.options().unsupported("SOCKS_PROXY", proxy != null);
        }

        /** Always null: no SOCKS proxy can be set. */
        public String getSocksProxy() {
            return null;
        }

        // pgm's options: JeroMQ keeps them without a pgm transport; so does this drop-in.

        /** pgm's rate in kbit/s, kept and returned; 100 by default. */
        public long getRate() {
            return core.options().rate();
        }

        /** pgm's rate in kbit/s; kept and returned only, as there is no pgm transport. */
        public boolean setRate(long value) {
            return core.options().rate(value);
        }

        /** pgm's recovery interval in ms, kept and returned; 10000 by default. */
        public long getRecoveryInterval() {
            return core.options().recoveryInterval();
        }

        /** pgm's recovery interval in ms; kept and returned only. */
        public boolean setRecoveryInterval(long value) {
            return core.options().recoveryInterval(value);
        }

        /** pgm's multicast hops, kept and returned; 1 by default. */
        public long getMulticastHops() {
            return core.options().multicastHops();
        }

        /** pgm's multicast hops; kept and returned only. */
        public boolean setMulticastHops(long value) {
            return core.options().multicastHops(value);
        }

        /** pgm's multicast loop flag, kept and returned; true by default. */
        public boolean hasMulticastLoop() {
            return core.options().multicastLoop();
        }

        /** pgm's multicast loop flag; kept and returned only. */
        public boolean setMulticastLoop(boolean value) {
            return core.options().multicastLoop(value);
        }

        /** The long-gone SWAP option: always -1. */
        @Deprecated
        public long getSwap() {
            return -1;
        }

        /** The long-gone SWAP option: does nothing and returns false. */
        @Deprecated
        public boolean setSwap(long value) {
            return false;
        }

        // ---- security ----------------------------------------------------------------------------------------------

        /** Whether this socket is a PLAIN server. */
        public boolean getPlainServer() {
            return core.options().flag(io.jzmtp.SocketOption.PLAIN_SERVER);
        }

        /** The same as {@link #getPlainServer()}. */
        public boolean isAsServerPlain() {
            return getPlainServer();
        }

        /** The same as {@link #getPlainServer()}. */
        public boolean getAsServerPlain() {
            return getPlainServer();
        }

        /** Be a PLAIN server for later connections: the context's ZAP handler checks the logins, none refuses all. */
        public boolean setPlainServer(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.PLAIN_SERVER, value);
        }

        /** The same as {@link #setPlainServer(boolean)}. */
        public boolean setAsServerPlain(boolean value) {
            return setPlainServer(value);
        }

        /** The PLAIN user name, or null when this is not a PLAIN client. */
        public String getPlainUsername() {
            return core.options().text(io.jzmtp.SocketOption.PLAIN_USERNAME);
        }

        /** Be a PLAIN client logging in as {@code value} (at most 255 bytes); null or "" = not a PLAIN client. */
        public boolean setPlainUsername(String value) {
            return core.options().text(io.jzmtp.SocketOption.PLAIN_USERNAME, value);
        }

        /** {@link #setPlainUsername(String)} with {@code value} decoded as UTF-8. */
        public boolean setPlainUsername(byte[] value) {
            return setPlainUsername(value == null ? null : new String(value, CHARSET));
        }

        /** The PLAIN password, or null when none is set. */
        public String getPlainPassword() {
            return core.options().text(io.jzmtp.SocketOption.PLAIN_PASSWORD);
        }

        /** The PLAIN client's password (at most 255 bytes); null = none. */
        public boolean setPlainPassword(String value) {
            return core.options().text(io.jzmtp.SocketOption.PLAIN_PASSWORD, value);
        }

        /** {@link #setPlainPassword(String)} with {@code value} decoded as UTF-8. */
        public boolean setPlainPassword(byte[] value) {
            return setPlainPassword(value == null ? null : new String(value, CHARSET));
        }

        /** Whether this socket is a CURVE server. */
        public boolean getCurveServer() {
            return core.options().flag(io.jzmtp.SocketOption.CURVE_SERVER);
        }

        /** The same as {@link #getCurveServer()}. */
        public boolean isAsServerCurve() {
            return getCurveServer();
        }

        /** The same as {@link #getCurveServer()}. */
        public boolean getAsServerCurve() {
            return getCurveServer();
        }

        /** Be a CURVE server for later connections, with the key pair set by {@link #setCurveSecretKey}. */
        public boolean setCurveServer(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.CURVE_SERVER, value);
        }

        /** The same as {@link #setCurveServer(boolean)}. */
        public boolean setAsServerCurve(boolean value) {
            return setCurveServer(value);
        }

        /** This socket's CURVE public key, 32 bytes; null when not set. */
        public byte[] getCurvePublicKey() {
            return core.options().key(io.jzmtp.SocketOption.CURVE_PUBLICKEY);
        }

        /** 32 bytes, or 40 Z85 characters as bytes. */
        public boolean setCurvePublicKey(byte[] key) {
            return core.options().key(io.jzmtp.SocketOption.CURVE_PUBLICKEY, key);
        }

        /** This socket's CURVE secret key, 32 bytes; null when not set. */
        public byte[] getCurveSecretKey() {
            return core.options().key(io.jzmtp.SocketOption.CURVE_SECRETKEY);
        }

        /** This socket's CURVE secret key: 32 bytes, or 40 Z85 characters as bytes. */
        public boolean setCurveSecretKey(byte[] key) {
            return core.options().key(io.jzmtp.SocketOption.CURVE_SECRETKEY, key);
        }

        /** The CURVE server's public key this client expects, 32 bytes; null when not set. */
        public byte[] getCurveServerKey() {
            return core.options().key(io.jzmtp.SocketOption.CURVE_SERVERKEY);
        }

        /** Be a CURVE client of the server with this public key (32 bytes or 40 Z85 characters). */
        public boolean setCurveServerKey(byte[] key) {
            return core.options().key(io.jzmtp.SocketOption.CURVE_SERVERKEY, key);
        }

        /** The ZAP domain; "" when none. */
        public String getZapDomain() {
            return core.engine().get(io.jzmtp.SocketOption.ZAP_DOMAIN);   // "" when none, never null
        }

        /** The same as {@link #getZapDomain()}. */
        public String getZAPDomain() {
            return getZapDomain();
        }

        /** The ZAP domain this server's ZAP requests carry (at most 255 bytes); null or "" = none. */
        public boolean setZapDomain(String domain) {
            return core.options().text(io.jzmtp.SocketOption.ZAP_DOMAIN, domain);
        }

        /** {@link #setZapDomain(String)} with {@code domain} decoded as UTF-8. */
        public boolean setZapDomain(byte[] domain) {
            return setZapDomain(new String(domain, CHARSET));
        }

        /** The same as {@link #setZapDomain(String)}. */
        public boolean setZAPDomain(String domain) {
            return setZapDomain(domain);
        }

        /** The same as {@link #setZapDomain(byte[])}. */
        public boolean setZAPDomain(byte[] domain) {
            return setZapDomain(domain);
        }

        /** The security mechanism the options select. */
        public Mechanism getMechanism() {
            return core.options().mechanism();
        }

        /** The security mechanisms. */
        public enum Mechanism {
            /** No security (RFC 23's NULL mechanism). */
            NULL,
            /** User name and password in clear text (RFC 24). */
            PLAIN,
            /** CurveZMQ encryption and authentication (RFC 25/26). */
            CURVE
        }
    }

    /**
     * Waits for several sockets at once, by index as in JeroMQ: {@link #register} returns the item's index and
     * {@link #unregister} shifts the later ones down. It owns no operating-system resource (no Selector): a poller
     * left unclosed costs only memory, and creating one per loop turn is cheap. Used by one thread at a time.
     */
    public static class Poller implements Closeable {

        /** Poll event bit: a receive would not wait. */
        public static final int POLLIN = 1;
        /** Poll event bit: a send would not wait. */
        public static final int POLLOUT = 2;
        /** Poll event bit for an error; never reported for a socket. */
        public static final int POLLERR = 4;

        private final PollerCore core;

        /** A poller for sockets of {@code context}, sized for 32 items; see {@link Context#poller()}. */
        protected Poller(Context context) {
            this(context, 32);
        }

        /** A poller sized for {@code size} items; a null context is allowed. */
        protected Poller(Context context, int size) {
            this.core = new PollerCore(context == null ? null : context.core(), size);
        }

        /** Registers {@code socket} for {@code events} (POLLIN, POLLOUT, POLLERR bits); returns its index. */
        public int register(Socket socket, int events) {
            return core.register(new PollItem(socket, events));
        }

        /** Registers {@code socket} for POLLIN, POLLOUT and POLLERR; returns its index. */
        public int register(Socket socket) {
            return register(socket, POLLIN | POLLOUT | POLLERR);
        }

        /** Polling a raw channel is not supported by jzmtp-jeromq: throws {@link UnsupportedOperationException}. */
        public int register(java.nio.channels.SelectableChannel channel, int events) {
            return core.register(new PollItem(channel, events));
        }

        /** Registering a raw channel is not supported: throws {@link UnsupportedOperationException}. */
        public int register(java.nio.channels.SelectableChannel channel) {
            return register(channel, POLLIN | POLLOUT | POLLERR);
        }

        /** Registers {@code item}; returns its index. */
        public int register(PollItem item) {
            return core.register(item);
        }

        /** Removes every item of {@code socket}; the items after it move down one index each. */
        public void unregister(Socket socket) {
            core.unregister(socket);
        }

        /** Removes the items of {@code channel} (there are none: channels cannot be registered). */
        public void unregister(java.nio.channels.SelectableChannel channel) {
            core.unregisterChannel(channel);
        }

        /**
         * Waits up to {@code tout} ms (-1 forever, 0 not at all) until an item is ready; returns how many are, 0 on
         * timeout, and -1 when the context was terminated (or the thread interrupted) during the wait.
         */
        public int poll(long tout) {
            return core.poll(tout);
        }

        /** {@link #poll(long)} with the timeout of {@link #setTimeout} (-1 by default). */
        public int poll() {
            return core.poll(core.timeout());
        }

        /** Whether the last poll found item {@code index} readable; false for an unknown index. */
        public boolean pollin(int index) {
            PollItem item = core.item(index);
            return item != null && item.isReadable();
        }

        /** Whether the last poll found item {@code index} writable; false for an unknown index. */
        public boolean pollout(int index) {
            PollItem item = core.item(index);
            return item != null && item.isWritable();
        }

        /** Whether the last poll found an error on item {@code index}; sockets never report one. */
        public boolean pollerr(int index) {
            PollItem item = core.item(index);
            return item != null && item.isError();
        }

        /** The item at {@code index}, or null. */
        public PollItem getItem(int index) {
            return core.item(index);
        }

        /** The socket of the item at {@code index}, or null. */
        public Socket getSocket(int index) {
            PollItem item = core.item(index);
            return item == null ? null : item.getSocket();
        }

        /** The number of items registered. */
        public int getSize() {
            return core.size();
        }

        /** The index the next registered item gets: the same as {@link #getSize()}. */
        @Deprecated
        public int getNext() {
            return core.size();
        }

        /** The timeout in ms of {@link #poll()}; -1 = forever. */
        @Deprecated
        public long getTimeout() {
            return core.timeout();
        }

        /** Sets the timeout in ms of {@link #poll()}; -1 = forever. */
        @Deprecated
        public void setTimeout(long timeout) {
            core.timeout(timeout);
        }

        /** Forgets every item. Idempotent. */
        @Override
        public void close() {
            core.close();
        }
    }

    /** A socket and the events to poll it for, with the events found ready by the last poll. */
    public static class PollItem {

        private final Socket socket;
        private final java.nio.channels.SelectableChannel channel;
        private final int interest;
        private int ready;

        /** An item polling {@code socket} for {@code ops} (POLLIN, POLLOUT, POLLERR bits). */
        public PollItem(Socket socket, int ops) {
            this.socket = socket;
            this.channel = null;
            this.interest = ops;
        }

        /** Polling a raw channel is not supported by jzmtp-jeromq: registering such an item throws. */
        public PollItem(java.nio.channels.SelectableChannel channel, int ops) {
            this.socket = null;
            this.channel = channel;
            this.interest = ops;
        }

        /** The socket polled, or null for a channel item. */
        public Socket getSocket() {
            return socket;
        }

        /** The channel of a channel item, or null for a socket item. */
        public java.nio.channels.SelectableChannel getRawSocket() {
            return channel;
        }

        /** Whether the last poll found POLLIN ready. */
        public boolean isReadable() {
            return (ready & Poller.POLLIN) != 0;
        }

        /** Whether the last poll found POLLOUT ready. */
        public boolean isWritable() {
            return (ready & Poller.POLLOUT) != 0;
        }

        /** Whether the last poll found POLLERR; never for a socket. */
        public boolean isError() {
            return (ready & Poller.POLLERR) != 0;
        }

        /** The events found ready by the last poll. */
        public int readyOps() {
            return ready;
        }

        int interest() {
            return interest;
        }

        void ready(int events) {
            this.ready = events;
        }

        /** Equal to an item for the same socket (or channel) instance, whatever the events. */
        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof PollItem other)) {
                return false;
            }
            return socket != null ? socket == other.socket : channel == other.channel;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(socket != null ? socket : channel);
        }
    }

    /**
     * One event of a monitored socket, as read from the PAIR that {@link Socket#monitor} publishes on. The value is
     * an error number, a retry interval in ms, or null, as the event says.
     */
    public static class Event {

        private final int event;
        private final Object value;
        private final String address;

        /** An event of kind {@code event} (an EVENT_ bit) with its value, at endpoint {@code address}. */
        public Event(int event, Object value, String address) {
            this.event = event;
            this.value = value;
            this.address = address;
        }

        /** The next event from {@code socket}, waiting for it. */
        public static Event recv(Socket socket) {
            return recv(socket, 0);
        }

        /** The next event from {@code socket}; with {@link #DONTWAIT}, null when none is waiting. */
        public static Event recv(Socket socket, int flags) {
            byte[] frame = socket.recv(flags);
            return frame == null ? null : MonitorBridge.decode(frame);
        }

        /** The kind of event: one EVENT_ bit. */
        public int getEvent() {
            return event;
        }

        /** The event's value (an error number, a retry interval in ms, or null). */
        public Object getValue() {
            return value;
        }

        /** The endpoint the event is about. */
        public String getAddress() {
            return address;
        }

        /** Whether the event reports a failure (a failed bind, accept or handshake other than authentication). */
        public boolean isError() {
            return EventValues.isError(event);
        }

        /** Whether the event is a warning: a refused authentication (HANDSHAKE_FAILED_AUTH). */
        public boolean isWarn() {
            return EventValues.isWarn(event);
        }

        /** The value, typed as the caller expects it. */
        @SuppressWarnings("unchecked")
        public <M> M resolveValue() {
            return (M) value;
        }

        @Override
        public String toString() {
            return "ZMQ.Event[" + event + ", " + address + ", " + value + "]";
        }
    }

    /** CURVE keys: generating a key pair and the Z85 encoding (ZeroMQ RFC 32). */
    public static class Curve {

        /** A CURVE key's size in bytes. */
        public static final int KEY_SIZE = 32;
        /** A CURVE key's size in Z85 characters. */
        public static final int KEY_SIZE_Z85 = 40;

        /** Unused: every method is static, as in JeroMQ, which has this public constructor too. */
        public Curve() {
        }

        /** A new key pair, both keys as 40 Z85 characters. */
        public static KeyPair generateKeyPair() {
            CurveKeyPair pair = CurveKeyPair.generate();
            return new KeyPair(Z85.encode(pair.publicKey()), Z85.encode(pair.secretKey()));
        }

        /** The bytes of a Z85 text (length a multiple of 5); null when it is not valid Z85. */
        public static byte[] z85Decode(String key) {
            try {
                return Z85.decode(key);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** The Z85 text of {@code key} (length a multiple of 4); null when the length is not. */
        public static String z85Encode(byte[] key) {
            try {
                return Z85.encode(key);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** A public and a secret key in Z85. */
        public static class KeyPair {

            /** The public key, 40 Z85 characters. */
            public final String publicKey;
            /** The secret key, 40 Z85 characters; keep it private. */
            public final String secretKey;

            /** A pair of Z85 keys, as given (not checked). */
            public KeyPair(String publicKey, String secretKey) {
                this.publicKey = publicKey;
                this.secretKey = secretKey;
            }
        }
    }
}
