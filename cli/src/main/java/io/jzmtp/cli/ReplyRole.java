package io.jzmtp.cli;

import io.jzmtp.Socket;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;

/**
 * rep (and router with {@code --echo}): print each request, then answer it with {@code --reply}'s line or with the
 * request itself. A ROUTER's echo goes back to the peer it came from, since the routing id is the first frame.
 */
final class ReplyRole implements Role {

    @Override
    public int run(Socket socket, Invocation inv, Console console) {
        Lines lines = new Lines(inv);
        byte[][] answer = inv.reply() != null && socket.type() == SocketType.REP ? answer(inv) : null;
        for (long answered = 0; inv.count() == 0 || answered < inv.count(); answered++) {
            Message request = Exchange.receive(socket, inv, "request");
            if (!inv.quiet()) {
                console.print(lines.format(request));
            }
            if (answer != null) {
                request.close();
                Exchange.send(socket, Message.of(answer), console);
            } else {
                Exchange.send(socket, request, console);
            }
        }
        return ExitStatus.OK;
    }

    /** {@code --reply}'s frames, read once; the arrays are shared by every answer and never modified. */
    private static byte[][] answer(Invocation inv) {
        LineFormat format = inv.format();
        try {
            String[] fields = format.fields(inv.reply());
            byte[][] frames = new byte[fields.length][];
            for (int i = 0; i < fields.length; i++) {
                frames[i] = format.decodeField(fields[i]);
            }
            return frames;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--reply: " + e.getMessage());
        }
    }
}
