package io.jzmtp.cli;

import io.jzmtp.Socket;
import io.jzmtp.msg.Message;

/** sub, xsub, pull: print one line per message until {@code --count}, or exit 3 after {@code --timeout} of silence. */
final class ReceiveRole implements Role {

    @Override
    public int run(Socket socket, Invocation inv, Console console, ConnectionWatch watch) {
        Lines lines = new Lines(inv);
        for (long received = 0; inv.wantsMore(received); received++) {
            try (Message m = Exchange.receive(socket, inv, "message", watch)) {
                if (!inv.quiet()) {
                    console.print(lines.format(m));
                }
            }
        }
        return ExitStatus.OK;
    }
}
