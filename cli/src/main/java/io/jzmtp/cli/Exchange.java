package io.jzmtp.cli;

import io.jzmtp.Socket;
import io.jzmtp.UnroutableMessageException;
import io.jzmtp.msg.Message;

import java.time.Duration;

/** The two steps every role is made of: send what stdin says, and wait for the next message within the timeout. */
final class Exchange {

    private Exchange() {
    }

    /**
     * Sends one message per stdin line until end of input, or until {@code limit} messages (0 = no limit) are sent,
     * pausing {@code --interval} between sends. Returns how many were sent.
     */
    static long sendLines(Socket socket, Invocation inv, Console console, long limit) throws InterruptedException {
        Lines lines = new Lines(inv);
        long sent = 0;
        String line;
        while ((limit == 0 || sent < limit) && (line = console.readLine()) != null) {
            if (sent > 0 && !inv.interval().isZero()) {
                Thread.sleep(inv.interval().toMillis());
            }
            Message message = lines.parse(line, console.lineNumber());
            if (send(socket, message, console)) {
                sent++;
            }
        }
        return sent;
    }

    /** Sends {@code message}, which the socket then owns; an unknown ROUTER peer is a note, not a failure. */
    static boolean send(Socket socket, Message message, Console console) {
        return send(socket, message, console, null);
    }

    /**
     * Sends {@code message} waiting at most {@code timeout} ({@code null}: the socket's SNDTIMEO). Returns whether it
     * was sent; the socket owns it then, otherwise it is closed here.
     */
    static boolean send(Socket socket, Message message, Console console, Duration timeout) {
        try {
            if (timeout == null ? socket.send(message) : socket.send(message, timeout)) {
                return true;
            }
            message.close();
            return false;
        } catch (UnroutableMessageException e) {
            message.close();
            console.note("message dropped: " + e.getMessage());
            return false;
        }
    }

    /** The next message (the caller owns it); a {@link CliFailure#timeout} when {@code --timeout} passes first. */
    static Message receive(Socket socket, Invocation inv, String what) {
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
            throw CliFailure.timeout("no " + what + " within " + timeout.toMillis() + " ms");
        }
        return message;
    }
}
