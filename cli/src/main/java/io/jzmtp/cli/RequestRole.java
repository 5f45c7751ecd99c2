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
    public int run(Socket socket, Invocation inv, Console console, ConnectionWatch watch) throws InterruptedException {
        Lines lines = new Lines(inv);
        Duration timeout = inv.timeout();
        long replies = 0;
        String line;
        while (inv.wantsMore(replies) && (line = Exchange.nextLine(inv, console, replies)) != null) {
            // A REQ with no peer ready (a bound one nobody connected to) cannot even send: --timeout bounds that
            // wait too, since to the user it is the same missing reply.
            if (!Exchange.send(socket, lines.parse(line, console.lineNumber()), console, timeout)) {
                throw timeout == null ? CliFailure.failure("request " + console.lineNumber() + " could not be sent")
                        : watch.timedOut("no reply within " + timeout.toMillis() + " ms", "no peer took the request: ");
            }
            try (Message reply = Exchange.receive(socket, inv, "reply", watch)) {
                if (!inv.quiet()) {
                    console.print(lines.format(reply));
                }
            }
            replies++;
        }
        return ExitStatus.OK;
    }
}
