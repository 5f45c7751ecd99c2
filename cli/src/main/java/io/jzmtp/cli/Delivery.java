package io.jzmtp.cli;

import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;

import java.time.Duration;

/**
 * What becomes of a sender's messages once its input has ended. Queued messages get LINGER to reach a peer (with a
 * note saying why they are waiting when no peer is connected); what is still queued then, what a publisher sent
 * while no subscriber ever connected, and what was dropped with a connection whose handshake never completed (a
 * server that refused us) is reported as lost and ends the run with status 1, never silently with 0.
 */
final class Delivery {

    private static final long POLL_MILLIS = 10;
    /** How long the monitor may lag behind the queue in reporting a completed handshake. */
    private static final Duration MONITOR_GRACE = Duration.ofSeconds(2);

    private Delivery() {
    }

    /** Waits for {@code sent} messages to leave the socket; throws {@link CliFailure} naming what was lost and why. */
    static void settle(Socket socket, long sent, ConnectionWatch watch, Console console) throws InterruptedException {
        if (sent == 0) {
            return;
        }
        SocketType type = socket.type();
        if ((type == SocketType.PUB || type == SocketType.XPUB) && !watch.everConnected()) {
            throw CliFailure.failure(plural(sent) + " published to nobody: " + watch.whyNoPeer());
        }
        long queued = socket.statistics().messagesQueued();
        if (queued == 0) {
            requireConnection(sent, watch);
            return;
        }
        Duration linger = socket.get(SocketOption.LINGER);
        boolean forever = linger.equals(SocketOption.INFINITE);
        if (!watch.connectedNow()) {
            console.note("waiting " + (forever ? "for ever" : "up to " + linger.toMillis() + " ms") + " (--linger) to"
                    + " deliver " + plural(queued) + ": " + watch.whyNoPeer());
        }
        long deadline = System.nanoTime() + (forever ? 0 : linger.toNanos());
        while ((queued = socket.statistics().messagesQueued()) > 0 && (forever || System.nanoTime() - deadline < 0)) {
            Thread.sleep(POLL_MILLIS);   // the I/O threads deliver meanwhile; this only watches the count
        }
        if (queued > 0) {
            socket.set(SocketOption.LINGER, Duration.ZERO);   // nothing left to wait for: close drops them at once
            throw CliFailure.failure(queued + " of " + plural(sent) + " not delivered within " + linger.toMillis()
                    + " ms (--linger): " + (watch.connectedNow() ? "the peer did not take them" : watch.whyNoPeer()));
        }
        requireConnection(sent, watch);
    }

    /**
     * Messages leave the queue for a peer only once a handshake completed; when none ever did, they were dropped with
     * their connection (a server that refused our handshake for good). The monitor reports a completed handshake a
     * moment after the queue may have emptied, hence the grace before concluding that, unless every server's
     * refusal is already known.
     */
    private static void requireConnection(long sent, ConnectionWatch watch) throws InterruptedException {
        long deadline = System.nanoTime() + MONITOR_GRACE.toNanos();
        while (!watch.everConnected() && watch.refusedEverywhere() == null && System.nanoTime() - deadline < 0) {
            Thread.sleep(POLL_MILLIS);
        }
        if (!watch.everConnected()) {
            throw CliFailure.failure(plural(sent) + " not delivered: " + watch.whyNoPeer());
        }
    }

    private static String plural(long n) {
        return n + (n == 1 ? " message" : " messages");
    }
}
