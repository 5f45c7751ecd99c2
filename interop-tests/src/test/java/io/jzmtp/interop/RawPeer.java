package io.jzmtp.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A hand-written ZMTP peer over a {@link RawConnection}: it greets as ZMTP 3.0 or 3.1 (NULL mechanism), announces a
 * socket type in READY, and then lets a test write frames and see every frame our socket sends, byte for byte. It
 * plays the publisher our SUB connects to, or the subscriber that connects to our PUB, where libzmq and JeroMQ would
 * hide the wire form (SUBSCRIBE command or {@code 01 topic} message) behind their own API.
 */
final class RawPeer implements AutoCloseable {

    private final RawConnection connection;
    private final String label;
    private Runnable pump = () -> { };

    private RawPeer(RawConnection connection, int minor, String socketType) {
        this.connection = connection;
        this.label = "raw ZMTP 3." + minor + " " + socketType;
        connection.send(RawZmtp.greeting(minor), RawZmtp.ready(socketType));
    }

    /** Connects to our socket at {@code endpoint} and greets as 3.{@code minor} {@code socketType}. */
    static RawPeer connect(String endpoint, int minor, String socketType) {
        return new RawPeer(RawConnection.open(endpoint), minor, socketType);
    }

    /** Like {@link #connect(String, int, String)}, with a small SO_RCVBUF so our writes to it back up quickly. */
    static RawPeer connect(String endpoint, int minor, String socketType, int receiveBuffer) {
        return new RawPeer(RawConnection.open(endpoint, receiveBuffer), minor, socketType);
    }

