package io.jzmtp.interop;

import io.jzmtp.SocketType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.jzmtp.interop.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Request-reply on the wire (ZMTP.md §9) against libzmq and JeroMQ, ours on either end, either side binding: REQ and
 * DEALER clients with REP and ROUTER servers, DEALER ↔ DEALER and ROUTER ↔ ROUTER. Every conversation starts with the
 * seed's hello/world and then sends every sample of {@link Payloads} (multipart, empty frames, 1 MiB) as a request,
 * so that a REP strips, and a REQ expects, exactly one empty delimiter, a ROUTER puts the client's routing id in
 * front (the {@code ROUTING_ID} the client set: the seed's named identities), and frames that are empty themselves
 * are not mistaken for delimiters.
 */
class RequestReplyInteropIT extends InteropScenario {

    private static final byte[] EMPTY = new byte[0];

    // ---- REQ ↔ REP --------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "their {0} REP, {1}")
    @MethodSource("peersAndBinders")
    void theirRepOurReq_tcp(PeerKind kind, Binder binder) {
        requestReply(ourSide(SocketType.REQ), theirSide(kind, SocketType.REP), binder);
    }

    @ParameterizedTest(name = "their {0} REQ, {1}")
    @MethodSource("peersAndBinders")
    void ourRepTheirReq_tcp(PeerKind kind, Binder binder) {
        requestReply(theirSide(kind, SocketType.REQ), ourSide(SocketType.REP), binder);
    }

    // ---- REQ ↔ ROUTER -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "their {0} ROUTER, {1}")
    @MethodSource("peersAndBinders")
    void theirRouterOurReq_tcp(PeerKind kind, Binder binder) {
        requestReply(ourSide(SocketType.REQ), theirSide(kind, SocketType.ROUTER), binder);
    }

    @ParameterizedTest(name = "their {0} REQ, {1}")
    @MethodSource("peersAndBinders")
    void ourRouterTheirReq_tcp(PeerKind kind, Binder binder) {
        requestReply(theirSide(kind, SocketType.REQ), ourSide(SocketType.ROUTER), binder);
    }

    // ---- DEALER ↔ REP -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "their {0} REP, {1}")
    @MethodSource("peersAndBinders")
    void theirRepOurDealer_tcp(PeerKind kind, Binder binder) {
        requestReply(ourSide(SocketType.DEALER), theirSide(kind, SocketType.REP), binder);
    }

    @ParameterizedTest(name = "their {0} DEALER, {1}")
    @MethodSource("peersAndBinders")
    void ourRepTheirDealer_tcp(PeerKind kind, Binder binder) {
        requestReply(theirSide(kind, SocketType.DEALER), ourSide(SocketType.REP), binder);
    }

    // ---- DEALER ↔ ROUTER --------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "their {0} ROUTER, {1}")
    @MethodSource("peersAndBinders")
    void theirRouterOurDealer_tcp(PeerKind kind, Binder binder) {
        requestReply(ourSide(SocketType.DEALER), theirSide(kind, SocketType.ROUTER), binder);
    }

    @ParameterizedTest(name = "their {0} DEALER, {1}")
    @MethodSource("peersAndBinders")
    void ourRouterTheirDealer_tcp(PeerKind kind, Binder binder) {
        requestReply(theirSide(kind, SocketType.DEALER), ourSide(SocketType.ROUTER), binder);
    }

    // ---- DEALER ↔ DEALER, ROUTER ↔ ROUTER ---------------------------------------------------------------------------

    @ParameterizedTest(name = "their {0} DEALER, {1}")
    @MethodSource("peersAndBinders")
    void theirDealerOurDealer_tcp(PeerKind kind, Binder binder) {
        Side ours = ourSide(SocketType.DEALER);
        Side theirs = theirSide(kind, SocketType.DEALER);
        Side.link(ours, theirs, binder);
        for (Payloads.Sample s : Payloads.samples()) {
            ours.send(s.frames());
        }
        for (Payloads.Sample s : Payloads.samples()) {
            expectFrom(theirs, ours, s.toString(), s.frames());
        }
        for (Payloads.Sample s : Payloads.samples()) {
            theirs.send(s.frames());
        }
        for (Payloads.Sample s : Payloads.samples()) {
            expectFrom(ours, theirs, s.toString(), s.frames());
        }
        assertNothingArrives(ours, Duration.ofMillis(50));
    }

    @ParameterizedTest(name = "their {0} ROUTER, {1}")
    @MethodSource("peersAndBinders")
    void theirRouterOurRouter_tcp(PeerKind kind, Binder binder) {
        Side ours = ourSide(SocketType.ROUTER);
        Side theirs = theirSide(kind, SocketType.ROUTER);
        byte[] ourId = utf8("our-router");
        byte[] theirId = utf8("their-router");
        ours.routingId(ourId);
        theirs.routingId(theirId);
        Side.link(ours, theirs, binder);
        Side bound = binder == Binder.OURS ? ours : theirs;
        Side connecting = binder == Binder.OURS ? theirs : ours;
        byte[] boundId = bound == ours ? ourId : theirId;
        byte[] connectingId = bound == ours ? theirId : ourId;

        // The connecting ROUTER can route to the bound one only once the handshake told it the id; until then its
        // messages are dropped (libzmq does the same), so it says hello until one arrives.
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Peer.Received hello = null;
        for (int i = 0; hello == null; i++) {
            if (System.nanoTime() - deadline > 0) {
                fail(bound.describe() + " received no hello from " + connecting.describe() + " within " + TIMEOUT);
            }
            connecting.send(boundId, utf8("hello-" + i));
            hello = bound.receiveWhilePumping(connecting, Duration.ofMillis(30));
        }
        assertArrayEquals(connectingId, hello.frames().get(0), "the routing id the bound ROUTER sees");
        assertEquals(SocketType.ROUTER.name(), hello.peerSocketType());
        for (Peer.Received r = bound.receive(Duration.ofMillis(50)); r != null; r = bound.receive(
                Duration.ofMillis(50))) {
            assertArrayEquals(connectingId, r.frames().get(0), "routing id of a later hello");
        }

        bound.send(connectingId, utf8("world"));
        expectFrom(connecting, bound, "world", boundId, utf8("world"));
        for (Payloads.Sample s : Payloads.samples()) {
            connecting.send(prepend(boundId, s.frames()));
            expectFrom(bound, connecting, s.toString(), prepend(connectingId, s.frames()));
            bound.send(prepend(connectingId, s.frames()));
            expectFrom(connecting, bound, s.toString(), prepend(boundId, s.frames()));
        }
    }

    // ---- the scenario -----------------------------------------------------------------------------------------------

    /**
     * {@code client} (REQ or DEALER, named by ROUTING_ID) asks, {@code server} (REP or ROUTER) answers: the seed's
     * hello/world three times, then every sample of {@link Payloads}.
     */
    private void requestReply(Side client, Side server, Binder binder) {
        byte[] clientId = utf8((client.isOurs() ? "our-" : "their-") + client.type().name().toLowerCase());
        client.routingId(clientId);
        if (client.isOurs()) {
            Side.link(client, server, binder);
        } else {
            Side.link(server, client, binder);
        }
        List<String> names = new ArrayList<>();
        List<byte[][]> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            names.add("hello #" + i);
            requests.add(new byte[][] {utf8("hello")});
        }
        for (Payloads.Sample s : Payloads.samples()) {
            names.add(s.toString());
            requests.add(s.frames());
        }
        for (int i = 0; i < requests.size(); i++) {
            byte[][] request = requests.get(i);
            byte[][] reply = request.length == 1 && Arrays.equals(request[0], utf8("hello"))
                    ? new byte[][] {utf8("world!")} : prepend(utf8("reply #" + i), request);
            roundTrip(client, server, clientId, names.get(i), request, reply);
        }
        if (client.type() == SocketType.DEALER) {   // a REQ may not even ask before it sent a request
            assertNothingArrives(client, Duration.ofMillis(50));
        }
    }

    private static void roundTrip(Side client, Side server, byte[] clientId, String name, byte[][] request,
                                  byte[][] reply) {
        client.send(client.type() == SocketType.DEALER ? prepend(EMPTY, request) : request);

        Peer.Received got = server.receiveWhilePumping(client, TIMEOUT);
        assertNotNull(got, server.describe() + " received no request within " + TIMEOUT + ": " + name);
        assertEquals(client.type().name(), got.peerSocketType(), server.describe() + " reports the client's type");
        byte[][] envelope;
        if (server.type() == SocketType.ROUTER) {
            envelope = new byte[][] {clientId, EMPTY};
            assertFrames(server.describe() + " request " + name + " with its routing envelope",
                    concat(envelope, request), got.frames());
        } else {
            envelope = new byte[0][];
            assertFrames(server.describe() + " request " + name, request, got.frames());
        }

        server.send(concat(envelope, reply));
        Peer.Received answer = client.receiveWhilePumping(server, TIMEOUT);
        assertNotNull(answer, client.describe() + " received no reply within " + TIMEOUT + ": " + name);
        assertEquals(server.type().name(), answer.peerSocketType(), client.describe() + " reports the server's type");
        assertFrames(client.describe() + " reply to " + name,
                client.type() == SocketType.DEALER ? prepend(EMPTY, reply) : reply, answer.frames());
    }

    /** {@code receiver} gets exactly {@code expected} within the timeout, pumping {@code sender}. */
    private static void expectFrom(Side receiver, Side sender, String what, byte[]... expected) {
        Peer.Received r = receiver.receiveWhilePumping(sender, TIMEOUT);
        assertNotNull(r, receiver.describe() + " received nothing within " + TIMEOUT + ", expected " + what);
        assertFrames(receiver.describe() + ", " + what, expected, r.frames());
        assertEquals(sender.type().name(), r.peerSocketType(), receiver.describe() + " reports the sender's type");
    }

    static byte[][] prepend(byte[] first, byte[][] rest) {
        return concat(new byte[][] {first}, rest);
    }

    static byte[][] concat(byte[][] a, byte[][] b) {
        byte[][] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
