package io.jzmtp.examples;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * "Using the server as a filter", from seed 003: instrumented code sends a progress message far more often than
 * anyone wants to look at it, and a PAIR server keeps one per time window, judged by the timestamp inside each JSON
 * message, dropping those that come sooner than the window after the last kept one. The server passes the kept
 * messages on (here back to the client, which checks them) and ends with a summary.
 *
 * <p>The timestamps are synthetic, 10 ms apart, so the result does not depend on how fast the machine is: with a
 * 100 ms window exactly every tenth message is kept. (The seed keeps a message when the gap is strictly greater than
 * the window, which with evenly spaced timestamps keeps every eleventh; "not sooner than the window" is the rule
 * stated in its text, and the one used here.)
 */
public final class PairFilter {

    private static final int MESSAGES = 200;
    private static final Duration SPACING = Duration.ofMillis(10);
    private static final Duration WINDOW = Duration.ofMillis(100);
    private static final Instant START = Instant.parse("2024-05-01T12:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(2);

    private PairFilter() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(System.out) ? 0 : 1);
    }

    /** Sends the messages through the filter, checks exactly which were kept; returns the verdict. */
    public static boolean run(PrintStream out) throws Exception {
        ExecutorService serverThread = Executors.newSingleThreadExecutor();
        try (Context ctx = Context.create();
             Socket server = ctx.socket(SocketType.PAIR);
             Socket client = ctx.socket(SocketType.PAIR)) {
            server.set(SocketOption.RCVTIMEO, PATIENCE);
            client.set(SocketOption.RCVTIMEO, PATIENCE);
            client.connect(server.bind("tcp://127.0.0.1:*"));
            Future<?> filter = serverThread.submit(() -> filter(server));

            for (int i = 0; i < MESSAGES; i++) {
                Map<String, Object> progress = new LinkedHashMap<>();
                progress.put("seq", i);
                progress.put("timestamp", START.plus(SPACING.multipliedBy(i)).toString());   // ISO-8601, as the seed
                client.send(FlatJson.write(progress));
            }
            client.send("{\"end\":" + MESSAGES + "}");

            List<Long> kept = new ArrayList<>();
            String summary = receiveKept(client, kept);
            filter.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return report(out, kept, summary);
        } finally {
            serverThread.shutdownNow();
        }
    }

    /** Collects the seq of every kept message until the summary, which it returns ({@code null} on timeout). */
    private static String receiveKept(Socket client, List<Long> kept) {
        while (true) {
            String json = client.receiveString();
            if (json == null) {
                return null;
            }
            Map<String, Object> m = FlatJson.parse(json);
            if (m.containsKey("end")) {
                return json;
            }
            kept.add(FlatJson.number(m, "seq"));
        }
    }

    private static boolean report(PrintStream out, List<Long> kept, String summary) {
        List<Long> expected = new ArrayList<>();
        long every = WINDOW.dividedBy(SPACING);
        for (long seq = 0; seq < MESSAGES; seq += every) {
            expected.add(seq);
        }
        String wantedSummary = "{\"end\":" + MESSAGES + ",\"received\":" + MESSAGES + ",\"kept\":" + expected.size()
                + "}";
        boolean ok = kept.equals(expected) && wantedSummary.equals(summary);
        String which = kept.size() < 3 ? kept.toString()
                : "#" + kept.get(0) + ", #" + kept.get(1) + " ... #" + kept.get(kept.size() - 1);
        out.printf("  pair filter: %d messages %d ms apart, one per %d ms window: %d kept (%s) %s%n", MESSAGES,
                SPACING.toMillis(), WINDOW.toMillis(), kept.size(), which, ok ? "ok" : "WRONG");
        if (!ok) {
            out.println("  pair filter: WRONG: expected " + expected + " and " + wantedSummary + ", got " + kept
                    + " and " + summary);
        }
        return ok;
    }

    /** The server: keeps the first message and then one per window, passing kept ones on, until the end marker. */
    private static Void filter(Socket server) {
        Instant lastKept = null;
        int received = 0;
        int kept = 0;
        while (true) {
            try (Message m = server.receive()) {
                if (m == null) {
                    return null;   // the client gave up; it reports why
                }
                String json = m.first().toUtf8();
                Map<String, Object> d = FlatJson.parse(json);
                if (d.containsKey("end")) {
                    server.send("{\"end\":" + FlatJson.number(d, "end") + ",\"received\":" + received
                            + ",\"kept\":" + kept + "}");
                    return null;
                }
                received++;
                Instant ts = Instant.parse(FlatJson.text(d, "timestamp"));
                // Judged by the time inside the message, not by when it arrived: queues and bursts do not matter.
                if (lastKept == null || Duration.between(lastKept, ts).compareTo(WINDOW) >= 0) {
                    lastKept = ts;
                    kept++;
                    server.send(json);
                }
            }
        }
    }
}
