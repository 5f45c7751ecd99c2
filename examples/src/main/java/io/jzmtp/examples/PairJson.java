package io.jzmtp.examples;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * PAIR exchanging JSON: seed 003's {@code jsonclient.py} / {@code jsonserver.py}. The client sends fruit baskets such
 * as {@code {"apples":12,"oranges":7,"bananas":30}}, the server parses each one and answers with an ack holding the
 * total, and the client checks every total. pyzmq's {@code send_json}/{@code recv_json} are just UTF-8 text in one
 * frame, so the same JSON works with a Python peer; it is written and parsed by hand ({@link FlatJson}) because the
 * examples take no dependencies.
 *
 * <p>The client sends all its baskets before reading any ack: like the seed's fast client and slow server, it shows
 * that PAIR queues messages rather than dropping them.
 */
public final class PairJson {

    private static final int BASKETS = 20;
    private static final Duration PATIENCE = Duration.ofSeconds(2);

    private PairJson() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(System.out) ? 0 : 1);
    }

    /** Sends the baskets, checks every ack, prints a short report; returns the verdict. */
    public static boolean run(PrintStream out) throws Exception {
        ExecutorService serverThread = Executors.newSingleThreadExecutor();
        try (Context ctx = Context.create();
             Socket server = ctx.socket(SocketType.PAIR);
             Socket client = ctx.socket(SocketType.PAIR)) {
            server.set(SocketOption.RCVTIMEO, PATIENCE);
            client.set(SocketOption.RCVTIMEO, PATIENCE);
            client.connect(server.bind("tcp://127.0.0.1:*"));
            Future<Integer> served = serverThread.submit(() -> serve(server));

            Random random = new Random(3);   // fixed seed: the same baskets every run
            long[] totals = new long[BASKETS];
            for (int i = 0; i < BASKETS; i++) {
                int apples = 1 + random.nextInt(1000);
                int oranges = 1 + random.nextInt(1000);
                int bananas = 1 + random.nextInt(1000);
                totals[i] = apples + oranges + bananas;
                Map<String, Object> basket = new LinkedHashMap<>();   // keeps the seed's key order
                basket.put("apples", apples);
                basket.put("oranges", oranges);
                basket.put("bananas", bananas);
                client.send(FlatJson.write(basket));
            }
            int good = checkAcks(client, totals, out);
            int parsed = served.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            long sum = 0;
            for (long t : totals) {
                sum += t;
            }
            boolean ok = good == BASKETS && parsed == BASKETS;
            out.printf("  pair/json: %d baskets sent as JSON, server parsed %d, %d/%d acks with the right totals"
                    + " (grand total %d) %s%n", BASKETS, parsed, good, BASKETS, sum, ok ? "ok" : "WRONG");
            return ok;
        } finally {
            serverThread.shutdownNow();
        }
    }

    /** Reads one ack per basket, in order, printing the first wrong one; returns how many were right. */
    private static int checkAcks(Socket client, long[] totals, PrintStream out) {
        int good = 0;
        String problem = null;
        for (int i = 0; i < BASKETS; i++) {
            String json = client.receiveString();
            if (json == null) {
                problem = "no ack for basket " + i;
                break;
            }
            Map<String, Object> ack = FlatJson.parse(json);
            if (FlatJson.number(ack, "ack") == i && FlatJson.number(ack, "total") == totals[i]) {
                good++;
            } else if (problem == null) {
                problem = "basket " + i + " (total " + totals[i] + ") got " + json;
            }
        }
        if (problem != null) {
            out.println("  pair/json: WRONG: " + problem);
        }
        return good;
    }

    /** The server: parses each basket and answers {"ack":n,"total":t}. Returns how many it parsed. */
    private static int serve(Socket server) {
        int n = 0;
        for (; n < BASKETS; n++) {
            try (Message m = server.receive()) {
                if (m == null) {
                    break;   // the client gave up; it reports why
                }
                Map<String, Object> basket = FlatJson.parse(m.first().toUtf8());
                long total = FlatJson.number(basket, "apples") + FlatJson.number(basket, "oranges")
                        + FlatJson.number(basket, "bananas");
                Map<String, Object> ack = new LinkedHashMap<>();
                ack.put("ack", n);
                ack.put("total", total);
                server.send(FlatJson.write(ack));
            }
        }
        return n;
    }
}
