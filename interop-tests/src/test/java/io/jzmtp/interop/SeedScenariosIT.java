package io.jzmtp.interop;

import io.jzmtp.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jzmtp.interop.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The conversations of the seed articles (shared/seeds), with ours, libzmq's and JeroMQ's sockets mixed in one
 * topology. (Topic PUB/SUB with a heartbeat topic and hello/world REQ/REP run for every pair in
 * {@link PubSubInteropIT} and {@link RequestReplyInteropIT}.)
 * <ul>
 *   <li>ventilator → workers → sink: the ventilator's PUSH deals the tasks round-robin, so three workers of three
 *   implementations get exactly a third each, and the sink's PULL collects every result;</li>
 *   <li>ROUTER/DEALER with named identities: a ROUTER answers each named DEALER, and only that one;</li>
 *   <li>one publisher, several subscribers with different topics;</li>
 *   <li>the first seed's silent-disconnect worry: when their publisher restarts, our SUB reconnects and subscribes
 *   again by itself, so the heartbeat comes back without the seed's reconnect loop.</li>
 * </ul>
 */
class SeedScenariosIT extends InteropScenario {

    private static final int TASKS_PER_WORKER = 10;

    /** A worker: a PULL from the ventilator and a PUSH to the sink, driven by the test thread. */
    private record Worker(String name, Side tasks, Side results) {
    }

    @Test
    void ourVentilatorAndSinkWithLibzmqJeromqAndOurWorkers_tcp() {
        pipeline(ourSide(SocketType.PUSH), ourSide(SocketType.PULL), ourSide(SocketType.PUSH), List.of(
                new Worker("libzmq", theirSide(PeerKind.LIBZMQ, SocketType.PULL),
                        theirSide(PeerKind.LIBZMQ, SocketType.PUSH)),
                new Worker("JeroMQ", theirSide(PeerKind.JEROMQ, SocketType.PULL),
                        theirSide(PeerKind.JEROMQ, SocketType.PUSH)),
                new Worker("jzmtp", ourSide(SocketType.PULL), ourSide(SocketType.PUSH))));
    }

    @Test
    void libzmqVentilatorAndSinkWithOurAndJeromqWorkers_tcp() {
        pipeline(theirSide(PeerKind.LIBZMQ, SocketType.PUSH), theirSide(PeerKind.LIBZMQ, SocketType.PULL),
                theirSide(PeerKind.LIBZMQ, SocketType.PUSH), List.of(
                        new Worker("jzmtp-1", ourSide(SocketType.PULL), ourSide(SocketType.PUSH)),
                        new Worker("JeroMQ", theirSide(PeerKind.JEROMQ, SocketType.PULL),
                                theirSide(PeerKind.JEROMQ, SocketType.PUSH)),
                        new Worker("jzmtp-2", ourSide(SocketType.PULL), ourSide(SocketType.PUSH))));
    }

    /**
     * The seed's pipeline: the ventilator binds, the sink binds, the workers connect to both; the ventilator tells the
     * sink "0" (start of batch) through its own PUSH, then sends the tasks.
     */
    private void pipeline(Side ventilator, Side sink, Side starter, List<Worker> workers) {
        String taskEndpoint = ventilator.bind();
        String resultEndpoint = sink.bind();
        starter.connect(resultEndpoint);
        for (Worker w : workers) {
            w.tasks().connect(taskEndpoint);
            w.results().connect(resultEndpoint);
        }
        awaitEveryWorkerKnown(ventilator, workers);
        starter.send(utf8("0"));
        expectMessage(sink, "the start of the batch", utf8("0"));
        int tasks = TASKS_PER_WORKER * workers.size();
        for (int t = 0; t < tasks; t++) {
            ventilator.send(utf8(Integer.toString(t % 5 + 1)));   // the seed's workload in seconds, as text
        }
        int[] perWorker = new int[workers.size()];
        for (int w = 0; w < workers.size(); w++) {
            Worker worker = workers.get(w);
            for (Peer.Received r = worker.tasks().receive(Duration.ofMillis(300)); r != null;
                    r = worker.tasks().receive(Duration.ofMillis(100))) {
                String workload = new String(r.frames().get(0));
                if (workload.equals("probe")) {
                    continue;
                }
                perWorker[w]++;
                worker.results().send(utf8(worker.name() + " finished a task, took " + workload + " s"));
            }
        }
        for (int w = 0; w < workers.size(); w++) {
            assertEquals(TASKS_PER_WORKER, perWorker[w], "tasks dealt to worker " + workers.get(w).name()
                    + " (round-robin; all: " + java.util.Arrays.toString(perWorker) + ")");
        }
        assertResultsPerWorker(sink, workers, tasks);
        assertNothingArrives(sink, Duration.ofMillis(50));
    }

