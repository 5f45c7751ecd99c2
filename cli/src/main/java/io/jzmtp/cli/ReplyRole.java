package io.jzmtp.cli;

import io.jzmtp.Socket;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;

/**
 * rep (and router with {@code --echo}): answer each request with {@code --reply}'s line or with the request itself,
 * and print it. A ROUTER's echo goes back to the peer it came from, since the routing id is the first frame.
 */
final class ReplyRole implements Role {

    @Override
    public int run(Socket socket, Invocation inv, Console console, ConnectionWatch watch) {
        Lines lines = new Lines(inv);
        // Read once (CommandLine has checked it); the arrays are shared by every answer and never modified.
        byte[][] answer = inv.reply() != null && socket.type() == SocketType.REP ? inv.format().frames(inv.reply())
                : null;
        for (long answered = 0; inv.wantsMore(answered); answered++) {
            Message request = Exchange.receive(socket, inv, "request", watch);
            String shown = inv.quiet() ? null : lines.format(request);
            if (answer != null) {
                request.close();
                Exchange.send(socket, Message.of(answer), console);
            } else {
                Exchange.send(socket, request, console);   // the socket owns the request now
            }
            if (shown != null) {
                console.print(shown);   // after answering, so a slow terminal does not delay the reply
            }
        }
        return ExitStatus.OK;
    }
}
