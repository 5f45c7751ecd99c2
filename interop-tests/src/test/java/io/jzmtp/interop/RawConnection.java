package io.jzmtp.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A plain TCP client on loopback that writes whatever bytes a test gives it and records everything the other side
 * sends, so a test can check how our socket reacts to bad input. Reads always have a deadline.
 */
final class RawConnection implements AutoCloseable {

    private final java.net.Socket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final long connectedAt;
    private long lastSentAt;
    private boolean peerClosed;

    private RawConnection(java.net.Socket socket) {
        this.socket = socket;
        this.connectedAt = System.nanoTime();
        this.lastSentAt = connectedAt;
    }

    /** Connects to {@code endpoint}, which must be {@code tcp://127.0.0.1:port}. */
    static RawConnection open(String endpoint) {
        return open(endpoint, -1);
    }

    /**
     * Connects to {@code endpoint} with SO_RCVBUF set to {@code receiveBuffer} bytes before connecting (-1: the OS
     * default), so that a test that stops reading makes our side's writes back up quickly.
     */
    static RawConnection open(String endpoint, int receiveBuffer) {
        URI uri = URI.create(endpoint);
        if (!"tcp".equals(uri.getScheme()) || !"127.0.0.1".equals(uri.getHost())) {
            throw new IllegalArgumentException("raw connections go to tcp://127.0.0.1 only, not " + endpoint);
        }
        java.net.Socket s = new java.net.Socket();
        try {
            s.setTcpNoDelay(true);
            if (receiveBuffer > 0) {
                s.setReceiveBufferSize(receiveBuffer);
            }
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), uri.getPort()), 5000);
        } catch (IOException e) {
            closeQuietly(s);
            throw new UncheckedIOException("cannot connect to " + endpoint, e);
        }
        return new RawConnection(s);
    }

    /** Accepts the next connection on {@code listener}; fails if none arrives within {@code timeout}. */
    static RawConnection accept(java.net.ServerSocket listener, Duration timeout) {
        try {
            listener.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            java.net.Socket s = listener.accept();
            s.setTcpNoDelay(true);
            return new RawConnection(s);
        } catch (SocketTimeoutException e) {
            return fail("our socket did not connect to the raw listener on port " + listener.getLocalPort()
                    + " within " + timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("accept failed on port " + listener.getLocalPort(), e);
        }
    }

    /** Everything our side sent so far. */
    byte[] received() {
        return received.toByteArray();
    }

    /** Whether our side has closed the connection (as far as reads so far have shown). */
    boolean peerClosed() {
        return peerClosed;
    }

    /**
     * Reads until {@code done} holds for everything received so far; returns that, or {@code null} when the deadline
     * passed or the connection ended first.
     */
    byte[] readUntil(java.util.function.Predicate<byte[]> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(received.toByteArray())) {
            if (!readSome(deadline)) {
                if (peerClosed || deadline - System.nanoTime() <= 0) {
                    return done.test(received.toByteArray()) ? received.toByteArray() : null;
                }
            }
        }
        return received.toByteArray();
    }

    /** Reads whatever arrives until nothing has arrived for {@code quiet}, or the connection ends. */
    byte[] readUntilQuiet(Duration quiet) {
        while (readSome(System.nanoTime() + quiet.toNanos())) {
            // keep reading while bytes keep coming
        }
        return received.toByteArray();
    }

    /** Our local port: the remote port in our socket's view, which its log lines name. */
    int localPort() {
        return socket.getLocalPort();
    }

    /** Writes {@code bytes} and flushes. */
    RawConnection send(byte[]... parts) {
        try {
            for (byte[] p : parts) {
                socket.getOutputStream().write(p);
            }
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("raw write failed (already closed by our side?)", e);
        }
        lastSentAt = System.nanoTime();
        return this;
    }

    /** Half-closes: the other side reads end-of-stream, and may still send to us. */
    void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until at least {@code count} bytes have arrived in total; fails after {@code timeout}. */
    byte[] awaitReceived(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            if (!readSome(deadline)) {
                fail("expected " + count + " bytes from our socket within " + timeout + ", got " + received.size()
                        + (peerClosed ? " before it closed: " : ": ") + RawZmtp.hex(received.toByteArray()));
            }
        }
        return received.toByteArray();
    }

    /**
     * Waits until our side closes the connection (end of stream or reset), reading everything it sends meanwhile;
     * fails if it is still open after {@code timeout}.
     */
    Closed awaitClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!peerClosed) {
            if (!readSome(deadline) && !peerClosed) {
                fail("our socket did not close the connection within " + timeout + "; it sent "
                        + RawZmtp.hex(received.toByteArray()));
            }
        }
        long now = System.nanoTime();
        return new Closed(received.toByteArray(), Duration.ofNanos(now - connectedAt),
                Duration.ofNanos(now - lastSentAt));
    }

    /** Fails if our side closes the connection within {@code period}; reads what it sends meanwhile. */
    void assertStaysOpen(Duration period) {
        long deadline = System.nanoTime() + period.toNanos();
        while (System.nanoTime() - deadline < 0) {
            readSome(deadline);
            if (peerClosed) {
                fail("our socket closed the connection after "
                        + Duration.ofNanos(System.nanoTime() - connectedAt).toMillis() + " ms; expected it open for "
                        + period);
            }
        }
    }

    /**
     * Reads what is available before {@code deadline}. Returns {@code false} when the deadline passed or the
     * connection ended without new bytes.
     */
    private boolean readSome(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || peerClosed) {
            return false;
        }
        byte[] buffer = new byte[8192];
        try {
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
            InputStream in = socket.getInputStream();
            int n = in.read(buffer);
            if (n < 0) {
                peerClosed = true;
                return false;
            }
            received.write(buffer, 0, n);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            peerClosed = true;   // connection reset: closed as well, just abruptly
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(java.net.Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do in a test client
        }
    }

    /**
     * How our side ended the connection.
     *
     * @param sent every byte our side sent
     * @param sinceConnect time from connect to close
     * @param sinceLastSend time from our last write to close
     */
    record Closed(byte[] sent, Duration sinceConnect, Duration sinceLastSend) {
    }
}
