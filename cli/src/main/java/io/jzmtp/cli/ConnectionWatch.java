package io.jzmtp.cli;

import io.jzmtp.SocketEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Follows the socket's monitor events so that a run that ends badly can say why without {@code --verbose}: whether a
 * peer ever completed its handshake, which peers are connected now, and the last problem seen per endpoint
 * ("connection refused", "unknown host 'db1'", a failed handshake).
 */
final class ConnectionWatch implements Consumer<SocketEvent> {

    private final List<String> binds = new CopyOnWriteArrayList<>();
    private final List<String> connects;
    private final Set<String> peers = ConcurrentHashMap.newKeySet();
    private final Map<String, String> problems = new LinkedHashMap<>();
    private volatile boolean everConnected;

    ConnectionWatch(Invocation inv) {
        this.connects = List.copyOf(inv.connects());
    }

    @Override
    public void accept(SocketEvent event) {
        if (event instanceof SocketEvent.HandshakeSucceeded e) {
            peers.add(e.endpoint() + " " + e.peerAddress());
            everConnected = true;
            problem(e.endpoint(), null);
        } else if (event instanceof SocketEvent.Disconnected e) {
            peers.remove(e.endpoint() + " " + e.peerAddress());
        } else if (event instanceof SocketEvent.Listening e) {
            binds.add(e.endpoint());   // as bound: with the real port
        } else if (event instanceof SocketEvent.Connected e) {
            problem(e.endpoint(), "the ZMTP handshake did not complete");   // until it does
        } else if (event instanceof SocketEvent.ConnectDelayed e) {
            problem(e.endpoint(), e.reason());
        } else if (event instanceof SocketEvent.HandshakeFailed e) {
            problem(e.endpoint(), "handshake with " + e.peerAddress() + " failed: "
                    + (e.reason() == null ? e.detail() : e.reason() + (e.detail().isEmpty() ? "" : " " + e.detail())));
        }
    }

    private synchronized void problem(String endpoint, String text) {
        if (text == null) {
            problems.remove(endpoint);
        } else {
            problems.put(endpoint, text);
        }
    }

    /** Whether any peer ever completed its handshake. */
    boolean everConnected() {
        return everConnected;
    }

    /** Whether a peer is connected right now. */
    boolean connectedNow() {
        return !peers.isEmpty();
    }

    /**
     * Why there is no peer, in a few words: the problems seen ("connection refused at tcp://…"), or that nobody
     * connected to the bound endpoints, or that no connection completed.
     */
    synchronized String whyNoPeer() {
        StringJoiner why = new StringJoiner("; ");
        problems.forEach((endpoint, problem) -> why.add(problem + " at " + endpoint));
        if (why.length() > 0) {
            return (everConnected ? "the peer went away; " : "never connected: ") + why;
        }
        if (everConnected) {
            return "the peer went away";
        }
        if (connects.isEmpty()) {
            return "no peer connected to " + (binds.isEmpty() ? "this socket" : String.join(", ", binds));
        }
        return "no connection to " + String.join(", ", connects) + " completed";
    }
}
