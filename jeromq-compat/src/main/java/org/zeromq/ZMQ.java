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

    public static final int PAIR = 0;
    public static final int PUB = 1;
    public static final int SUB = 2;
    public static final int REQ = 3;
    public static final int REP = 4;
    public static final int DEALER = 5;
    public static final int XREQ = DEALER;
    public static final int ROUTER = 6;
    public static final int XREP = ROUTER;
    public static final int PULL = 7;
    public static final int PUSH = 8;
    public static final int XPUB = 9;
    public static final int XSUB = 10;
    public static final int STREAM = 11;
    public static final int STREAMER = 1;
    public static final int FORWARDER = 2;
    public static final int QUEUE = 3;
    public static final int UPSTREAM = PULL;
    public static final int DOWNSTREAM = PUSH;

    public static final int EVENT_CONNECTED = 1;
    public static final int EVENT_CONNECT_DELAYED = 1 << 1;
    public static final int EVENT_DELAYED = EVENT_CONNECT_DELAYED;
    public static final int EVENT_CONNECT_RETRIED = 1 << 2;
    public static final int EVENT_RETRIED = EVENT_CONNECT_RETRIED;
    public static final int EVENT_LISTENING = 1 << 3;
    public static final int EVENT_BIND_FAILED = 1 << 4;
    public static final int EVENT_ACCEPTED = 1 << 5;
    public static final int EVENT_ACCEPT_FAILED = 1 << 6;
    public static final int EVENT_CLOSED = 1 << 7;
    public static final int EVENT_CLOSE_FAILED = 1 << 8;
    public static final int EVENT_DISCONNECTED = 1 << 9;
    public static final int EVENT_MONITOR_STOPPED = 1 << 10;
    public static final int HANDSHAKE_FAILED_NO_DETAIL = 1 << 11;
    public static final int HANDSHAKE_SUCCEEDED = 1 << 12;
    public static final int HANDSHAKE_FAILED_PROTOCOL = 1 << 13;
    public static final int HANDSHAKE_FAILED_AUTH = 1 << 14;
    public static final int EVENT_HANDSHAKE_PROTOCOL = 1 << 15;
    public static final int EVENT_ALL = 0xffff;

    /** The empty delimiter frame of request-reply envelopes. */
    public static final byte[] MESSAGE_SEPARATOR = new byte[0];
    /** The subscription to every message. */
    public static final byte[] SUBSCRIPTION_ALL = new byte[0];
    /** Commands of a steerable proxy's control socket. */
    public static final byte[] PROXY_PAUSE = "PAUSE".getBytes(zmq.ZMQ.CHARSET);
    public static final byte[] PROXY_RESUME = "RESUME".getBytes(zmq.ZMQ.CHARSET);
    public static final byte[] PROXY_TERMINATE = "TERMINATE".getBytes(zmq.ZMQ.CHARSET);

    /** The charset of every String sent or received: UTF-8. */
    public static final Charset CHARSET = zmq.ZMQ.CHARSET;

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

    public static int getMajorVersion() {
        return zmq.ZMQ.ZMQ_VERSION_MAJOR;
    }

    public static int getMinorVersion() {
        return zmq.ZMQ.ZMQ_VERSION_MINOR;
    }

    public static int getPatchVersion() {
        return zmq.ZMQ.ZMQ_VERSION_PATCH;
    }

    /** The version as one number, e.g. 40107 for 4.1.7 (JeroMQ 0.6.0's, which programs compare against). */
    public static int getFullVersion() {
        return makeVersion(getMajorVersion(), getMinorVersion(), getPatchVersion());
    }

    public static int makeVersion(int major, int minor, int patch) {
        return major * 10000 + minor * 100 + patch;
    }

    /** The version as text, e.g. {@code 4.1.7}. */
    public static String getVersionString() {
        return getMajorVersion() + "." + getMinorVersion() + "." + getPatchVersion();
    }

    public static void msleep(long millis) {
        zmq.ZMQ.msleep(millis);
    }

    public static void sleep(long seconds) {
        zmq.ZMQ.sleep(seconds);
    }

    public static void sleep(long amount, TimeUnit unit) {
        zmq.ZMQ.sleep(amount, unit);
    }

    /** JeroMQ's error numbers and their descriptions. */
    public enum Error {
        NOERROR(0, "No error"),
        ENOTSUP(zmq.ZError.ENOTSUP, "Not supported"),
        EPROTONOSUPPORT(zmq.ZError.EPROTONOSUPPORT, "Protocol not supported"),
        ENOBUFS(zmq.ZError.ENOBUFS, "No buffer space available"),
        ENETDOWN(zmq.ZError.ENETDOWN, "Network is down"),
        EADDRINUSE(zmq.ZError.EADDRINUSE, "Address already in use"),
        EADDRNOTAVAIL(zmq.ZError.EADDRNOTAVAIL, "Address not available"),
        ECONNREFUSED(zmq.ZError.ECONNREFUSED, "Connection refused"),
        EINPROGRESS(zmq.ZError.EINPROGRESS, "Operation in progress"),
        EHOSTUNREACH(zmq.ZError.EHOSTUNREACH, "Host unreachable"),
        EMTHREAD(zmq.ZError.EMTHREAD, "No thread available"),
        EFSM(zmq.ZError.EFSM, "Operation cannot be accomplished in current state"),
        ENOCOMPATPROTO(zmq.ZError.ENOCOMPATPROTO, "The protocol is not compatible with the socket type"),
        ETERM(zmq.ZError.ETERM, "Context was terminated"),
        ENOTSOCK(zmq.ZError.ENOTSOCK, "Not a socket"),
        EAGAIN(zmq.ZError.EAGAIN, "Resource unavailable, try again"),
        ENOENT(zmq.ZError.ENOENT, "No such file or directory"),
        EINTR(zmq.ZError.EINTR, "Interrupted function"),
        EACCESS(zmq.ZError.EACCESS, "Permission denied"),
        EFAULT(zmq.ZError.EFAULT, "Bad address"),
        EINVAL(zmq.ZError.EINVAL, "Invalid argument"),
        EISCONN(zmq.ZError.EISCONN, "Socket is connected"),
        ENOTCONN(zmq.ZError.ENOTCONN, "The socket is not connected"),
        EMSGSIZE(zmq.ZError.EMSGSIZE, "Message too large"),
        EAFNOSUPPORT(zmq.ZError.EAFNOSUPPORT, "Address family not supported"),
        ENETUNREACH(zmq.ZError.ENETUNREACH, "Network unreachable"),
        ECONNABORTED(zmq.ZError.ECONNABORTED, "Connection aborted"),
        ECONNRESET(zmq.ZError.ECONNRESET, "Connection reset"),
        ETIMEDOUT(zmq.ZError.ETIMEDOUT, "Connection timed out"),
        ENETRESET(zmq.ZError.ENETRESET, "Connection aborted by network"),
        EIOEXC(zmq.ZError.EIOEXC, "Input/output exception"),
        ESOCKET(zmq.ZError.ESOCKET, "Socket exception"),
        EMFILE(zmq.ZError.EMFILE, "File descriptor value too large"),
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

        public int getCode() {
            return code;
        }

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

        public boolean isTerminated() {
            return core.isTerminated();
        }

        public boolean isClosed() {
            return core.isTerminated();
        }

        /** A Selector for JeroMQ's poll signature; jzmtp polls without one, so this is a plain NIO selector. */
        public Selector selector() {
            return core.selector();
        }

        public boolean close(Selector selector) {
            return core.closeSelector(selector);
        }

        public int getIOThreads() {
            return core.ioThreads();
        }

        /** Fixed when the context is created in jzmtp: returns false. */
        public boolean setIOThreads(int ioThreads) {
            return false;
        }

        public int getMaxSockets() {
            return core.maxSockets();
        }

        public boolean setMaxSockets(int maxSockets) {
            return core.maxSockets(maxSockets);
        }

        public boolean isBlocky() {
            return core.isBlocky();
        }

        public boolean getBlocky() {
            return core.isBlocky();
        }

        /** Whether new sockets linger -1 (blocky, the default) or 0. */
        public boolean setBlocky(boolean blocky) {
            core.blocky(blocky);
            return true;
        }

        public boolean isIPv6() {
            return core.isIpv6();
        }

        public boolean getIPv6() {
            return core.isIpv6();
        }

        public boolean setIPv6(boolean ipv6) {
            core.ipv6(ipv6);
            return true;
        }

        public void setUncaughtExceptionHandler(Thread.UncaughtExceptionHandler handler) {
            core.uncaughtExceptionHandler(handler);
        }

        public Thread.UncaughtExceptionHandler getUncaughtExceptionHandler() {
            return core.uncaughtExceptionHandler();
        }

        public void setNotificationExceptionHandler(Thread.UncaughtExceptionHandler handler) {
            core.notificationExceptionHandler(handler);
        }

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

        protected Socket(Context context, SocketType type) {
            this.core = new SocketCore(context.core(), type, null);
        }

        protected Socket(ZContext context, SocketType type) {
            this.core = new SocketCore(context.getContext().core(), type, context);
        }

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

        public int getType() {
            return core.type().type;
        }

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

        public boolean send(String data) {
            return send(data.getBytes(CHARSET), 0);
        }

        public boolean send(String data, int flags) {
            return send(data.getBytes(CHARSET), flags);
        }

        public boolean sendMore(String data) {
            return send(data.getBytes(CHARSET), SNDMORE);
        }

        public boolean send(byte[] data) {
            return send(data, 0);
        }

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
            byte[] copy = new byte[length];
            System.arraycopy(data, off, copy, 0, length);
            return core.send(Frame.of(copy), flags);
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

        public boolean subscribe(byte[] topic) {
            return core.subscribe(topic, true);
        }

        public boolean subscribe(String topic) {
            return subscribe(topic.getBytes(CHARSET));
        }

        public boolean unsubscribe(byte[] topic) {
            return core.subscribe(topic, false);
        }

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

        public int getLinger() {
            return core.options().linger();
        }

        public boolean setLinger(int value) {
            return core.options().linger(value);
        }

        @Deprecated
        public boolean setLinger(long value) {
            return setLinger(Math.toIntExact(value));
        }

        public int getSndHWM() {
            return core.options().sndHwm();
        }

        public boolean setSndHWM(int value) {
            return core.options().sndHwm(value);
        }

        @Deprecated
        public boolean setSndHWM(long value) {
            return setSndHWM(Math.toIntExact(value));
        }

        public int getRcvHWM() {
            return core.options().rcvHwm();
        }

        public boolean setRcvHWM(int value) {
            return core.options().rcvHwm(value);
        }

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

        @Deprecated
        public boolean setHWM(long value) {
            return setHWM(Math.toIntExact(value));
        }

        public int getReceiveTimeOut() {
            return core.options().receiveTimeout();
        }

        /** Milliseconds a receive waits; -1 forever (the default), 0 never. */
        public boolean setReceiveTimeOut(int value) {
            return core.options().receiveTimeout(value);
        }

        public int getSendTimeOut() {
            return core.options().sendTimeout();
        }

        /** Milliseconds a send waits; -1 forever (the default), 0 never. */
        public boolean setSendTimeOut(int value) {
            return core.options().sendTimeout(value);
        }

        public byte[] getIdentity() {
            return core.options().identity();
        }

        /** The routing id announced to ROUTER peers: 1 to 255 bytes. */
        public boolean setIdentity(byte[] identity) {
            return core.options().identity(identity);
        }

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

        public boolean getImmediate() {
            return isImmediate();
        }

        public boolean setImmediate(boolean value) {
            return core.options().immediate(value);
        }

        public boolean getDelayAttachOnConnect() {
            return !isImmediate();
        }

        /** The same as {@code setImmediate(!value)}. */
        public boolean setDelayAttachOnConnect(boolean value) {
            return setImmediate(!value);
        }

        public int getReconnectIVL() {
            return core.options().reconnectIvl();
        }

        public boolean setReconnectIVL(int value) {
            return core.options().reconnectIvl(value);
        }

        @Deprecated
        public boolean setReconnectIVL(long value) {
            return setReconnectIVL(Math.toIntExact(value));
        }

        public int getReconnectIVLMax() {
            return core.options().reconnectIvlMax();
        }

        public boolean setReconnectIVLMax(int value) {
            return core.options().reconnectIvlMax(value);
        }

        @Deprecated
        public boolean setReconnectIVLMax(long value) {
            return setReconnectIVLMax(Math.toIntExact(value));
        }

        public int getBacklog() {
            return core.options().backlog();
        }

        public boolean setBacklog(int value) {
            return core.options().backlog(value);
        }

        @Deprecated
        public boolean setBacklog(long value) {
            return setBacklog(Math.toIntExact(value));
        }

        public int getHandshakeIvl() {
            return core.options().handshakeIvl();
        }

        public boolean setHandshakeIvl(int value) {
            return core.options().handshakeIvl(value);
        }

        public int getHeartbeatIvl() {
            return core.options().heartbeatIvl();
        }

        public boolean setHeartbeatIvl(int value) {
            return core.options().heartbeatIvl(value);
        }

        public int getHeartbeatTimeout() {
            return core.options().heartbeatTimeout();
        }

        public boolean setHeartbeatTimeout(int value) {
            return core.options().heartbeatTimeout(value);
        }

        public int getHeartbeatTtl() {
            return core.options().heartbeatTtl();
        }

        public boolean setHeartbeatTtl(int value) {
            return core.options().heartbeatTtl(value);
        }

        public byte[] getHeartbeatContext() {
            return core.options().heartbeatContext();
        }

        /** Kept and returned; jzmtp's PINGs carry no context (libzmq's do not either by default). */
        public boolean setHeartbeatContext(byte[] context) {
            return core.options().heartbeatContext(context);
        }

        public long getMaxMsgSize() {
            return core.options().maxMsgSize();
        }

        public boolean setMaxMsgSize(long value) {
            return core.options().maxMsgSize(value);
        }

        public boolean setRouterMandatory(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.ROUTER_MANDATORY, value);
        }

        public boolean setRouterHandover(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.ROUTER_HANDOVER, value);
        }

        /** ROUTER_RAW (a raw TCP ROUTER) is not supported by jzmtp: true throws ENOTSUP. */
        public boolean setRouterRaw(boolean value) {
            return core.options().unsupported("ROUTER_RAW", value);
        }

        public boolean setProbeRouter(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.PROBE_ROUTER, value);
        }

        public boolean setXpubVerbose(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.XPUB_VERBOSE, value);
        }

        public boolean setXpubVerboser(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.XPUB_VERBOSER, value);
        }

        public boolean setXpubNoDrop(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.XPUB_NODROP, value);
        }

        public boolean setXpubManual(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.XPUB_MANUAL, value);
        }

        public boolean getReqCorrelate() {
            return core.options().flag(io.jzmtp.SocketOption.REQ_CORRELATE);
        }

        public boolean setReqCorrelate(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.REQ_CORRELATE, value);
        }

        public boolean getReqRelaxed() {
            return core.options().flag(io.jzmtp.SocketOption.REQ_RELAXED);
        }

        public boolean setReqRelaxed(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.REQ_RELAXED, value);
        }

        public boolean isConflate() {
            return core.options().flag(io.jzmtp.SocketOption.CONFLATE);
        }

        public boolean getConflate() {
            return isConflate();
        }

        public boolean setConflate(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.CONFLATE, value);
        }

        public int getTCPKeepAlive() {
            return core.options().integer(io.jzmtp.SocketOption.TCP_KEEPALIVE);
        }

        @Deprecated
        public long getTCPKeepAliveSetting() {
            return getTCPKeepAlive();
        }

        public boolean setTCPKeepAlive(int value) {
            return core.options().integer(io.jzmtp.SocketOption.TCP_KEEPALIVE, value);
        }

        @Deprecated
        public boolean setTCPKeepAlive(long value) {
            return setTCPKeepAlive(Math.toIntExact(value));
        }

        public long getTCPKeepAliveCount() {
            return core.options().integer(io.jzmtp.SocketOption.TCP_KEEPALIVE_CNT);
        }

        public boolean setTCPKeepAliveCount(long value) {
            return core.options().integer(io.jzmtp.SocketOption.TCP_KEEPALIVE_CNT, Math.toIntExact(value));
        }

        public long getTCPKeepAliveIdle() {
            return core.options().integer(io.jzmtp.SocketOption.TCP_KEEPALIVE_IDLE);
        }

        public boolean setTCPKeepAliveIdle(long value) {
            return core.options().integer(io.jzmtp.SocketOption.TCP_KEEPALIVE_IDLE, Math.toIntExact(value));
        }

        public long getTCPKeepAliveInterval() {
            return core.options().integer(io.jzmtp.SocketOption.TCP_KEEPALIVE_INTVL);
        }

        public boolean setTCPKeepAliveInterval(long value) {
            return core.options().integer(io.jzmtp.SocketOption.TCP_KEEPALIVE_INTVL, Math.toIntExact(value));
        }

        /** SO_SNDBUF in bytes; 0 (the default) leaves the operating system's. */
        public int getSendBufferSize() {
            return core.options().buffer(io.jzmtp.SocketOption.SNDBUF);
        }

        public boolean setSendBufferSize(int value) {
            return core.options().buffer(io.jzmtp.SocketOption.SNDBUF, value);
        }

        @Deprecated
        public boolean setSendBufferSize(long value) {
            return setSendBufferSize(Math.toIntExact(value));
        }

        /** SO_RCVBUF in bytes; 0 (the default) leaves the operating system's. */
        public int getReceiveBufferSize() {
            return core.options().buffer(io.jzmtp.SocketOption.RCVBUF);
        }

        public boolean setReceiveBufferSize(int value) {
            return core.options().buffer(io.jzmtp.SocketOption.RCVBUF, value);
        }

        @Deprecated
        public boolean setReceiveBufferSize(long value) {
            return setReceiveBufferSize(Math.toIntExact(value));
        }

        public boolean isIPv6() {
            return core.options().ipv6();
        }

        public boolean getIPv6() {
            return isIPv6();
        }

        public boolean setIPv6(boolean value) {
            return core.options().ipv6(value);
        }

        public boolean getIPv4Only() {
            return !isIPv6();
        }

        public boolean setIPv4Only(boolean value) {
            return setIPv6(!value);
        }

        public int getTos() {
            return core.options().tos();
        }

        /** Kept and returned; jzmtp does not set IP_TOS. */
        public boolean setTos(int value) {
            return core.options().tos(value);
        }

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

        public boolean setSocksProxy(byte[] proxy) {
            return core.options().unsupported("SOCKS_PROXY", proxy != null);
        }

        public String getSocksProxy() {
            return null;
        }

        // pgm's options: JeroMQ keeps them without a pgm transport; so does this drop-in.

        public long getRate() {
            return core.options().rate();
        }

        public boolean setRate(long value) {
            return core.options().rate(value);
        }

        public long getRecoveryInterval() {
            return core.options().recoveryInterval();
        }

        public boolean setRecoveryInterval(long value) {
            return core.options().recoveryInterval(value);
        }

        public long getMulticastHops() {
            return core.options().multicastHops();
        }

        public boolean setMulticastHops(long value) {
            return core.options().multicastHops(value);
        }

        public boolean hasMulticastLoop() {
            return core.options().multicastLoop();
        }

        public boolean setMulticastLoop(boolean value) {
            return core.options().multicastLoop(value);
        }

        @Deprecated
        public long getSwap() {
            return -1;
        }

        @Deprecated
        public boolean setSwap(long value) {
            return false;
        }

        // ---- security ----------------------------------------------------------------------------------------------

        public boolean getPlainServer() {
            return core.options().flag(io.jzmtp.SocketOption.PLAIN_SERVER);
        }

        public boolean isAsServerPlain() {
            return getPlainServer();
        }

        public boolean getAsServerPlain() {
            return getPlainServer();
        }

        public boolean setPlainServer(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.PLAIN_SERVER, value);
        }

        public boolean setAsServerPlain(boolean value) {
            return setPlainServer(value);
        }

        public String getPlainUsername() {
            return core.options().text(io.jzmtp.SocketOption.PLAIN_USERNAME);
        }

        public boolean setPlainUsername(String value) {
            return core.options().text(io.jzmtp.SocketOption.PLAIN_USERNAME, value);
        }

        public boolean setPlainUsername(byte[] value) {
            return setPlainUsername(value == null ? null : new String(value, CHARSET));
        }

        public String getPlainPassword() {
            return core.options().text(io.jzmtp.SocketOption.PLAIN_PASSWORD);
        }

        public boolean setPlainPassword(String value) {
            return core.options().text(io.jzmtp.SocketOption.PLAIN_PASSWORD, value);
        }

        public boolean setPlainPassword(byte[] value) {
            return setPlainPassword(value == null ? null : new String(value, CHARSET));
        }

        public boolean getCurveServer() {
            return core.options().flag(io.jzmtp.SocketOption.CURVE_SERVER);
        }

        public boolean isAsServerCurve() {
            return getCurveServer();
        }

        public boolean getAsServerCurve() {
            return getCurveServer();
        }

        public boolean setCurveServer(boolean value) {
            return core.options().flag(io.jzmtp.SocketOption.CURVE_SERVER, value);
        }

        public boolean setAsServerCurve(boolean value) {
            return setCurveServer(value);
        }

        public byte[] getCurvePublicKey() {
            return core.options().key(io.jzmtp.SocketOption.CURVE_PUBLICKEY);
        }

        /** 32 bytes, or 40 Z85 characters as bytes. */
        public boolean setCurvePublicKey(byte[] key) {
            return core.options().key(io.jzmtp.SocketOption.CURVE_PUBLICKEY, key);
        }

        public byte[] getCurveSecretKey() {
            return core.options().key(io.jzmtp.SocketOption.CURVE_SECRETKEY);
        }

        public boolean setCurveSecretKey(byte[] key) {
            return core.options().key(io.jzmtp.SocketOption.CURVE_SECRETKEY, key);
        }

        public byte[] getCurveServerKey() {
            return core.options().key(io.jzmtp.SocketOption.CURVE_SERVERKEY);
        }

        public boolean setCurveServerKey(byte[] key) {
            return core.options().key(io.jzmtp.SocketOption.CURVE_SERVERKEY, key);
        }

        public String getZapDomain() {
            return core.options().text(io.jzmtp.SocketOption.ZAP_DOMAIN);
        }

        public String getZAPDomain() {
            return getZapDomain();
        }

        public boolean setZapDomain(String domain) {
            return core.options().text(io.jzmtp.SocketOption.ZAP_DOMAIN, domain);
        }

        public boolean setZapDomain(byte[] domain) {
            return setZapDomain(new String(domain, CHARSET));
        }

        public boolean setZAPDomain(String domain) {
            return setZapDomain(domain);
        }

        public boolean setZAPDomain(byte[] domain) {
            return setZapDomain(domain);
        }

        /** The security mechanism the options select. */
        public Mechanism getMechanism() {
            return core.options().mechanism();
        }

        /** The security mechanisms. */
        public enum Mechanism {
            NULL,
            PLAIN,
            CURVE
        }
    }

    /**
     * Waits for several sockets at once, by index as in JeroMQ: {@link #register} returns the item's index and
     * {@link #unregister} shifts the later ones down. It owns no operating-system resource (no Selector): a poller
     * left unclosed costs only memory, and creating one per loop turn is cheap. Used by one thread at a time.
     */
    public static class Poller implements Closeable {

        public static final int POLLIN = 1;
        public static final int POLLOUT = 2;
        public static final int POLLERR = 4;

        private final PollerCore core;

        protected Poller(Context context) {
            this(context, 32);
        }

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

        public boolean pollin(int index) {
            PollItem item = core.item(index);
            return item != null && item.isReadable();
        }

        public boolean pollout(int index) {
            PollItem item = core.item(index);
            return item != null && item.isWritable();
        }

        public boolean pollerr(int index) {
            PollItem item = core.item(index);
            return item != null && item.isError();
        }

        public PollItem getItem(int index) {
            return core.item(index);
        }

        public Socket getSocket(int index) {
            PollItem item = core.item(index);
            return item == null ? null : item.getSocket();
        }

        public int getSize() {
            return core.size();
        }

        @Deprecated
        public int getNext() {
            return core.size();
        }

        @Deprecated
        public long getTimeout() {
            return core.timeout();
        }

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

        public Socket getSocket() {
            return socket;
        }

        public java.nio.channels.SelectableChannel getRawSocket() {
            return channel;
        }

        public boolean isReadable() {
            return (ready & Poller.POLLIN) != 0;
        }

        public boolean isWritable() {
            return (ready & Poller.POLLOUT) != 0;
        }

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

        public int getEvent() {
            return event;
        }

        public Object getValue() {
            return value;
        }

        public String getAddress() {
            return address;
        }

        /** Whether the event reports a failure. */
        public boolean isError() {
            return switch (event) {
                case EVENT_BIND_FAILED, EVENT_ACCEPT_FAILED, EVENT_CLOSE_FAILED, HANDSHAKE_FAILED_NO_DETAIL,
                        HANDSHAKE_FAILED_PROTOCOL, HANDSHAKE_FAILED_AUTH -> true;
                default -> false;
            };
        }

        /** Whether the event reports something to watch (a lost or retried connection). */
        public boolean isWarn() {
            return event == EVENT_DISCONNECTED || event == EVENT_CONNECT_RETRIED || event == EVENT_CONNECT_DELAYED;
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

        public static final int KEY_SIZE = 32;
        public static final int KEY_SIZE_Z85 = 40;

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

            public final String publicKey;
            public final String secretKey;

            public KeyPair(String publicKey, String secretKey) {
                this.publicKey = publicKey;
                this.secretKey = secretKey;
            }
        }
    }
}
