package io.jzmtp;

import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jzmtp.TestSupport.PATIENCE;
import static io.jzmtp.TestSupport.await;
import static io.jzmtp.TestSupport.awaitParked;
import static io.jzmtp.TestSupport.freePort;
import static io.jzmtp.TestSupport.pooled;
import static io.jzmtp.TestSupport.receiveText;
import static io.jzmtp.TestSupport.sendOrFail;
import static io.jzmtp.TestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Proxy} over real loopback sockets: streaming, capture, control commands, statistics, HWM and ending. */
class ProxyIT {

    private Context ctx;
    private final List<Proxy> started = new ArrayList<>();

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
        for (Proxy p : started) {
            p.close();   // its thread has released whatever it held before the leak check runs
        }
    }

    /** Producer PUSH -> (PULL frontend | PUSH backend) -> PULL sink. */
    private final class Streamer {
        final Socket producer = ctx.socket(SocketType.PUSH);
        final Socket frontend = ctx.socket(SocketType.PULL);
        final Socket backend = ctx.socket(SocketType.PUSH);
        final Socket sink = ctx.socket(SocketType.PULL);

        Streamer() {
            producer.connect(frontend.bind("tcp://127.0.0.1:*"));
            sink.connect(backend.bind("tcp://127.0.0.1:*"));
        }
    }

    /** A PAIR control socket for the proxy and the PAIR the test steers it with: {control, steer}. */
    private Socket[] controlPair() {
        Socket control = ctx.socket(SocketType.PAIR);
        Socket steer = ctx.socket(SocketType.PAIR);
        steer.connect(control.bind("tcp://127.0.0.1:*"));
        return new Socket[] {control, steer};
    }

    private Proxy start(Socket frontend, Socket backend, Socket capture, Socket control) {
        Proxy p = Proxy.start(frontend, backend, capture, control);
        started.add(p);
        return p;
    }

    private static Proxy.Ending endingOf(Proxy p) throws Exception {
        return p.ending().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Proxy.Statistics askStatistics(Socket steer) {
        sendOrFail(steer, pooled("STATISTICS"));
        try (Message reply = steer.receive(PATIENCE)) {
            assertNotNull(reply, "no STATISTICS reply within " + PATIENCE);
            return Proxy.Statistics.fromMessage(reply);
        }
    }

    /** Runs {@code body} on a new thread; the future holds its result or what it threw. */
    private static <T> CompletableFuture<T> inThread(String name, Callable<T> body, Thread[] started) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                outcome.complete(body.call());
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        }, name);
        started[0] = t;
        t.start();
        return outcome;
    }

    @Test
    void streamsMultipartMessagesThroughInOrder() throws Exception {
        Streamer s = new Streamer();
        Proxy proxy = start(s.frontend, s.backend, null, null);
        int n = 1000;
        for (int i = 0; i < n; i++) {
            sendOrFail(s.producer, pooled("job", Integer.toString(i)));
        }
        for (int i = 0; i < n; i++) {
            assertEquals("job|" + i, receiveText(s.sink));
        }
        Proxy.Statistics stats = proxy.statistics();
        assertEquals(n, stats.frontendMessagesReceived());
        assertEquals(n, stats.backendMessagesSent());
        assertTrue(proxy.isRunning());
        awaitParked(proxy.thread());   // idle again: parked in its poller, not spinning
    }

    @Test
    void captureReceivesACopyOfEveryMessage() {
        Streamer s = new Streamer();
        Socket capture = ctx.socket(SocketType.PUSH);
        Socket tap = ctx.socket(SocketType.PULL);
        tap.connect(capture.bind("tcp://127.0.0.1:*"));
        start(s.frontend, s.backend, capture, null);
        int n = 200;
        for (int i = 0; i < n; i++) {
            sendOrFail(s.producer, pooled("msg", Integer.toString(i), "x".repeat(i)));
        }
        for (int i = 0; i < n; i++) {
            String expected = "msg|" + i + "|" + "x".repeat(i);
            assertEquals(expected, receiveText(s.sink));
            assertEquals(expected, receiveText(tap));
        }
    }

    /** As libzmq's proxy does (measured with pyzmq 4.3.4): the capture also sees each control command. */
    @Test
    void captureAlsoReceivesTheControlCommands() {
        Streamer s = new Streamer();
        Socket capture = ctx.socket(SocketType.PUSH);
        Socket tap = ctx.socket(SocketType.PULL);
        tap.connect(capture.bind("tcp://127.0.0.1:*"));
        Socket[] c = controlPair();
        start(s.frontend, s.backend, capture, c[0]);
        sendOrFail(c[1], pooled("PAUSE"));
        assertEquals("PAUSE", receiveText(tap));
        sendOrFail(c[1], pooled("RESUME"));
        assertEquals("RESUME", receiveText(tap));
        sendOrFail(s.producer, pooled("flowing"));
        assertEquals("flowing", receiveText(s.sink));
        assertEquals("flowing", receiveText(tap));
    }

    @Test
    void terminateEndsASteerableProxyAndLeavesItsSocketsOpen() throws Exception {
        Streamer s = new Streamer();
        Socket[] c = controlPair();
        Thread[] t = new Thread[1];
        CompletableFuture<Proxy.Ending> outcome = inThread("proxy",
                () -> Proxy.runSteerable(s.frontend, s.backend, null, c[0]), t);
        sendOrFail(s.producer, pooled("before"));
        assertEquals("before", receiveText(s.sink));
        sendOrFail(c[1], pooled("TERMINATE"));
        assertEquals(Proxy.Ending.TERMINATED, outcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        assertFalse(s.frontend.isClosed() || s.backend.isClosed() || c[0].isClosed());
        sendOrFail(s.producer, pooled("after"));
        assertEquals("after", receiveText(s.frontend), "nobody forwards any more");
    }

    @Test
    void pauseStopsForwardingAndResumeRestartsIt() throws Exception {
        Streamer s = new Streamer();
        Socket[] c = controlPair();
        Proxy proxy = start(s.frontend, s.backend, null, c[0]);
        sendOrFail(s.producer, pooled("flowing"));
        assertEquals("flowing", receiveText(s.sink));

        sendOrFail(c[1], pooled("PAUSE"));
        askStatistics(c[1]);   // answered after PAUSE, so the proxy is paused now
        sendOrFail(s.producer, pooled("held"));
        try (Poller watch = new Poller().register(s.frontend, Poller.Event.READABLE)) {
            assertEquals(1, watch.poll(PATIENCE), "the message reached the proxy's frontend");
        }
        try (Message m = s.sink.receive(Duration.ofMillis(300))) {
            assertNull(m, "a paused proxy forwarded " + (m == null ? "" : text(m)));
        }
        assertEquals(1, proxy.statistics().frontendMessagesReceived(), "still only the first message taken");
        awaitParked(proxy.thread());

        sendOrFail(c[1], pooled("RESUME"));
        assertEquals("held", receiveText(s.sink));
        assertEquals(2, askStatistics(c[1]).backendMessagesSent());
    }

    @Test
    void statisticsCountMessagesAndBytesExactly() {
        Streamer s = new Streamer();
        Socket[] c = controlPair();
        start(s.frontend, s.backend, null, c[0]);
        int n = 100;
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            String body = "y".repeat(i);
            bytes += ("part".length() + body.length());
            sendOrFail(s.producer, pooled("part", body));
        }
        for (int i = 0; i < n; i++) {
            receiveText(s.sink);
        }
        Proxy.Statistics stats = askStatistics(c[1]);
        assertEquals(new Proxy.Statistics(n, bytes, 0, 0, 0, 0, n, bytes), stats);
    }

    /** PAIR on both sides: requests flow frontend to backend, answers back; all four counters move. */
    @Test
    void forwardsBothWaysAndCountsEachSide() {
        Socket client = ctx.socket(SocketType.PAIR);
        Socket frontend = ctx.socket(SocketType.PAIR);
        Socket backend = ctx.socket(SocketType.PAIR);
        Socket server = ctx.socket(SocketType.PAIR);
        client.connect(frontend.bind("tcp://127.0.0.1:*"));
        server.connect(backend.bind("tcp://127.0.0.1:*"));
        Socket[] c = controlPair();
        start(frontend, backend, null, c[0]);
        int n = 50;
        for (int i = 0; i < n; i++) {
            sendOrFail(client, pooled("ask" + i));
            assertEquals("ask" + i, receiveText(server));
            sendOrFail(server, pooled("answer" + i));
            assertEquals("answer" + i, receiveText(client));
        }
        long askBytes = 0;
        long answerBytes = 0;
        for (int i = 0; i < n; i++) {
            askBytes += ("ask" + i).length();
            answerBytes += ("answer" + i).length();
        }
        assertEquals(new Proxy.Statistics(n, askBytes, n, answerBytes, n, answerBytes, n, askBytes),
                askStatistics(c[1]));
    }

    /**
     * The backend PUSH has nowhere to deliver and a SNDHWM of 5: the proxy holds the next message and waits (parked)
     * instead of dropping; once a sink appears, every message arrives, in order.
     */
    @Test
    void waitsAtTheBackendHwmInsteadOfDropping() throws Exception {
        int port = freePort();
        Socket producer = ctx.socket(SocketType.PUSH);
        Socket frontend = ctx.socket(SocketType.PULL);
        Socket backend = ctx.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 5).set(SocketOption.LINGER,
                Duration.ZERO);
        producer.connect(frontend.bind("tcp://127.0.0.1:*"));
        backend.connect("tcp://127.0.0.1:" + port);
        Proxy proxy = start(frontend, backend, null, null);
        int n = 50;
        for (int i = 0; i < n; i++) {
            sendOrFail(producer, pooled("m" + i));
        }
        await(() -> proxy.statistics().frontendMessagesReceived() == 6, PATIENCE,
                "the proxy took 5 messages for the backend queue and holds a 6th");
        awaitParked(proxy.thread());
        assertEquals(5, proxy.statistics().backendMessagesSent());

        Socket sink = ctx.socket(SocketType.PULL);
        sink.bind("tcp://127.0.0.1:" + port);
        for (int i = 0; i < n; i++) {
            assertEquals("m" + i, receiveText(sink));
        }
        assertEquals(n, proxy.statistics().frontendMessagesReceived());
        assertEquals(n, proxy.statistics().backendMessagesSent());
    }

    @Test
    void closingTheContextEndsTheProxy() throws Exception {
        Streamer s = new Streamer();
        Proxy proxy = start(s.frontend, s.backend, null, null);
        sendOrFail(s.producer, pooled("one"));
        assertEquals("one", receiveText(s.sink));
        awaitParked(proxy.thread());
        ctx.close();
        assertEquals(Proxy.Ending.CLOSED, endingOf(proxy));
        assertFalse(proxy.isRunning());
    }

    @Test
    void closingOneSocketEndsTheProxy() throws Exception {
        Streamer s = new Streamer();
        Proxy proxy = start(s.frontend, s.backend, null, null);
        awaitParked(proxy.thread());
        s.backend.close();
        assertEquals(Proxy.Ending.CLOSED, endingOf(proxy));
    }

    @Test
    void stopEndsAStartedProxyAndLeavesItsSocketsOpen() throws Exception {
        Streamer s = new Streamer();
        Proxy proxy = start(s.frontend, s.backend, null, null);
        awaitParked(proxy.thread());
        proxy.close();
        assertEquals(Proxy.Ending.STOPPED, endingOf(proxy));
        assertFalse(proxy.thread().isAlive());
        assertFalse(s.frontend.isClosed() || s.backend.isClosed());
    }

    @Test
    void interruptingRunThrowsAndKeepsTheInterruptStatus() throws Exception {
        Streamer s = new Streamer();
        Thread[] t = new Thread[1];
        CompletableFuture<Boolean> flagKept = inThread("proxy", () -> {
            try {
                Proxy.run(s.frontend, s.backend, null);
                return false;
            } catch (SocketInterruptedException e) {
                return Thread.currentThread().isInterrupted();
            }
        }, t);
        awaitParked(t[0]);
        t[0].interrupt();
        assertTrue(flagKept.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void unknownCommandsAreIgnored() throws Exception {
        Streamer s = new Streamer();
        Socket[] c = controlPair();
        Proxy proxy = start(s.frontend, s.backend, null, c[0]);
        sendOrFail(c[1], pooled("REWIND"));
        sendOrFail(c[1], pooled("PAUSE", "two frames"));
        assertEquals(0, askStatistics(c[1]).frontendMessagesReceived(), "the proxy answers and is not paused");
        sendOrFail(s.producer, pooled("flows"));
        assertEquals("flows", receiveText(s.sink));
        assertTrue(proxy.isRunning());
    }

    // ---- socket types being written in parallel: run once they exist -----------------------------------------------

    private boolean implemented(SocketType... types) {
        for (SocketType type : types) {
            try {
                ctx.socket(type).close();
            } catch (UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }

    /** The shared queue of the guide: REQ clients -> (ROUTER | DEALER) -> REP workers. */
    @Test
    void routerDealerSharedQueue() {
        Assumptions.assumeTrue(implemented(SocketType.REQ, SocketType.REP, SocketType.ROUTER, SocketType.DEALER),
                "REQ, REP, ROUTER and DEALER are not all implemented yet");
        Socket frontend = ctx.socket(SocketType.ROUTER);
        Socket backend = ctx.socket(SocketType.DEALER);
        String clientsEndpoint = frontend.bind("tcp://127.0.0.1:*");
        String workersEndpoint = backend.bind("tcp://127.0.0.1:*");
        start(frontend, backend, null, null);
        List<Socket> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            Socket rep = ctx.socket(SocketType.REP);
            rep.connect(workersEndpoint);
            workers.add(rep);
        }
        CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> serve(workers, 20));
        for (int i = 0; i < 20; i++) {
            Socket req = ctx.socket(SocketType.REQ);
            req.connect(clientsEndpoint);
            sendOrFail(req, pooled("request " + i));
            assertEquals("reply to request " + i, receiveText(req));
            req.close();
        }
        serving.join();
    }

    /** Answers {@code total} requests spread over {@code workers}. */
    private static void serve(List<Socket> workers, int total) {
        int answered = 0;
        try (Poller poller = new Poller()) {
            for (Socket w : workers) {
                poller.register(w, Poller.Event.READABLE);
            }
            while (answered < total) {
                assertTrue(poller.poll(PATIENCE) > 0, "no request within " + PATIENCE);
                for (Socket w : workers) {
                    if (poller.isReadable(w)) {
                        try (Message m = w.tryReceive()) {
                            if (m != null) {
                                sendOrFail(w, pooled("reply to " + text(m)));
                                answered++;
                            }
                        }
                    }
                }
            }
        }
    }

    /** The forwarder of the guide: subscriptions travel up (XPUB to XSUB), publications down. */
    @Test
    void xsubXpubForwarderCarriesSubscriptionsUpAndMessagesDown() {
        Assumptions.assumeTrue(implemented(SocketType.PUB, SocketType.SUB, SocketType.XPUB, SocketType.XSUB),
                "PUB, SUB, XPUB and XSUB are not all implemented yet");
        Socket publisher = ctx.socket(SocketType.PUB);
        Socket frontend = ctx.socket(SocketType.XSUB);
        Socket backend = ctx.socket(SocketType.XPUB);
        Socket subscriber = ctx.socket(SocketType.SUB);
        frontend.connect(publisher.bind("tcp://127.0.0.1:*"));
        subscriber.connect(backend.bind("tcp://127.0.0.1:*"));
        subscriber.subscribe("weather");
        Socket[] c = controlPair();
        start(frontend, backend, null, c[0]);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String got = null;
        while (got == null) {
            assertTrue(System.nanoTime() < deadline, "no publication reached the subscriber");
            sendOrFail(publisher, pooled("sport", "goal"));
            sendOrFail(publisher, pooled("weather", "sunny"));
            try (Message m = subscriber.receive(Duration.ofMillis(20))) {
                got = m == null ? null : text(m);
            }
        }
        assertEquals("weather|sunny", got, "only the subscribed topic arrives");
        Proxy.Statistics stats = askStatistics(c[1]);
        assertTrue(stats.backendMessagesReceived() >= 1 && stats.frontendMessagesSent() >= 1,
                "the subscription went up through the proxy: " + stats);
        while (true) {
            try (Message more = subscriber.receive(Duration.ofMillis(200))) {
                if (more == null) {
                    break;
                }
                assertEquals("weather|sunny", text(more));
            }
        }
    }

    /** A REP control socket gets an empty reply to PAUSE, RESUME and TERMINATE, as from libzmq. */
    @Test
    void repControlSocketIsAnswered() throws Exception {
        Assumptions.assumeTrue(implemented(SocketType.REQ, SocketType.REP), "REQ and REP are not implemented yet");
        Streamer s = new Streamer();
        Socket control = ctx.socket(SocketType.REP);
        Socket steer = ctx.socket(SocketType.REQ);
        steer.connect(control.bind("tcp://127.0.0.1:*"));
        Proxy proxy = start(s.frontend, s.backend, null, control);
        for (String command : new String[] {"PAUSE", "RESUME"}) {
            sendOrFail(steer, pooled(command));
            assertEquals("", receiveText(steer), command);
        }
        assertEquals(0, askStatistics(steer).frontendMessagesReceived());
        sendOrFail(steer, pooled("TERMINATE"));
        assertEquals("", receiveText(steer));
        assertEquals(Proxy.Ending.TERMINATED, endingOf(proxy));
    }
}
