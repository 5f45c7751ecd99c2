package io.jzmtp.cli;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;
import io.jzmtp.transport.BindFailedException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * One {@code jzmtp TYPE} run: a context and a socket, options set before any endpoint, subscriptions, endpoints,
 * then the type's {@link Role}. Closing the socket at the end delivers what is still queued, within LINGER, after a
 * run that succeeded; after a failure or a timeout what is queued is dropped at once.
 */
final class Session {

    private Session() {
    }

    static int run(Invocation inv, Console console) throws InterruptedException {
        try (Context ctx = Context.create(); Socket socket = ctx.socket(inv.type())) {
            try {
                ConnectionWatch watch = new ConnectionWatch(inv, console);
                socket.monitor(watch);
                open(ctx, socket, inv, console);
                return Role.of(inv).run(socket, inv, console, watch);
            } catch (RuntimeException | InterruptedException e) {
                // A failed run promised nothing about what is still queued: waiting LINGER for it would only
                // delay the exit (an abandoned request, lines before an unreadable one).
                socket.set(SocketOption.LINGER, Duration.ZERO);
                throw e;
            }
        }
    }

    /**
     * Options (security included) before any endpoint, as libzmq applies them, subscriptions, the monitor, then the
     * endpoints.
     */
    private static void open(Context ctx, Socket socket, Invocation inv, Console console) {
        for (Invocation.SocketSetting<?> setting : inv.settings()) {
            setting.applyTo(socket);
        }
        inv.security().applyTo(ctx, socket, console, inv.verbose());
        if (inv.security().isClient()) {
            RefusalLogFilter.install();
        }
        if (inv.type() == SocketType.ROUTER) {
            // An unknown routing id on a stdin line is then reported instead of silently dropped.
            socket.set(SocketOption.ROUTER_MANDATORY, true);
        }
        if (inv.verbose()) {
            socket.monitor(new EventPrinter(console));
        }
        if (inv.type() == SocketType.SUB) {
            forEachPrefix(inv.subscriptions(), socket::subscribe);
        }
        for (String endpoint : inv.binds()) {
            endpoint(endpoint, socket::bind);
        }
        for (String endpoint : inv.connects()) {
            endpoint(endpoint, socket::connect);
        }
        if (inv.type() == SocketType.XSUB) {
            // XSUB subscribes by sending messages; the socket re-sends them to every peer that connects later.
            forEachPrefix(inv.subscriptions(), prefix -> {
                if (!Exchange.send(socket, Message.subscription(true, prefix), console)) {
                    throw CliFailure.failure("cannot subscribe to '" + inv.format().text(prefix, 0) + "'");
                }
            });
        }
    }

    private static void forEachPrefix(List<String> prefixes, Consumer<byte[]> action) {
        if (prefixes.isEmpty()) {
            action.accept(new byte[0]);
        }
        for (String prefix : prefixes) {
            action.accept(prefix.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void endpoint(String endpoint, Consumer<String> bindOrConnect) {
        try {
            bindOrConnect.accept(endpoint);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (BindFailedException | IllegalStateException e) {
            throw CliFailure.failure(e.getMessage());
        }
    }
}
