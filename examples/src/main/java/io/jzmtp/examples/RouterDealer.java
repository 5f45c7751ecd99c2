package io.jzmtp.examples;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ROUTER server with named DEALER clients, the "高并发服务端" (high-concurrency server) of seed 004. Each DEALER sets
 * its ROUTING_ID ({@code client-a}, ...), which the ROUTER learns in the handshake: every request arrives as
 * {@code [routing id, payload]}, and a reply is routed by putting the name in front of it. Unlike REQ/REP, a DEALER
 * may send many requests without waiting for replies.
 *
 * <p>The seed's ROUTER reads {@code [client_id, "", request]}: that empty delimiter is what a REQ client adds. A
 * DEALER sends its frames as they are, so here there is none, and the ROUTER checks for exactly two frames.
 *
 * <p>Verified: the ROUTER saw each client's requests under its name, and each client got exactly its own replies, in
 * order (together they account for every reply sent, so none went astray).
 */
public final class RouterDealer {

    private static final List<String> NAMES = List.of("client-a", "client-b", "client-c");
    private static final int REQUESTS = 5;
    private static final Duration PATIENCE = Duration.ofSeconds(2);

    private RouterDealer() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(System.out) ? 0 : 1);
    }

    /** Sends every client's requests, serves them, checks every client's replies; returns the verdict. */
    public static boolean run(PrintStream out) throws Exception {
        try (Context ctx = Context.create();
             Socket router = ctx.socket(SocketType.ROUTER)) {
            router.set(SocketOption.RCVTIMEO, PATIENCE);
            router.set(SocketOption.ROUTER_MANDATORY, true);   // a reply to an unknown name throws, never vanishes
            String endpoint = router.bind("tcp://127.0.0.1:*");
            try (Socket a = client(ctx, NAMES.get(0), endpoint);
                 Socket b = client(ctx, NAMES.get(1), endpoint);
                 Socket c = client(ctx, NAMES.get(2), endpoint)) {
                List<Socket> clients = List.of(a, b, c);
                for (Socket client : clients) {
                    for (int i = 1; i <= REQUESTS; i++) {
                        client.send("request #" + i);   // queued until connected; no delimiter from a DEALER
                    }
                }
                Map<String, Integer> served = new TreeMap<>();
                String problem = serve(router, served);
                for (int k = 0; k < clients.size() && problem == null; k++) {
                    problem = checkReplies(clients.get(k), NAMES.get(k));
                }
                boolean ok = problem == null && served.size() == NAMES.size();
                out.printf("  router/dealer: ROUTER got [routing id, payload] from %s%n", served);
                out.printf("  router/dealer: each of %d named DEALERs got exactly its own %d replies %s%n",
                        NAMES.size(), REQUESTS, ok ? "ok" : "WRONG: " + problem);
                return ok;
            }
        }
    }

    private static Socket client(Context ctx, String name, String endpoint) {
        Socket dealer = ctx.socket(SocketType.DEALER);
        dealer.set(SocketOption.ROUTING_ID, name.getBytes(StandardCharsets.UTF_8));   // before connect, as in libzmq
        dealer.set(SocketOption.RCVTIMEO, PATIENCE);
        dealer.connect(endpoint);
        return dealer;
    }

    /** Answers every request by name, counting requests per name; returns what was wrong, or {@code null}. */
    private static String serve(Socket router, Map<String, Integer> served) {
        for (int n = 0; n < NAMES.size() * REQUESTS; n++) {
            try (Message m = router.receive()) {
                if (m == null) {
                    return "the ROUTER timed out after " + n + " requests";
                }
                String name = m.frame(0).toUtf8();
                if (m.size() != 2 || !NAMES.contains(name)) {
                    return "unexpected request " + m;
                }
                served.merge(name, 1, Integer::sum);
                String reply = m.frame(1).toUtf8().replace("request", "reply") + " for " + name;
                router.send(Message.of(Frame.of(m.frame(0).toBytes()), Frame.of(reply)));   // [name, reply]
            }
        }
        return null;
    }

    /** Checks that {@code client} got its replies #1..#n, in order, each addressed to {@code name}. */
    private static String checkReplies(Socket client, String name) {
        for (int i = 1; i <= REQUESTS; i++) {
            String expected = "reply #" + i + " for " + name;
            String got = client.receiveString();
            if (!expected.equals(got)) {
                return name + " expected '" + expected + "', got " + (got == null ? "nothing" : "'" + got + "'");
            }
        }
        return null;
    }
}
