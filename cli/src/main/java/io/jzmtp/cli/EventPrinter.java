package io.jzmtp.cli;

import io.jzmtp.SocketEvent;

import java.util.function.Consumer;

/** {@code --verbose}: a socket's connection events as readable lines on stderr. */
final class EventPrinter implements Consumer<SocketEvent> {

    private final Console console;

    EventPrinter(Console console) {
        this.console = console;
    }

    @Override
    public void accept(SocketEvent event) {
        String line = describe(event);
        if (line != null) {
            console.note(line);
        }
    }

    /** The line for {@code event}, or {@code null} for events that say nothing to a user. */
    static String describe(SocketEvent event) {
        if (event instanceof SocketEvent.Listening e) {
            return "listening on " + e.endpoint();
        } else if (event instanceof SocketEvent.BindFailed e) {
            return "cannot bind " + e.endpoint() + ": " + e.reason();
        } else if (event instanceof SocketEvent.Accepted e) {
            return "accepted " + e.peerAddress() + " on " + e.endpoint();
        } else if (event instanceof SocketEvent.AcceptFailed e) {
            return "accept failed on " + e.endpoint() + ": " + e.reason();
        } else if (event instanceof SocketEvent.Connected e) {
            return "connected to " + e.endpoint() + " (" + e.peerAddress() + ")";
        } else if (event instanceof SocketEvent.ConnectDelayed e) {
            return "connect to " + e.endpoint() + " delayed: " + e.reason();
        } else if (event instanceof SocketEvent.ConnectRetried e) {
            return "reconnecting to " + e.endpoint() + " in " + e.retryIn().toMillis() + " ms";
        } else if (event instanceof SocketEvent.HandshakeSucceeded e) {
            return "handshake done with " + e.peerAddress() + " (peer is "
                    + e.peer().socketType().orElse("?") + ") on " + e.endpoint();
        } else if (event instanceof SocketEvent.HandshakeFailed e) {
            return "handshake with " + e.peerAddress() + " on " + e.endpoint() + " failed: " + handshakeFailure(e);
        } else if (event instanceof SocketEvent.Disconnected e) {
            return "disconnected from " + e.peerAddress() + " on " + e.endpoint() + ": "
                    + reason(e.reason() == null ? e.cause().name() : e.cause() + " " + e.reason(), e.detail());
        }
        return null;
    }

    private static String handshakeFailure(SocketEvent.HandshakeFailed e) {
        if (e.reason() != null) {
            return reason(e.reason().name(), e.detail());
        }
        if (e.kind() == SocketEvent.HandshakeFailure.NO_DETAIL) {
            return reason("the connection closed before it completed", e.detail());
        }
        return reason(e.kind().name(), e.detail());
    }

    private static String reason(String what, String detail) {
        return detail == null || detail.isEmpty() ? what : what + " (" + detail + ")";
    }
}
