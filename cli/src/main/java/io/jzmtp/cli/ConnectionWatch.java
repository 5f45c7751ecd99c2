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
 * peer ever completed its handshake, which peers are connected now, the last problem seen per endpoint ("connection
 * refused", "unknown host 'db1'", a failed handshake), and, for a PLAIN or CURVE client, the servers that refused it.
 */
final class ConnectionWatch implements Consumer<SocketEvent> {

    private final List<String> binds = new CopyOnWriteArrayList<>();
    private final List<String> connects;
    /** PLAIN or CURVE when this socket is a client of that mechanism, else {@code null}. */
    private final String clientMechanism;
    private final Set<String> peers = ConcurrentHashMap.newKeySet();
    private final Map<String, String> problems = new LinkedHashMap<>();
    /** Per endpoint, why its server refused us; kept over reconnects until a handshake there succeeds. */
    private final Map<String, String> refusals = new LinkedHashMap<>();
    /** Where to say at once that a server refused us; {@code null} when the run's end or --verbose says it. */
    private final Console refusalConsole;
    private volatile boolean everConnected;

    /**
     * A watch for the run of {@code inv}. A PLAIN or CURVE client's refusals are reported once, at the end, when the
     * run has a {@code --timeout} to end it; without one (a sender, or a receiver that waits for ever) each is a note
     * on {@code console} when first seen, unless {@code --verbose} shows the events anyway.
     */
    ConnectionWatch(Invocation inv, Console console) {
        this.connects = List.copyOf(inv.connects());
        Security security = inv.security();
        this.clientMechanism = security.isClient() ? security.mechanism() : null;
        this.refusalConsole = inv.timeout() == null && !inv.verbose() ? console : null;
    }

    @Override
    public void accept(SocketEvent event) {
        if (event instanceof SocketEvent.HandshakeSucceeded e) {
            peers.add(e.endpoint() + " " + e.peerAddress());
            everConnected = true;
            problem(e.endpoint(), null);
            refusal(e.endpoint(), null);
        } else if (event instanceof SocketEvent.Disconnected e) {
            peers.remove(e.endpoint() + " " + e.peerAddress());
        } else if (event instanceof SocketEvent.Listening e) {
            binds.add(e.endpoint());   // as bound: with the real port
        } else if (event instanceof SocketEvent.Connected e) {
            problem(e.endpoint(), "the ZMTP handshake did not complete");   // until it does
        } else if (event instanceof SocketEvent.ConnectDelayed e) {
            problem(e.endpoint(), e.reason());
        } else if (event instanceof SocketEvent.HandshakeFailed e) {
            String refusal = clientMechanism == null ? null : Refusal.of(e, clientMechanism);
            if (refusal != null) {
                refusal(e.endpoint(), refusal);
            }
            problem(e.endpoint(), refusal != null ? refusal : "handshake with " + e.peerAddress() + " failed: "
                    + (e.reason() == null ? e.detail() : e.reason() + (e.detail().isEmpty() ? "" : " " + e.detail())));
        }
    }

    private synchronized void problem(String endpoint, String text) {
        put(problems, endpoint, text);
    }

    private synchronized void refusal(String endpoint, String text) {
        String before = refusals.get(endpoint);
        put(refusals, endpoint, text);
        if (text != null && !text.equals(before) && refusalConsole != null) {
            refusalConsole.note(endpoint + ": " + text);
        }
    }

    private static void put(Map<String, String> map, String endpoint, String text) {
        if (text == null) {
            map.remove(endpoint);
        } else {
            map.put(endpoint, text);
        }
    }

    /**
     * The failure when {@code what} ("no reply within 500 ms") did not happen in time: status 1 with the refusals
     * when every server we connect to refused our PLAIN or CURVE handshake, since waiting longer would not help;
     * otherwise a timeout (status 3) that says why no peer is there, after {@code noPeer}.
     */
    CliFailure timedOut(String what, String noPeer) {
        String refused = refusedEverywhere();
        if (refused != null) {
            return CliFailure.failure(refused);
        }
        return CliFailure.timeout(what + (connectedNow() ? "" : " (" + noPeer + whyNoPeer() + ")"));
    }

    /** As {@link #timedOut(String, String)} with nothing before the reason. */
    CliFailure timedOut(String what) {
        return timedOut(what, "");
    }

    /**
     * "no connection to tcp://…: the server refused our CURVE handshake ('400')" when no peer is connected and the
     * server at every endpoint we connect to refused us, else {@code null}.
     */
    synchronized String refusedEverywhere() {
        if (connects.isEmpty() || connectedNow() || !refusals.keySet().containsAll(connects)) {
            return null;
        }
        StringJoiner line = new StringJoiner("; ");
        connects.forEach(endpoint -> line.add("no connection to " + endpoint + ": " + refusals.get(endpoint)));
        return line.toString();
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
