package io.jzmtp;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.testing.RecordingLeakDetector;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Small helpers shared by the socket tests: pooled messages, free ports, bounded waits, and leak checks. */
final class TestSupport {

    /** How long a test waits for something that should happen promptly on loopback. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private TestSupport() {
    }

    /**
     * A message with one UTF-8 frame per part, in pooled buffers: unlike {@code Message.of(String...)}, which wraps
     * heap arrays that Netty does not track, a pooled message that the library loses is reported by the leak detector.
     */
    static Message pooled(String... parts) {
        Message m = new Message();
        for (String part : parts) {
            m.add(Frame.wrap(ByteBufUtil.writeUtf8(PooledByteBufAllocator.DEFAULT, part)));
        }
        return m;
    }

    /** A pooled single-frame message of {@code size} bytes, all {@code fill}. */
    static Message pooledBytes(int size, byte fill) {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(size);
        for (int i = 0; i < size; i++) {
            b.writeByte(fill);
        }
        return Message.of(Frame.wrap(b));
    }

    /** The frames of {@code m} as text joined with '|'. */
    static String text(Message m) {
        StringJoiner j = new StringJoiner("|");
        for (int i = 0; i < m.size(); i++) {
            j.add(m.frame(i).toUtf8());
        }
        return j.toString();
    }

    /** Receives within {@link #PATIENCE} and returns the text, failing on timeout. */
    static String receiveText(Socket s) {
        try (Message m = s.receive(PATIENCE)) {
            if (m == null) {
                throw new AssertionError("no message within " + PATIENCE + " on " + s);
            }
            return text(m);
        }
    }

    /** Sends within {@link #PATIENCE}, failing on timeout. */
    static void sendOrFail(Socket s, Message m) {
        if (!s.send(m, PATIENCE)) {
            m.close();
            throw new AssertionError("send did not complete within " + PATIENCE + " on " + s);
        }
    }

    /**
     * Closes {@code sockets} in the given order. Tests close receivers before senders when messages may still be in
     * flight, so that what is left unread is released by the receiver's own close rather than depending on the order
     * in which the context closes its sockets.
     */
    static void closeInOrder(Socket... sockets) {
        for (Socket s : sockets) {
            s.close();
        }
    }

    /**
     * Cleanup for tests that stop with messages possibly still in flight to {@code s}: reads and releases them until
     * none arrives for 200 ms, so that the test's own outcome does not depend on how close handles unread messages
     * (which has its own tests).
     */
    static void drainQuietly(Socket s) {
        Message m;
        while ((m = s.receive(Duration.ofMillis(200))) != null) {
            m.close();
        }
    }

    /** A loopback TCP port that was free a moment ago. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port of a {@code tcp://host:port} endpoint. */
    static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    /** The next event of {@code type} from a monitor's queue within {@link #PATIENCE}, skipping others. */
    static <T extends SocketEvent> T nextEvent(BlockingQueue<SocketEvent> events, Class<T> type)
            throws InterruptedException {
        return nextEvent(events, type, PATIENCE);
    }

    /** The next event of {@code type} from a monitor's queue within {@code within}, skipping others. */
    static <T extends SocketEvent> T nextEvent(BlockingQueue<SocketEvent> events, Class<T> type, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            SocketEvent e = events.poll(50, TimeUnit.MILLISECONDS);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " event; left: " + events);
    }

    /** Polls {@code condition} every few milliseconds until it holds, failing after {@code timeout}. */
    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }

    /** Waits until {@code t} is parked (blocked in a socket call), failing after {@link #PATIENCE}. */
    static void awaitParked(Thread t) {
        await(() -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING, PATIENCE,
                t.getName() + " blocks");
    }

    /** Something a leak check runs. */
    interface Scenario {
        void run() throws Exception;
    }

    /**
     * Runs {@code scenario} (which must drop every reference to what it made) and fails if Netty reports a leaked
     * buffer afterwards. Reports that were already pending belong to an earlier test; they fail this one too, saying
     * so, rather than being swallowed.
     */
    static void assertNoLeaks(Scenario scenario) throws Exception {
        List<String> earlier = collectLeaks();
        scenario.run();
        List<String> leaks = collectLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " buffer(s) leaked:\n" + String.join("\n", leaks));
        }
        if (!earlier.isEmpty()) {
            throw new AssertionError("leaks from an EARLIER test surfaced when this one started:\n"
                    + String.join("\n", earlier));
        }
    }

    /**
     * Collects garbage until Netty has had the chance to notice unreleased buffers, and returns (and forgets) the leak
     * reports. Buffers are only reported once collected, so the caller must have dropped every reference.
     */
    static List<String> collectLeaks() throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(20);
            for (int i = 0; i < 128; i++) {
                PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
                PooledByteBufAllocator.DEFAULT.heapBuffer(16).release();
                UnpooledByteBufAllocator.DEFAULT.directBuffer(16).release();
            }
        }
        return RecordingLeakDetector.drain();
    }
}