    /**
     * The seed waits for "Enter when the workers are ready"; here: probe tasks until each worker has had one, so that
     * the ventilator knows all of them before the real batch (else the first to connect gets it all).
     */
    private static void awaitEveryWorkerKnown(Side ventilator, List<Worker> workers) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        boolean[] probed = new boolean[workers.size()];
        for (int i = 0; !all(probed); i++) {
            if (System.nanoTime() - deadline > 0) {
                fail("not every worker got a probe within " + TIMEOUT + ": " + java.util.Arrays.toString(probed));
            }
            ventilator.send(utf8("probe"));
            for (int w = 0; w < workers.size(); w++) {
                for (Peer.Received r = workers.get(w).tasks().receive(Duration.ofMillis(5)); r != null;
                        r = workers.get(w).tasks().receive(Duration.ofMillis(5))) {
                    probed[w] = true;
                }
            }
        }
        for (Worker w : workers) {
            w.tasks().receive(Duration.ofMillis(50));   // a last probe may still be on its way
        }
    }

    /** The sink collects {@code tasks} results, a third from each worker (fair queueing loses none). */
    private static void assertResultsPerWorker(Side sink, List<Worker> workers, int tasks) {
        int[] results = new int[workers.size()];
        for (int i = 0; i < tasks; i++) {
            Peer.Received r = sink.receive(TIMEOUT);
            assertNotNull(r, sink.describe() + " got " + i + " of " + tasks + " results");
            String text = new String(r.frames().get(0));
            for (int w = 0; w < workers.size(); w++) {
                if (text.startsWith(workers.get(w).name() + " ")) {
                    results[w]++;
                }
            }
        }
        for (int w = 0; w < workers.size(); w++) {
            assertEquals(TASKS_PER_WORKER, results[w], "results from " + workers.get(w).name());
        }
    }

    private static boolean all(boolean[] flags) {
        for (boolean f : flags) {
            if (!f) {
                return false;
            }
        }
        return true;
    }

    // ---- ROUTER/DEALER with named identities -------------------------------------------------------------------------

    @Test
    void ourRouterAnswersNamedLibzmqJeromqAndOurDealers_tcp() {
        namedDealers(ourSide(SocketType.ROUTER), List.of(theirSide(PeerKind.LIBZMQ, SocketType.DEALER),
                theirSide(PeerKind.JEROMQ, SocketType.DEALER), ourSide(SocketType.DEALER)));
    }

    @ParameterizedTest(name = "their {0} ROUTER")
    @EnumSource(PeerKind.class)
    void theirRouterAnswersOurNamedDealers_tcp(PeerKind kind) {
        namedDealers(theirSide(kind, SocketType.ROUTER), List.of(ourSide(SocketType.DEALER),
                ourSide(SocketType.DEALER), ourSide(SocketType.DEALER)));
    }

    /** Each DEALER, named {@code client-N}, asks; the ROUTER answers each by name, in reverse order. */
    private void namedDealers(Side router, List<Side> dealers) {
        String endpoint = router.bind();
        List<byte[]> names = new ArrayList<>();
        for (int i = 0; i < dealers.size(); i++) {
            names.add(utf8("client-" + i));
            dealers.get(i).routingId(names.get(i));
            dealers.get(i).connect(endpoint);
        }
        for (int i = 0; i < dealers.size(); i++) {
            dealers.get(i).send(new byte[0], utf8("Request from " + i));
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < dealers.size(); i++) {
            Peer.Received r = router.receive(TIMEOUT);
            assertNotNull(r, router.describe() + " got " + seen + " only");
            String id = new String(r.frames().get(0));
            seen.add(id);
            assertFrames(router.describe(), new byte[][] {r.frames().get(0), new byte[0],
                    utf8("Request from " + id.substring("client-".length()))}, r.frames());
        }
        for (int i = dealers.size() - 1; i >= 0; i--) {
            router.send(names.get(i), new byte[0], utf8("Response for client-" + i));
        }
        for (int i = 0; i < dealers.size(); i++) {
            Peer.Received r = dealers.get(i).receive(TIMEOUT);
            assertNotNull(r, dealers.get(i).describe() + " client-" + i + " got no response");
            assertFrames(dealers.get(i).describe(), new byte[][] {new byte[0], utf8("Response for client-" + i)},
                    r.frames());
            assertNothingArrives(dealers.get(i), Duration.ofMillis(20));
        }
    }

    // ---- one publisher, several subscribers; restarts ----------------------------------------------------------------

    @Test
    void ourPubFansOutToLibzmqJeromqAndOurSubs_tcp() {
        Side pub = ourSide(SocketType.PUB);
        String endpoint = pub.bind();
        Side both = theirSide(PeerKind.LIBZMQ, SocketType.SUB);
        Side heartbeatOnly = theirSide(PeerKind.JEROMQ, SocketType.SUB);
        Side detectionOnly = ourSide(SocketType.SUB);
        both.subscribe(PubSubInteropIT.DETECTION);
        both.subscribe(PubSubInteropIT.HEARTBEAT);
        heartbeatOnly.subscribe(PubSubInteropIT.HEARTBEAT);
        detectionOnly.subscribe(PubSubInteropIT.DETECTION);
        for (Side s : List.of(both, heartbeatOnly, detectionOnly)) {
            s.connect(endpoint);
        }
        PubSubInteropIT.awaitDelivery(pub, both, PubSubInteropIT.DETECTION, PubSubInteropIT.HEARTBEAT);
        PubSubInteropIT.awaitDelivery(pub, heartbeatOnly, PubSubInteropIT.HEARTBEAT);
        PubSubInteropIT.awaitDelivery(pub, detectionOnly, PubSubInteropIT.DETECTION);

        byte[][] detection = {PubSubInteropIT.DETECTION, utf8("message1 for detection")};
        byte[][] heartbeat = {PubSubInteropIT.HEARTBEAT, utf8("heartbeat")};
        pub.send(detection);
        pub.send(heartbeat);
        assertFrames(both.describe(), detection, PubSubInteropIT.receiveAfterSync(both).frames());
        expectMessage(both, "heartbeat", heartbeat);
        assertFrames(heartbeatOnly.describe(), heartbeat, PubSubInteropIT.receiveAfterSync(heartbeatOnly).frames());
        assertFrames(detectionOnly.describe(), detection, PubSubInteropIT.receiveAfterSync(detectionOnly).frames());
        for (Side s : List.of(both, heartbeatOnly, detectionOnly)) {
            assertNothingArrives(s, Duration.ofMillis(30));
        }
    }

    @ParameterizedTest(name = "their {0} PUB")
    @EnumSource(PeerKind.class)
    void ourSubResubscribesWhenTheirPubRestarts_tcp(PeerKind kind) {
        Peer first = theirs(kind, SocketType.PUB);
        String endpoint = first.bind(ANY_PORT);
        Side sub = ourSide(SocketType.SUB);
        sub.subscribe(PubSubInteropIT.HEARTBEAT);
        sub.connect(endpoint);
        Side firstPub = Side.theirs(first, SocketType.PUB);
        PubSubInteropIT.awaitDelivery(firstPub, sub, PubSubInteropIT.HEARTBEAT);
        first.close();   // the publisher goes away (and its port with it)

        Peer second = theirs(kind, SocketType.PUB);
        second.bind(endpoint);
        Side secondPub = Side.theirs(second, SocketType.PUB);
        // No reconnect code here: our SUB reconnects and subscribes again by itself.
        PubSubInteropIT.awaitDelivery(secondPub, sub, PubSubInteropIT.HEARTBEAT);
        second.send(PubSubInteropIT.DETECTION, utf8("not subscribed"));
        second.send(PubSubInteropIT.HEARTBEAT, utf8("end"));
        Peer.Received r = PubSubInteropIT.receiveAfterSync(sub);
        assertArrayEquals(utf8("end"), r.frames().get(1), "only the heartbeat topic: " + show(r.frames()));
    }
}
