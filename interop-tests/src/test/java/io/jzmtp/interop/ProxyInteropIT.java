package io.jzmtp.interop;

import io.jzmtp.Proxy;
import io.jzmtp.Socket;
import io.jzmtp.SocketType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.jzmtp.interop.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Our {@link Proxy} in the middle, libzmq and JeroMQ peers on both sides:
 * <ul>
 *   <li>a ROUTER/DEALER broker between REQ clients and REP workers: each request comes back to the client that sent
 *   it, and the broker's DEALER shares the requests evenly between the workers;</li>
 *   <li>an XSUB/XPUB forwarder between a libzmq PUB and SUBs with different subscriptions: subscriptions travel up
 *   through the proxy to the publisher, each subscriber gets exactly its topics, and the publisher filters, so what
 *   nobody subscribed to never reaches the proxy (its statistics count exactly what the subscribers got).</li>
 * </ul>
 */
class ProxyInteropIT extends InteropScenario {

    private static final int REQUESTS_PER_CLIENT = 6;

    @Test
    void theirReqClientsOurRouterDealerBrokerTheirRepWorkers_tcp() {
        Socket frontend = ours(SocketType.ROUTER);
        Socket backend = ours(SocketType.DEALER);
        String clientSide = frontend.bind(ANY_PORT);
        String workerSide = backend.bind(ANY_PORT);
        List<Peer> clients = List.of(theirs(PeerKind.LIBZMQ, SocketType.REQ), theirs(PeerKind.JEROMQ, SocketType.REQ));
        List<Peer> workers = List.of(theirs(PeerKind.LIBZMQ, SocketType.REP), theirs(PeerKind.JEROMQ, SocketType.REP));
        for (Peer c : clients) {
            c.connect(clientSide);
        }
        for (Peer w : workers) {
            w.connect(workerSide);
        }
        try (Proxy proxy = Proxy.start(frontend, backend, null, null)) {
            // Until both workers have answered once, the broker may not know both yet.
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            boolean[] served = new boolean[workers.size()];
            int warmUps = 0;
            while (!(served[0] && served[1])) {
                if (System.nanoTime() - deadline > 0) {
                    fail("not every worker got a request within " + TIMEOUT);
                }
                served[roundTrip(clients.get(0), workers, "warm-up " + warmUps++)] = true;
            }

            int[] perWorker = new int[workers.size()];
            for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                for (Peer c : clients) {
                    perWorker[roundTrip(c, workers, c.describe() + " #" + i)]++;
                }
            }
            int total = REQUESTS_PER_CLIENT * clients.size();
            assertEquals(total / 2, perWorker[0], "requests served by " + workers.get(0).describe()
                    + " (round-robin over two workers)");
            assertEquals(total / 2, perWorker[1], "requests served by " + workers.get(1).describe());
            Proxy.Statistics stats = proxy.statistics();
            assertEquals(warmUps + total, stats.frontendMessagesReceived(), "requests through the proxy: " + stats);
            assertEquals(warmUps + total, stats.backendMessagesReceived(), "replies through the proxy: " + stats);
        }
    }

    /** {@code client} asks; whichever worker gets it answers; the client gets that answer. Returns the worker. */
    private static int roundTrip(Peer client, List<Peer> workers, String request) {
        client.send(utf8(request));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            for (int w = 0; w < workers.size(); w++) {
                Peer.Received r = workers.get(w).receive(Duration.ofMillis(10));
                if (r != null) {
                    assertFrames(workers.get(w).describe(), new byte[][] {utf8(request)}, r.frames());
                    workers.get(w).send(utf8("done by " + w), utf8(request));
                    Peer.Received reply = client.receive(TIMEOUT);
                    assertNotNull(reply, client.describe() + " got no reply to " + request);
                    assertFrames(client.describe(), new byte[][] {utf8("done by " + w), utf8(request)},
                            reply.frames());
                    return w;
                }
            }
        }
        return fail("no worker received " + request + " within " + TIMEOUT);
    }

    @Test
    void theirPubOurXsubXpubForwarderTheirSubs_tcp() {
        Peer pub = theirs(PeerKind.LIBZMQ, SocketType.PUB);
        Socket frontend = ours(SocketType.XSUB);
        Socket backend = ours(SocketType.XPUB);
        frontend.connect(pub.bind(ANY_PORT));
        String subSide = backend.bind(ANY_PORT);
        Peer subA = theirs(PeerKind.LIBZMQ, SocketType.SUB);
        Peer subB = theirs(PeerKind.JEROMQ, SocketType.SUB);
        byte[] a = utf8("A");
        byte[] b = utf8("B");
        subA.subscribe(a);
        subB.subscribe(b);
        subA.connect(subSide);
        subB.connect(subSide);
        try (Proxy proxy = Proxy.start(frontend, backend, null, null)) {
            int[] received = new int[2];
            awaitSubscribed(pub, subA, a, received, 0);
            awaitSubscribed(pub, subB, b, received, 1);

            byte[][][] published = {
                {a, utf8("1")}, {utf8("C"), utf8("nobody")}, {b, utf8("2")}, {utf8("AB"), utf8("3")},
                {utf8("C"), utf8("nobody")}, {b, utf8("end")}, {a, utf8("end")},
            };
            for (byte[][] m : published) {
                pub.send(m);
            }
            received[0] += expectAfterSync(subA, List.of(published[0], published[3], published[6]));
            received[1] += expectAfterSync(subB, List.of(published[2], published[5]));

            Proxy.Statistics stats = proxy.statistics();
            assertEquals(received[0] + received[1], stats.frontendMessagesReceived(), "messages that reached our XSUB"
                    + " (nothing for 'C', which nobody subscribed to, may cross the wire): " + stats);
            assertEquals(stats.frontendMessagesReceived(), stats.backendMessagesSent(), "forwarded: " + stats);
        }
    }

    /** Publishes {@code topic sync-N} until {@code sub} gets one; counts what it received. */
    private static void awaitSubscribed(Peer pub, Peer sub, byte[] topic, int[] received, int index) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (int i = 0; ; i++) {
            if (System.nanoTime() - deadline > 0) {
                fail(sub.describe() + " received nothing through the proxy within " + TIMEOUT);
            }
            pub.send(topic, utf8("sync-" + i));
            if (sub.receive(Duration.ofMillis(30)) != null) {
                received[index]++;
                return;
            }
        }
    }

    /** Skips sync messages, then expects exactly {@code expected}; returns how many messages it received in all. */
    private static int expectAfterSync(Peer sub, List<byte[][]> expected) {
        int count = 0;
        Peer.Received r;
        do {
            r = sub.receive(TIMEOUT);
            assertNotNull(r, sub.describe() + " received nothing through the proxy");
            count++;
        } while (new String(r.frames().get(1)).startsWith("sync-"));
        for (int i = 0; i < expected.size(); i++) {
            if (i > 0) {
                r = sub.receive(TIMEOUT);
                assertNotNull(r, sub.describe() + " received only " + i + " of " + expected.size() + " messages");
                count++;
            }
            assertFrames(sub.describe() + " message " + i, expected.get(i), r.frames());
        }
        for (Peer.Received extra : sub.drain(Duration.ofMillis(100))) {
            fail(sub.describe() + " received more: " + show(extra.frames()));
        }
        assertArrayEquals(expected.get(expected.size() - 1)[1], utf8("end"));
        return count;
    }
}
