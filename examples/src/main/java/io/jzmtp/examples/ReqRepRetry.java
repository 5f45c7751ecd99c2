package io.jzmtp.examples;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketEvent;
import io.jzmtp.SocketMonitor;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketStatistics;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Request-reply with a timeout and a retry: hello → world, where one reply gets lost. Mirrors the "超时重试" (timeout
 * and retry) client of seed 001 and the REQ client of seed 004, both of which close and re-create their REQ socket
 * after a timeout, because a strict REQ refuses to send twice in a row.
 *
 * <p>Here the client sets {@code REQ_RELAXED} (a new request may abandon the one still waiting) and
 * {@code REQ_CORRELATE} (each request carries an id, and a reply with another id is dropped), so it simply sends the
 * request again on the same socket. The server loses the reply to the first request: it holds it until the client has
 * given up, and only then sends it, marked as late. To the client a reply after its timeout is a lost reply, and
 * REQ_CORRELATE guarantees the stale one is never taken for the answer to the retry.
 *
 * <p>Verified: every reply matches its request, exactly one retry happened, the server answered every request, and
 * the one REQ socket sent all of them, retry included, without reconnecting (it was never re-created).
 */
public final class ReqRepRetry {

    private static final int ROUNDS = 5;
    /**
     * A live server on loopback answers in well under a millisecond; a second keeps a GC or JIT pause on a busy
     * machine from passing for a lost reply, and is what the lost reply costs.
     */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(1);
    private static final int MAX_RETRIES = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(2);

    private ReqRepRetry() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(System.out) ? 0 : 1);
    }

    /** Runs the rounds against a server that loses the first reply, prints a short report; returns the verdict. */
    public static boolean run(PrintStream out) throws Exception {
        ExecutorService serverThread = Executors.newSingleThreadExecutor();
        try (Context ctx = Context.create();
             Socket rep = ctx.socket(SocketType.REP);
             Socket req = ctx.socket(SocketType.REQ)) {
            rep.set(SocketOption.RCVTIMEO, PATIENCE);
            String endpoint = rep.bind("tcp://127.0.0.1:*");
            CountDownLatch clientGaveUp = new CountDownLatch(1);
            Future<Integer> server = serverThread.submit(() -> serve(rep, clientGaveUp));

            req.set(SocketOption.REQ_RELAXED, true);
            req.set(SocketOption.REQ_CORRELATE, true);
            req.set(SocketOption.RCVTIMEO, CLIENT_TIMEOUT);
            req.set(SocketOption.SNDTIMEO, PATIENCE);
            if (!connect(req, endpoint)) {
                out.println("  req/rep: WRONG: could not connect within " + PATIENCE.toSeconds() + " s");
                return false;
            }
            int retries = 0;
            for (int i = 1; i <= ROUNDS; i++) {
                String reply = null;
                for (int attempt = 0; reply == null && attempt <= MAX_RETRIES; attempt++) {
                    if (attempt > 0) {
                        retries++;
                        clientGaveUp.countDown();
                    }
                    req.send("hello #" + i);              // the same socket every time: no close, no re-create
                    reply = req.receiveString();          // null after CLIENT_TIMEOUT
                }
                if (!("world #" + i).equals(reply)) {
                    out.println("  req/rep: WRONG: 'hello #" + i + "' got " + (reply == null ? "no reply" : reply));
                    return false;
                }
            }
            int served = server.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return report(out, retries, served, req.statistics());
        } finally {
            serverThread.shutdownNow();
        }
    }

    /** Connects and waits for the handshake, so the short timeout measures the server, not the connection. */
    private static boolean connect(Socket req, String endpoint) throws InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        SocketMonitor monitor = req.monitor(e -> {
            if (e instanceof SocketEvent.HandshakeSucceeded) {
                connected.countDown();
            }
        });
        try {
            req.connect(endpoint);
            return connected.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            monitor.close();   // only the first connection matters here
        }
    }

    /** Checks the counts: one retry, every request served, all sent by this one socket without reconnecting. */
    private static boolean report(PrintStream out, int retries, int served, SocketStatistics client) {
        int requests = ROUNDS + 1;
        boolean sameSocket = client.messagesOut() == requests && client.reconnects() == 0;
        boolean ok = retries == 1 && served == requests && sameSocket;
        out.println(ok ? "  req/rep: reply lost once, retried on the same socket, " + ROUNDS + " x hello -> world ok"
                : "  req/rep: WRONG: expected exactly one lost reply, one retry, all on one socket");
        out.printf("  req/rep: retries %d; the server answered %d requests, all sent by one REQ socket (%d reconnects)"
                + "%n", retries, served, client.reconnects());
        return ok;
    }

    /**
     * Answers {@code ROUNDS + 1} requests (one is retried), holding back the first reply until the client gave up.
     * Returns how many requests it answered.
     */
    private static int serve(Socket rep, CountDownLatch clientGaveUp) throws InterruptedException {
        int served = 0;
        while (served <= ROUNDS) {
            try (Message request = rep.receive()) {
                if (request == null) {
                    break;   // the client stopped early; it reports why
                }
                String reply = request.first().toUtf8().replace("hello", "world");
                if (served == 0) {
                    // A REP must answer before it can receive again, so "losing" the reply means sending it too late.
                    if (!clientGaveUp.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                    reply += " (late)";
                }
                rep.send(reply);
                served++;
            }
        }
        return served;
    }
}
