package io.jzmtp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault-injection relay for tests: a loopback TCP proxy between a client and {@code 127.0.0.1:targetPort} whose
 * behaviour can be switched at any time. Loopback only, bounded by the connections the test makes, and closed by the
 * test ({@link AutoCloseable}).
 * <ul>
 *   <li>{@link Mode#FORWARD}: bytes flow both ways (optionally delayed, or split into tiny fragments);</li>
 *   <li>{@link Mode#BLACK_HOLE}: connections stay open but nothing is delivered either way — a half-open link, as
 *       after a network fault that no FIN or RST ever reports;</li>
 *   <li>{@link #closeAll()}: every current connection is closed at once.</li>
 * </ul>
 */
public final class FaultRelay implements AutoCloseable {

    /** What the relay does with bytes. */
    public enum Mode { FORWARD, BLACK_HOLE }

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;
    private volatile Mode mode = Mode.FORWARD;
    private volatile long delayMillis;
    private volatile int fragmentSize;
    private volatile boolean closed;

    /** A relay on an ephemeral loopback port, forwarding to {@code targetPort}. */
    public FaultRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "fault-relay-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** {@code tcp://127.0.0.1:port} of the relay. */
    public String endpoint() {
        return "tcp://127.0.0.1:" + port();
    }

    /** How many client connections the relay has accepted so far. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Switches between forwarding and black-holing; applies to current and future connections at once. */
    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Delays every forwarded chunk by {@code millis}. */
    public void delay(long millis) {
        this.delayMillis = millis;
    }

    /** Forwards in chunks of at most {@code bytes} (0 = as read), flushing each: exercises any fragmentation. */
    public void fragment(int bytes) {
        this.fragmentSize = bytes;
    }

    /** Closes every current connection (both halves); new ones are still accepted. */
    public void closeAll() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        closeAll();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(target);
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (mode == Mode.BLACK_HOLE) {
                        continue;   // swallowed: the sender sees an open connection, the receiver hears nothing
                    }
                    if (delayMillis > 0) {
                        Thread.sleep(delayMillis);
                    }
                    int step = fragmentSize > 0 ? fragmentSize : n;
                    for (int off = 0; off < n; off += step) {
                        out.write(buffer, off, Math.min(step, n - off));
                        out.flush();
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the connection ended
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);   // a long soak makes many connections: keep only the live ones
                sockets.remove(to);
            }
        }, "fault-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException | RuntimeException ignored) {
            // closing is best effort
        }
    }

}