    /** Accepts our socket's next connection on {@code listener} and greets it. */
    static RawPeer accept(Listener listener, int minor, String socketType) {
        return new RawPeer(RawConnection.accept(listener.server, InteropScenario.TIMEOUT), minor, socketType);
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * Has every wait call {@code pump} every 20 ms: libzmq processes a reconnect, or attaches a connection to a bound
     * socket, only when its application calls the socket (see {@link Peer#pump()}).
     */
    RawPeer pumping(Runnable pump) {
        this.pump = pump;
        return this;
    }

    /** Reads until {@code done} holds, in 20 ms slices with the pump in between; null on timeout. */
    private byte[] readUntil(java.util.function.Predicate<byte[]> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            byte[] got = connection.readUntil(done, Duration.ofMillis(20));
            if (got != null || connection.peerClosed() || System.nanoTime() - deadline > 0) {
                return got;
            }
            pump.run();
        }
    }

    /** Writes raw bytes (frames made with {@link RawZmtp}). */
    void send(byte[]... bytes) {
        connection.send(bytes);
    }

    /**
     * Waits for our side's greeting and READY and returns READY's frame; fails if they do not arrive in time or the
     * first frame is not a READY command.
     */
    RawZmtp.WireFrame awaitReady() {
        List<RawZmtp.WireFrame> all = awaitAllFrames(1);
        RawZmtp.WireFrame ready = all.get(0);
        assertTrue(ready.isCommand() && ready.commandName().equals("READY"),
                "our side's first frame to the " + label + " is not READY: " + ready);
        return ready;
    }

    /** The frames our side sent after its READY, so far (reading what is already there, without waiting). */
    List<RawZmtp.WireFrame> framesAfterReady() {
        List<RawZmtp.WireFrame> all = allFrames(connection.received());
        return all.isEmpty() ? List.of() : all.subList(1, all.size());
    }

    /** Waits until our side has sent at least {@code count} frames after READY, and returns all of them. */
    List<RawZmtp.WireFrame> awaitFrames(int count) {
        List<RawZmtp.WireFrame> all = awaitAllFrames(count + 1);
        return all.subList(1, all.size());
    }

    /**
     * Waits until our side has sent at least {@code count} frames after READY, then for a quiet {@code grace} period
     * in which nothing more may arrive; returns exactly what arrived.
     */
    List<RawZmtp.WireFrame> awaitExactly(int count, Duration grace) {
        List<RawZmtp.WireFrame> frames = awaitFrames(count);
        connection.readUntilQuiet(grace);
        List<RawZmtp.WireFrame> after = framesAfterReady();
        assertEquals(count, after.size(), label + " expected exactly " + count + " frame(s) after READY, got "
                + after);
        return frames;
    }

    /**
     * The messages (frames grouped by MORE) our side sent after READY once nothing more has arrived for {@code quiet}.
     * Commands are left out.
     */
    List<List<byte[]>> messagesUntilQuiet(Duration quiet) {
        connection.readUntilQuiet(quiet);
        return messages(framesAfterReady());
    }

    /**
     * Reads until our side has sent a message whose last frame is {@code marker}; returns every message after READY,
     * in order, up to and including it. Fails if it does not arrive within the scenario timeout.
     */
    List<List<byte[]>> messagesUntil(byte[] marker) {
        byte[] got = readUntil(bytes -> endsWithMarker(bytes, marker), InteropScenario.TIMEOUT);
        if (got == null) {
            fail(label + ": the message ending in '" + new String(marker) + "' did not arrive within "
                    + InteropScenario.TIMEOUT + "; received after READY: " + framesAfterReady());
        }
        return messages(framesAfterReady());
    }

    /** Whether our side sends at least one complete message within {@code timeout}. */
    boolean awaitAnyMessage(Duration timeout) {
        return readUntil(bytes -> !messages(safeFrames(bytes)).isEmpty(), timeout) != null;
    }

    /** Whether our side has closed the connection. */
    boolean closedByOurSide() {
        connection.readUntilQuiet(Duration.ofMillis(1));
        return connection.peerClosed();
    }

    private static boolean endsWithMarker(byte[] bytes, byte[] marker) {
        for (List<byte[]> m : messages(safeFrames(bytes))) {
            if (java.util.Arrays.equals(m.get(m.size() - 1), marker)) {
                return true;
            }
        }
        return false;
    }

    private static List<RawZmtp.WireFrame> safeFrames(byte[] bytes) {
        List<RawZmtp.WireFrame> all = allFrames(bytes);
        return all.isEmpty() ? List.of() : all.subList(1, all.size());
    }

    private List<RawZmtp.WireFrame> awaitAllFrames(int count) {
        byte[] got = readUntil(bytes -> allFrames(bytes).size() >= count, InteropScenario.TIMEOUT);
        if (got == null) {
            fail(label + " expected " + (count - 1) + " frame(s) after our side's greeting and READY within "
                    + InteropScenario.TIMEOUT + "; received " + RawZmtp.hex(connection.received())
                    + (connection.peerClosed() ? " (then our side closed)" : ""));
        }
        return allFrames(got);
    }

    /** Every complete frame after the 64-byte greeting, READY first. */
    private static List<RawZmtp.WireFrame> allFrames(byte[] bytes) {
        if (bytes.length < RawZmtp.GREETING_LENGTH) {
            return List.of();
        }
        if ((bytes[0] & 0xff) != 0xff || bytes[10] != 3) {
            throw new AssertionError("our side's greeting is not ZMTP 3: " + RawZmtp.hex(bytes));
        }
        return RawZmtp.frames(bytes, RawZmtp.GREETING_LENGTH);
    }

    /** Message frames grouped into messages by the MORE flag; commands skipped; a trailing partial message left out. */
    static List<List<byte[]>> messages(List<RawZmtp.WireFrame> frames) {
        List<List<byte[]>> messages = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        for (RawZmtp.WireFrame f : frames) {
            if (f.isCommand()) {
                continue;
            }
            current.add(f.body());
            if (!f.hasMore()) {
                messages.add(current);
                current = new ArrayList<>();
            }
        }
        return messages;
    }

    @Override
    public void close() {
        connection.close();
    }

    /** A loopback TCP listener our connecting socket can be pointed at, for a {@link RawPeer} to accept. */
    static final class Listener implements AutoCloseable {
        private final ServerSocket server;

        Listener() {
            try {
                server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on loopback", e);
            }
        }

        /** {@code tcp://127.0.0.1:port}. */
        String endpoint() {
            return "tcp://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                // nothing to do in a test
            }
        }
    }
}
