package io.jzmtp.cli;

import io.jzmtp.Socket;
import io.jzmtp.SocketClosedException;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;

/**
 * pub, push, xpub: one message per stdin line. At end of input (or after {@code --count} sends) what is queued gets
 * LINGER to reach a peer; what cannot ends the run with status 1, saying how many messages were lost and why. An
 * XPUB's incoming subscriptions are read so they never pile up, and shown with {@code --verbose}.
 */
final class SendRole implements Role {

    @Override
    public int run(Socket socket, Invocation inv, Console console, ConnectionWatch watch) throws InterruptedException {
        if (socket.type() == SocketType.XPUB) {
            Thread reader = new Thread(() -> readSubscriptions(socket, inv, console), "jzmtp-xpub-subscriptions");
            reader.setDaemon(true);
            reader.start();
        }
        long sent = Exchange.sendLines(socket, inv, console, inv.count());
        Delivery.settle(socket, sent, watch, console);
        return ExitStatus.OK;
    }

    /** Until the socket closes: each {@code [1|0][topic]} message, shown as {@code subscribe 'topic'} or not at all. */
    private static void readSubscriptions(Socket socket, Invocation inv, Console console) {
        LineFormat format = inv.format();
        try {
            while (true) {
                try (Message m = socket.receive()) {
                    if (m != null && inv.verbose() && m.size() == 1 && m.first().size() > 0) {
                        byte[] bytes = m.first().toBytes();
                        console.note((bytes[0] == 1 ? "subscribe '" : "unsubscribe '") + format.text(bytes, 1) + "'");
                    }
                }
            }
        } catch (SocketClosedException closed) {
            // the run is over
        }
    }
}
