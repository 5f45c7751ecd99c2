package io.jzmtp.cli;

import io.jzmtp.Socket;
import io.jzmtp.SocketClosedException;
import io.jzmtp.SocketInterruptedException;
import io.jzmtp.msg.Message;

import java.util.concurrent.atomic.AtomicReference;

/**
 * pair, dealer, router: stdin lines are sent from a second thread while received messages are printed, like netcat.
 * End of input stops sending but not receiving: the run ends at {@code --count} messages received, after
 * {@code --timeout} of silence (exit 3), or when interrupted. A ROUTER's lines start with the peer's routing id.
 */
final class DuplexRole implements Role {

    @Override
    public int run(Socket socket, Invocation inv, Console console, ConnectionWatch watch) {
        Thread receiver = Thread.currentThread();
        AtomicReference<RuntimeException> sendFailure = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try {
                Exchange.sendLines(socket, inv, console, 0);
            } catch (InterruptedException | SocketClosedException e) {
                // the run ended first
            } catch (RuntimeException e) {
                // An unreadable line ends the run: wake the receiving thread, which reports it.
                sendFailure.set(e);
                receiver.interrupt();
            }
        }, "jzmtp-stdin");
        sender.setDaemon(true);
        sender.start();
        try {
            receive(socket, inv, console, watch);
        } catch (SocketInterruptedException e) {
            if (sendFailure.get() == null) {
                throw e;
            }
        } finally {
            Thread.interrupted();   // a late wake-up must not cut short the LINGER of the close that follows
        }
        RuntimeException failed = sendFailure.get();
        if (failed != null) {
            throw failed;
        }
        return ExitStatus.OK;
    }

    private static void receive(Socket socket, Invocation inv, Console console, ConnectionWatch watch) {
        Lines lines = new Lines(inv);
        for (long received = 0; inv.wantsMore(received); received++) {
            try (Message m = Exchange.receive(socket, inv, "message", watch)) {
                if (!inv.quiet()) {
                    console.print(lines.format(m));
                }
            }
        }
    }
}
