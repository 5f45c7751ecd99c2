package io.jzmtp.cli;

import io.jzmtp.Socket;
import io.jzmtp.UnroutableMessageException;
import io.jzmtp.msg.Message;

import java.time.Duration;

/** The steps every role is made of: read stdin at the set pace, send, and wait for the next message in time. */
final class Exchange {

    private Exchange() {
    }

    /**
     * Sends one message per stdin line until end of input, or until {@code limit} messages (0 = no limit) are sent.
     * Returns how many were sent.
     */
    static long sendLines(Socket socket, Invocation inv, Console console, long limit) throws InterruptedException {
        Lines lines = new Lines(inv);
        long sent = 0;
        String line;
        while ((limit == 0 || sent < limit) && (line = nextLine(inv, console, sent)) != null) {
            if (send(socket, lines.parse(line, console.lineNumber()), console)) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * The next stdin line, or {@code null} at end of input; after the first ({@code done > 0}) it comes only once
     * {@code --interval} has passed.
     */
    static String nextLine(Invocation inv, Console console, long done) throws InterruptedException {
        String line = console.readLine();
        if (line != null && done > 0 && !inv.interval().isZero()) {
            Thread.sleep(inv.interval().toMillis());
        }
        return line;
    }

    /** Sends {@code message}, which the socket then owns; an unknown ROUTER peer is a note, not a failure. */
    static boolean send(Socket socket, Message message, Console console) {
        return send(socket, message, console, null);
    }

    /**
     * Sends {@code message} waiting at most {@code timeout} ({@code null}: the socket's SNDTIMEO). Returns whether it
     * was sent: the socket owns it then; otherwise, whatever happened, it is closed here.
     */
    static boolean send(Socket socket, Message message, Console console, Duration timeout) {
        boolean sent = false;
        try {
            sent = timeout == null ? socket.send(message) : socket.send(message, timeout);
            return sent;
        } catch (UnroutableMessageException e) {
            console.note("message dropped: " + e.getMessage());
            return false;
        } finally {
            if (!sent) {
                message.close();
            }
        }
    }

    /**
     * The next message (the caller owns it); a {@link CliFailure#timeout} when {@code --timeout} passes first, which
     * says why when no peer is connected, or a failure when every server refused our handshake.
     */
    static Message receive(Socket socket, Invocation inv, String what, ConnectionWatch watch) {
        Duration timeout = inv.timeout();
        if (timeout == null) {
            Message message;
            do {
                message = socket.receive();
            } while (message == null);
            return message;
        }
        Message message = socket.receive(timeout);
        if (message == null) {
            throw watch.timedOut("no " + what + " within " + timeout.toMillis() + " ms");
        }
        return message;
    }
}
