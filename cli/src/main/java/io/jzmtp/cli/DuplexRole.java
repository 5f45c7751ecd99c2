package io.jzmtp.cli;

import io.jzmtp.Socket;
import io.jzmtp.msg.Message;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * pair, dealer, router: stdin lines are sent from a second thread while received messages are printed, like netcat.
 * End of input stops sending but not receiving: the run ends at {@code --count} messages received, after
 * {@code --timeout} of silence (exit 3), or when interrupted. A ROUTER's lines start with the peer's routing id.
 */
final class DuplexRole implements Role {

    /** How often the receiving thread looks up from the socket to notice a failure on the sending side. */
    private static final Duration CHECK_EVERY = Duration.ofMillis(200);

    @Override
    public int run(Socket socket, Invocation inv, Console console) {
        AtomicReference<RuntimeException> sendFailure = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try {
                Exchange.sendLines(socket, inv, console, 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (!socket.isClosed()) {
                    sendFailure.set(e);
                }
            }
        }, "jzmtp-stdin");
        sender.setDaemon(true);
        sender.start();
        return receive(socket, inv, console, sendFailure);
    }

    private static int receive(Socket socket, Invocation inv, Console console,
                               AtomicReference<RuntimeException> sendFailure) {
        Lines lines = new Lines(inv);
        Duration timeout = inv.timeout();
        long silentSince = System.nanoTime();
        long received = 0;
        while (inv.count() == 0 || received < inv.count()) {
            RuntimeException failed = sendFailure.get();
            if (failed != null) {
                throw failed;
            }
            Duration wait = CHECK_EVERY;
            if (timeout != null) {
                long left = timeout.toNanos() - (System.nanoTime() - silentSince);
                if (left <= 0) {
                    throw CliFailure.timeout("no message within " + timeout.toMillis() + " ms");
                }
                wait = Duration.ofNanos(Math.min(left, CHECK_EVERY.toNanos()));
            }
            try (Message m = socket.receive(wait)) {
                if (m == null) {
                    continue;
                }
                if (!inv.quiet()) {
                    console.print(lines.format(m));
                }
            }
            received++;
            silentSince = System.nanoTime();
        }
        return ExitStatus.OK;
    }
}
