package zmq;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The few members of JeroMQ's internal {@code zmq.ZMQ} that programs and tests call directly: the charset, the
 * version numbers and the sleeps. The socket engine itself is jzmtp's.
 */
public final class ZMQ {

    /** The charset of every String sent or received: UTF-8. */
    public static final Charset CHARSET = StandardCharsets.UTF_8;

    /** The version JeroMQ 0.6.0 reports (ZMTP 3.1 as of libzmq 4.1.7). */
    public static final int ZMQ_VERSION_MAJOR = 4;
    /** The minor version reported: 1. */
    public static final int ZMQ_VERSION_MINOR = 1;
    /** The patch version reported: 7. */
    public static final int ZMQ_VERSION_PATCH = 7;

    private ZMQ() {
    }

    /** Sleeps {@code seconds}; an interrupt ends the sleep early and leaves the thread's interrupt status set. */
    public static void sleep(long seconds) {
        sleep(seconds, TimeUnit.SECONDS);
    }

    /** Sleeps {@code millis}; an interrupt ends the sleep early and leaves the thread's interrupt status set. */
    public static void msleep(long millis) {
        sleep(millis, TimeUnit.MILLISECONDS);
    }

    /** Sleeps {@code amount} of {@code unit}; an interrupt ends the sleep early and keeps the interrupt status. */
    public static void sleep(long amount, TimeUnit unit) {
        try {
            unit.sleep(amount);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
