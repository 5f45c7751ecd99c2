package org.zeromq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * JeroMQ's UDP discovery beacon. The client side sends the beacon bytes, as they are, in one datagram to
 * {@code host:port} every broadcast interval; the server side listens on {@code port} on every local address and hands
 * each datagram that starts with the prefix, whole (prefix included), to the {@link Listener}. The payload has no
 * header, so beacons of this class and of JeroMQ hear each other.
 *
 * <p>Design: the client is one task on a single-thread {@link ScheduledExecutorService} (thread "ZBeacon Client
 * Thread") that sends and reschedules itself, so a new interval applies from the next beacon; the server is one
 * thread ("ZBeacon Server Thread") blocked on a {@link DatagramChannel}. {@link #stop()} closes both channels and
 * joins both threads. Both threads are daemons, as in JeroMQ. Starting and stopping swap the two sides under this
 * object's lock.
 * The file is longer than the house's 400 lines only because it carries JeroMQ's six constructors and builder with
 * their javadoc; the logic lives in the two small nested sides.
 *
 * <p>Differences from JeroMQ:
 * <ul>
 *   <li>the receiving port is bound by {@link #startServer()} (which throws {@link UncheckedIOException} if it cannot)
 *       and released by {@link #stop()}; JeroMQ binds it in the constructor and never releases it when the server
 *       was not started. So a stopped beacon can be started again here (JeroMQ's server cannot restart);</li>
 *   <li>with no prefix set every beacon is passed on (JeroMQ fails with a NullPointerException on the first one),
 *       and a beacon shorter than the prefix is dropped (JeroMQ's server thread dies on it);</li>
 *   <li>{@link #stop()} never throws a NullPointerException (JeroMQ's can, when one of its threads clears its
 *       field between being interrupted and being joined);</li>
 *   <li>the client socket is not connected, so an ICMP "port unreachable" does not end the client (in JeroMQ it
 *       can, when nothing listens on the port);</li>
 *   <li>a failure of the client (or of the listener, on the server) goes to the uncaught-exception handler given
 *       for that side, as in JeroMQ, and ends that side only.</li>
 * </ul>
 */
public class ZBeacon {
    /** The default time between two beacons, in milliseconds. */
    public static final long DEFAULT_BROADCAST_INTERVAL = 1000L;
    /** The default destination of the beacons: the IPv4 limited-broadcast address. */
    public static final String DEFAULT_BROADCAST_HOST = "255.255.255.255";

    private static final String CLIENT_THREAD = "ZBeacon Client Thread";
    private static final String SERVER_THREAD = "ZBeacon Server Thread";
    // Room for the largest UDP payload, so that no beacon is cut.
    private static final int MAX_DATAGRAM = 65_535;

    private final InetSocketAddress destination;
    private final InetAddress clientInterface;
    private final int port;
    private final boolean ignoreLocalAddress;
    private final AtomicReference<byte[]> beacon = new AtomicReference<>();
    private final AtomicReference<byte[]> prefix = new AtomicReference<>();
    private final AtomicReference<Listener> listener = new AtomicReference<>();
    private final AtomicLong broadcastInterval = new AtomicLong(DEFAULT_BROADCAST_INTERVAL);
    private final AtomicReference<Thread.UncaughtExceptionHandler> clientHandler = new AtomicReference<>();
    private final AtomicReference<Thread.UncaughtExceptionHandler> serverHandler = new AtomicReference<>();

    // Guarded by this.
    private Sender sender;
    private Receiver receiver;

    /** A beacon sending {@code beacon} to {@link #DEFAULT_BROADCAST_HOST} on {@code port}, ignoring local senders. */
    public ZBeacon(int port, byte[] beacon) {
        this(DEFAULT_BROADCAST_HOST, port, beacon);
    }

    /** A beacon sending {@code beacon} to {@code host} on {@code port}, ignoring local senders. */
    public ZBeacon(String host, int port, byte[] beacon) {
        this(host, port, beacon, true);
    }

    /**
     * A beacon sending {@code beacon} to {@code host} on {@code port}. With {@code ignoreLocalAddress}, beacons from
     * a loopback or wildcard address, or from this host's own address ({@link InetAddress#getLocalHost()}), are not
     * passed to the listener.
     */
    public ZBeacon(String host, int port, byte[] beacon, boolean ignoreLocalAddress) {
        this(host, port, beacon, ignoreLocalAddress, false);
    }

    /** As {@link #ZBeacon(String, int, byte[], boolean)}; {@code blocking} is ignored, as in JeroMQ. */
    public ZBeacon(String host, int port, byte[] beacon, boolean ignoreLocalAddress, boolean blocking) {
        this(host, new byte[4], port, beacon, DEFAULT_BROADCAST_INTERVAL, ignoreLocalAddress, blocking);
    }

    /**
     * The full form: beacons go to {@code broadcastAddress:port} from a socket bound to {@code serverAddress} (the
     * local interface to send from; {@code 0.0.0.0} lets the system choose), every {@code broadcastInterval} ms.
     * {@code blocking} is ignored, as in JeroMQ.
     *
     * @throws NullPointerException if an address or the beacon is null
     */
    public ZBeacon(InetAddress broadcastAddress, InetAddress serverAddress, int port, byte[] beacon,
            long broadcastInterval, boolean ignoreLocalAddress, boolean blocking) {
        Objects.requireNonNull(broadcastAddress, "Host cannot be null");
        Objects.requireNonNull(serverAddress, "Server address cannot be null");
        Objects.requireNonNull(beacon, "Beacon cannot be null");
        this.destination = new InetSocketAddress(broadcastAddress, port);
        this.clientInterface = serverAddress;
        this.port = port;
        this.ignoreLocalAddress = ignoreLocalAddress;
        this.beacon.set(beacon.clone());
        this.broadcastInterval.set(broadcastInterval);
    }

    /**
     * As {@link #ZBeacon(InetAddress, InetAddress, int, byte[], long, boolean, boolean)} with the destination by name
     * and the sending interface as raw address bytes.
     *
     * @throws IllegalArgumentException if the name does not resolve or the bytes are no address
     * @deprecated use the {@link Builder}, as in JeroMQ
     */
    @Deprecated
    public ZBeacon(String broadcastAddress, byte[] serverAddress, int port, byte[] beacon, long broadcastInterval,
            boolean ignoreLocalAddress, boolean blocking) {
        this(resolve(Objects.requireNonNull(broadcastAddress, "Host cannot be null")),
                fromBytes(Objects.requireNonNull(serverAddress, "Server address cannot be null")), port, beacon,
                broadcastInterval, ignoreLocalAddress, blocking);
    }

    /** Builds a {@link ZBeacon}; the port and the beacon are required, everything else has JeroMQ's defaults. */
    public static class Builder {
        private InetAddress client = resolve(DEFAULT_BROADCAST_HOST);
        private InetAddress server = fromBytes(new byte[4]);
        private int port;
        private long broadcastInterval = DEFAULT_BROADCAST_INTERVAL;
        private byte[] beacon;
        private boolean ignoreLocalAddress = true;
        private boolean blocking;
        private Listener listener;
        private byte[] prefix;
        private Thread.UncaughtExceptionHandler clientHandler;
        private Thread.UncaughtExceptionHandler serverHandler;

        /** The UDP port beacons are sent to and received on. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The bytes to send (copied at {@link #build()}). */
        public Builder beacon(byte[] beacon) {
            this.beacon = beacon;
            return this;
        }

        /**
         * Where beacons are sent, by name.
         *
         * @throws IllegalArgumentException if the name does not resolve
         * @deprecated use {@link #client(InetAddress)}, as in JeroMQ
         */
        @Deprecated
        public Builder client(String host) {
            this.client = resolve(host);
            return this;
        }

        /** Where beacons are sent (default {@link #DEFAULT_BROADCAST_HOST}). */
        public Builder client(InetAddress host) {
            this.client = host;
            return this;
        }

        /**
         * The local interface beacons are sent from, as 4 or 16 address bytes.
         *
         * @throws IllegalArgumentException if {@code addr} is not 4 or 16 bytes long
         * @deprecated use {@link #server(InetAddress)}, as in JeroMQ
         */
        @Deprecated
        public Builder server(byte[] addr) {
            if (addr.length != 4 && addr.length != 16) {
                throw new IllegalArgumentException("Server Address has to be 4 or 16 bytes long");
            }
            this.server = fromBytes(addr);
            return this;
        }

        /** The local interface beacons are sent from (default {@code 0.0.0.0}: the system chooses). */
        public Builder server(InetAddress addr) {
            this.server = addr;
            return this;
        }

        /** Whether beacons from local addresses are dropped (default true). */
        public Builder ignoreLocalAddress(boolean ignoreLocalAddress) {
            this.ignoreLocalAddress = ignoreLocalAddress;
            return this;
        }

        /**
         * Ignored, as in JeroMQ.
         *
         * @deprecated has no effect
         */
        @Deprecated
        public Builder blocking(boolean blocking) {
            this.blocking = blocking;
            return this;
        }

        /** Milliseconds between two beacons (default {@link #DEFAULT_BROADCAST_INTERVAL}). */
        public Builder broadcastInterval(long broadcastInterval) {
            this.broadcastInterval = broadcastInterval;
            return this;
        }

        /** Who is given the received beacons; without one, {@link ZBeacon#startServer()} does nothing. */
        public Builder listener(Listener listener) {
            this.listener = listener;
            return this;
        }

        /** Only received beacons that start with these bytes (copied) reach the listener. */
        public Builder prefix(byte[] prefix) {
            this.prefix = prefix.clone();
            return this;
        }

        /** Told about failures of the sending side. */
        public Builder setClientUncaughtExceptionHandlers(Thread.UncaughtExceptionHandler clientExHandler) {
            this.clientHandler = clientExHandler;
            return this;
        }

        /** Told about failures of the receiving side, the listener's included. */
        public Builder setServerUncaughtExceptionHandlers(Thread.UncaughtExceptionHandler serverExHandler) {
            this.serverHandler = serverExHandler;
            return this;
        }

        /**
         * A new, stopped beacon.
         *
         * @throws NullPointerException if no beacon was given
         */
        public ZBeacon build() {
            ZBeacon built = new ZBeacon(client, server, port, beacon, broadcastInterval, ignoreLocalAddress, blocking);
            built.listener.set(listener);
            built.prefix.set(prefix);
            built.clientHandler.set(clientHandler);
            built.serverHandler.set(serverHandler);
            return built;
        }
    }

    /** Receives the beacons that passed the filters, on the server thread. */
    public interface Listener {
        /** {@code beacon} is the whole datagram (prefix included) and belongs to the listener. */
        void onBeacon(InetAddress sender, byte[] beacon);
    }

    /**
     * Sets who is told about failures of each side (null: the thread's default handling).
     *
     * @deprecated use the {@link Builder}, as in JeroMQ
     */
    @Deprecated
    public void setUncaughtExceptionHandlers(Thread.UncaughtExceptionHandler clientExHandler,
            Thread.UncaughtExceptionHandler serverExHandler) {
        clientHandler.set(clientExHandler);
        serverHandler.set(serverExHandler);
    }

    /**
     * Starts sending the beacon, the first one at once; does nothing if already sending.
     *
     * @throws UncheckedIOException if the sending socket cannot be opened
     */
    public synchronized void startClient() {
        if (sender == null || !sender.isRunning()) {
            sender = new Sender();
        }
    }

    /**
     * Starts receiving beacons if a listener is set; does nothing if already receiving or without a listener.
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public synchronized void startServer() {
        if (listener.get() != null && (receiver == null || !receiver.thread.isAlive())) {
            receiver = new Receiver();
            receiver.thread.start();
        }
    }

    /** {@link #startClient()}, then {@link #startServer()}. */
    public void start() {
        startClient();
        startServer();
    }

    /**
     * Stops sending and receiving, closes both sockets and waits for both threads to end. May be called from the
     * listener (it then does not wait for its own thread).
     *
     * @throws InterruptedException if the caller is interrupted while waiting
     */
    public void stop() throws InterruptedException {
        Sender stoppingSender;
        Receiver stoppingReceiver;
        // Waits outside the lock, so that a listener calling stop() meanwhile cannot deadlock with this call.
        synchronized (this) {
            stoppingSender = sender;
            stoppingReceiver = receiver;
            sender = null;
            receiver = null;
        }
        if (stoppingSender != null) {
            stoppingSender.stop();
        }
        if (stoppingReceiver != null) {
            stoppingReceiver.stop();
        }
    }

    /**
     * Replaces the bytes sent (copied), from the next beacon on.
     *
     * @throws NullPointerException if {@code beacon} is null
     */
    public void setBeacon(byte[] beacon) {
        this.beacon.set(beacon.clone());
    }

    /** A copy of the bytes sent. */
    public byte[] getBeacon() {
        return beacon.get().clone();
    }

    /** Sets the prefix received beacons must start with (copied); null passes every beacon (JeroMQ throws then). */
    public void setPrefix(byte[] prefix) {
        this.prefix.set(prefix == null ? null : prefix.clone());
    }

    /** A copy of the prefix; empty when none is set (JeroMQ throws a NullPointerException then). */
    public byte[] getPrefix() {
        byte[] current = prefix.get();
        return current == null ? new byte[0] : current.clone();
    }

    /** Sets who is given received beacons; takes effect for the next beacon. */
    public void setListener(Listener listener) {
        this.listener.set(listener);
    }

    /** The listener, or null. */
    public Listener getListener() {
        return listener.get();
    }

    /** Milliseconds between two beacons. */
    public long getBroadcastInterval() {
        return broadcastInterval.get();
    }

    /** Sets the milliseconds between two beacons, from the next one on; values below 1 mean 1. */
    public void setBroadcastInterval(long broadcastInterval) {
        this.broadcastInterval.set(broadcastInterval);
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Invalid broadcast address: " + host, e);
        }
    }

    private static InetAddress fromBytes(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Invalid server address", e);
        }
    }

    private static void report(Thread.UncaughtExceptionHandler handler, Throwable failure) {
        Thread thread = Thread.currentThread();
        // Without a handler, do what an uncaught exception on this thread would do.
        (handler != null ? handler : thread.getUncaughtExceptionHandler()).uncaughtException(thread, failure);
    }

    /** The sending side: one self-rescheduling task, so that a new interval applies from the next beacon. */
    private final class Sender {
        private final DatagramChannel channel;
        private final ScheduledExecutorService executor;
        private volatile Thread thread;

        Sender() {
            try {
                channel = DatagramChannel.open();
                channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
                channel.bind(new InetSocketAddress(clientInterface, 0));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the beacon's sending socket", e);
            }
            executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread created = new Thread(task, CLIENT_THREAD);
                created.setDaemon(true);
                thread = created;
                return created;
            });
            executor.execute(this::send);
        }

        boolean isRunning() {
            return !executor.isShutdown();
        }

        private void send() {
            try {
                channel.send(ByteBuffer.wrap(beacon.get()), destination);
                executor.schedule(this::send, Math.max(1, broadcastInterval.get()), TimeUnit.MILLISECONDS);
            } catch (ClosedChannelException | RejectedExecutionException stopped) {
                // stop() closed the channel or shut the executor down: nothing left to do.
            } catch (IOException | RuntimeException e) {
                executor.shutdown();
                closeQuietly(channel);
                report(clientHandler.get(), e);
            }
        }

        void stop() throws InterruptedException {
            executor.shutdownNow();
            closeQuietly(channel);
            Thread worker = thread;
            // Joining the thread itself, not just awaiting termination: the test for "no beacon thread left" needs it.
            if (worker != null && worker != Thread.currentThread()) {
                worker.join();
            }
        }
    }

    /** The receiving side: one thread blocked on the channel until stop() closes it. */
    private final class Receiver implements Runnable {
        private final DatagramChannel channel;
        private final Thread thread;

        Receiver() {
            try {
                channel = DatagramChannel.open();
                // Several beacons of one host share the port, as in JeroMQ.
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(new InetSocketAddress(port));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind the beacon's port " + port, e);
            }
            thread = new Thread(this, SERVER_THREAD);
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler(serverHandler.get());
        }

        @Override
        public void run() {
            ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
            String localHost = ignoreLocalAddress ? localHostAddress() : null;
            try {
                while (true) {
                    buffer.clear();
                    InetAddress from = ((InetSocketAddress) channel.receive(buffer)).getAddress();
                    buffer.flip();
                    if (!isLocal(from, localHost)) {
                        deliver(from, buffer);
                    }
                }
            } catch (ClosedChannelException stopped) {
                // stop() closed the channel (or interrupted this thread): the normal end.
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                closeQuietly(channel);
            }
        }

        private boolean isLocal(InetAddress from, String localHost) {
            return ignoreLocalAddress && (from.isLoopbackAddress() || from.isAnyLocalAddress()
                    || from.getHostAddress().equals(localHost));
        }

        private void deliver(InetAddress from, ByteBuffer datagram) {
            byte[] wanted = prefix.get();
            Listener target = listener.get();
            if (target == null || wanted != null && !startsWith(datagram, wanted)) {
                return;
            }
            byte[] content = new byte[datagram.remaining()];
            datagram.get(content);
            target.onBeacon(from, content);
        }

        void stop() throws InterruptedException {
            closeQuietly(channel);
            // Also wakes a listener that waits interruptibly.
            thread.interrupt();
            if (thread != Thread.currentThread()) {
                thread.join();
            }
        }
    }

    private static boolean startsWith(ByteBuffer datagram, byte[] wanted) {
        return datagram.remaining() >= wanted.length
                && datagram.slice(datagram.position(), wanted.length).equals(ByteBuffer.wrap(wanted));
    }

    private static String localHostAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            // No resolvable host name: loopback and wildcard senders are still recognised.
            return null;
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a datagram channel has nothing to flush; a failure here loses nothing.
        }
    }
}
