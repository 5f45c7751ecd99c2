package io.jzmtp.cli;

import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;

import java.time.Duration;

/**
 * What becomes of a sender's messages once its input has ended. Queued messages get LINGER to reach a peer (with a
 * note saying why they are waiting when no peer is connected); what is still queued then, and what a publisher sent
 * while no subscriber ever connected, is reported as lost and ends the run with status 1, never silently with 0.
 */
final class Delivery {

    private static final long POLL_MILLIS = 10;

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
    }

    private static String plural(long n) {
        return n + (n == 1 ? " message" : " messages");
    }
}
