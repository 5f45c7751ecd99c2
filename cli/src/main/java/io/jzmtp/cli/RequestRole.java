package io.jzmtp.cli;

import io.jzmtp.Socket;
import io.jzmtp.msg.Message;

import java.time.Duration;

/**
 * req: each stdin line is a request; its reply is printed before the next line is read. With {@code --timeout}, a
 * request that no peer takes, or a reply that does not come, ends the run with status 3.
 */
final class RequestRole implements Role {

    @Override
    public int run(Socket socket, Invocation inv, Console console) throws InterruptedException {
        Lines lines = new Lines(inv);
        long replies = 0;
        String line;
        while ((inv.count() == 0 || replies < inv.count()) && (line = console.readLine()) != null) {
            if (replies > 0 && !inv.interval().isZero()) {
                Thread.sleep(inv.interval().toMillis());
            }
            // A REQ with no peer ready (none connected, or a handshake that never finishes) cannot even send:
            // --timeout bounds that wait too, since to the user it is the same missing reply.
            Duration timeout = inv.timeout();
            if (!Exchange.send(socket, lines.parse(line, console.lineNumber()), console, timeout)) {
                throw timeout == null ? CliFailure.failure("request " + console.lineNumber() + " could not be sent")
                        : CliFailure.timeout("no reply within " + timeout.toMillis() + " ms (no peer took the request)");
            }
            try (Message reply = Exchange.receive(socket, inv, "reply")) {
                if (!inv.quiet()) {
                    console.print(lines.format(reply));
                }
            }
            replies++;
        }
        return ExitStatus.OK;
    }
}
