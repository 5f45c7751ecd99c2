package io.jzmtp.examples;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Zero-copy transfer of large arrays over REQ/REP: seed 004's numpy client and server ({@code send(copy=False)},
 * {@code np.frombuffer(msg.buffer)}). The request is one frame of 1,228,808 bytes: a 480×640×4 image followed by a
 * bounding box of four little-endian uint16 (what {@code bbox_2d.tobytes()} gives on x86). The server answers with
 * the image inverted ({@code 255 - arr}) and the box, in one frame of the same size.
 *
 * <p>No copies in the application: the client wraps its direct {@link ByteBuffer} with {@link Frame#of(ByteBuffer)},
 * the server reads the received frame through {@link Frame#toByteBuffer()} (a view of the network buffer, like
 * {@code msg.buffer}) and writes the reply into a direct buffer that is wrapped the same way. Since
 * {@code 255 - x} is {@code x ^ 0xFF} for a byte, both sides work eight bytes at a time.
 *
 * <p>Three round trips; each reply is checked byte for byte, and the best time is reported, counting both
 * directions.
 */
public final class LargeArrays {

    private static final int HEIGHT = 480;
    private static final int WIDTH = 640;
    private static final int CHANNELS = 4;
    private static final int IMAGE_SIZE = HEIGHT * WIDTH * CHANNELS;   // 1,228,800: a multiple of 8
    private static final int BOX_SIZE = 4 * Short.BYTES;
    private static final int FRAME_SIZE = IMAGE_SIZE + BOX_SIZE;       // 1,228,808
    private static final short[] BOX = {1, 2, 3, 4};                   // the seed's bbox_2d
    private static final int ROUND_TRIPS = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(2);

    private LargeArrays() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(System.out) ? 0 : 1);
    }

    /** Sends the array three times, checks every reply, prints the best time; returns the verdict. */
    public static boolean run(PrintStream out) throws Exception {
        ExecutorService serverThread = Executors.newSingleThreadExecutor();
        try (Context ctx = Context.create();
             Socket rep = ctx.socket(SocketType.REP);
             Socket req = ctx.socket(SocketType.REQ)) {
            rep.set(SocketOption.RCVTIMEO, PATIENCE);
            req.set(SocketOption.RCVTIMEO, PATIENCE);
            req.set(SocketOption.SNDTIMEO, PATIENCE);
            req.connect(rep.bind("tcp://127.0.0.1:*"));
            Future<?> server = serverThread.submit(() -> serve(rep));

            ByteBuffer request = image();
            long best = Long.MAX_VALUE;
            for (int round = 1; round <= ROUND_TRIPS; round++) {
                long start = System.nanoTime();
                // Wrapped, not copied: the buffer is only read from now on, so every round can send it again.
                Message message = Message.of(Frame.of(request));
                if (!req.send(message)) {
                    message.close();   // not sent: still ours
                    out.println("  large arrays: WRONG: round trip " + round + ": the request could not be sent");
                    return false;
                }
                try (Message reply = req.receive()) {
                    long nanos = System.nanoTime() - start;
                    String problem = reply == null ? "no reply" : check(request, reply);
                    if (problem != null) {
                        out.println("  large arrays: WRONG: round trip " + round + ": " + problem);
                        return false;
                    }
                    best = Math.min(best, nanos);
                }
            }
            server.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            double seconds = best / 1e9;
            out.printf("  large arrays: %.1f MB frame round trip in %.1f ms (%.0f MB/s), best of %d, every byte"
                    + " checked ok%n", FRAME_SIZE / 1e6, seconds * 1e3, 2 * FRAME_SIZE / seconds / 1e6, ROUND_TRIPS);
            return true;
        } finally {
            serverThread.shutdownNow();
        }
    }

    /** The request: a direct buffer with a recognisable image and the box, in numpy's byte order. */
    private static ByteBuffer image() {
        ByteBuffer b = ByteBuffer.allocateDirect(FRAME_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < IMAGE_SIZE; i++) {
            b.put(i, (byte) (i * 31 + (i >>> 12)));   // not periodic in any small stride, so shifts are caught
        }
        for (int k = 0; k < BOX.length; k++) {
            b.putShort(IMAGE_SIZE + k * Short.BYTES, BOX[k]);
        }
        return b;
    }

    /** The server: for each request, replies with the image inverted and the box as it was. */
    private static Void serve(Socket rep) {
        for (int round = 0; round < ROUND_TRIPS; round++) {
            try (Message request = rep.receive()) {
                if (request == null) {
                    return null;   // the client gave up; it reports why
                }
                Frame frame = request.first();
                if (request.size() != 1 || frame.size() != FRAME_SIZE) {
                    rep.send("expected one frame of " + FRAME_SIZE + " bytes, got " + request);
                    continue;
                }
                // A view of the received bytes, valid until the request is closed: read, never copied.
                ByteBuffer in = frame.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                int base = in.position();
                ByteBuffer reply = ByteBuffer.allocateDirect(FRAME_SIZE).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < IMAGE_SIZE; i += Long.BYTES) {
                    reply.putLong(i, ~in.getLong(base + i));   // 255 - x, eight bytes at a time
                }
                for (int k = 0; k < BOX.length; k++) {
                    int at = IMAGE_SIZE + k * Short.BYTES;
                    reply.putShort(at, in.getShort(base + at));
                }
                rep.send(Message.of(Frame.of(reply)));
            }
        }
        return null;
    }

    /** Checks every byte of the reply against the request; returns what was wrong, or {@code null}. */
    private static String check(ByteBuffer request, Message reply) {
        if (reply.size() != 1 || reply.first().size() != FRAME_SIZE) {
            return "expected one frame of " + FRAME_SIZE + " bytes, got " + reply;
        }
        ByteBuffer got = reply.first().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int base = got.position();
        for (int i = 0; i < IMAGE_SIZE; i += Long.BYTES) {
            if (got.getLong(base + i) != ~request.getLong(i)) {
                return "image bytes " + i + ".." + (i + 7) + " are not 255 - x";
            }
        }
        for (int k = 0; k < BOX.length; k++) {
            if (got.getShort(base + IMAGE_SIZE + k * Short.BYTES) != BOX[k]) {
                return "bounding box value " + k + " changed";
            }
        }
        return null;
    }
}
