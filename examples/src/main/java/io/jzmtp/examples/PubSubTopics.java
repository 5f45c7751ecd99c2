package io.jzmtp.examples;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Publish-subscribe with topics: the video-detection publisher of seed 000 ("Understanding and using zmq module"),
 * one PUB sending multipart {@code [topic, payload]} messages on two topics, {@code detection} and {@code heartbeat},
 * and one SUB per topic. Each subscriber gets only its own topic: the topic is the first frame, and subscriptions are
 * prefixes of it.
 *
 * <p>The seed publishes a heartbeat topic once a second so that clients can notice a silently dead connection and
 * re-create their socket. jzmtp needs no such topic: ZMTP 3.1 heartbeats (the SUB's HEARTBEAT_IVL and
 * HEARTBEAT_TIMEOUT) detect the dead link and reconnect by themselves, see {@link DetectionBroadcast}. The heartbeat
 * topic here only shows a second stream of messages.
 *
 * <p>A subscriber that connects late misses what was published before its subscription reached the publisher (the
 * "slow joiner"). Rather than sleeping and hoping, this publishes warm-up messages until both subscribers have
 * received one, then publishes a known batch and checks that each subscriber got all of its topic, in order, and none
 * of the other.
 */
public final class PubSubTopics {

    private static final String DETECTION = "detection";
    private static final String HEARTBEAT = "heartbeat";
    private static final int DETECTIONS = 100;
    /** One heartbeat per ten detections, as the seed sends one a second among many detections. */
    private static final int HEARTBEATS = 10;
    private static final String WARM_UP = "warm-up";
    private static final String END = "end";
    private static final Duration JOIN_PATIENCE = Duration.ofSeconds(3);
    private static final Duration RECEIVE_PATIENCE = Duration.ofSeconds(2);

    private PubSubTopics() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(System.out) ? 0 : 1);
    }

    /** Publishes the batch, checks what each subscriber got, prints a short report; returns the verdict. */
    public static boolean run(PrintStream out) throws Exception {
        try (Context ctx = Context.create();
             Socket pub = ctx.socket(SocketType.PUB);
             Socket detections = ctx.socket(SocketType.SUB);
             Socket heartbeats = ctx.socket(SocketType.SUB)) {
            String endpoint = pub.bind("tcp://127.0.0.1:*");
            detections.subscribe(DETECTION);
            heartbeats.subscribe(HEARTBEAT);
            detections.connect(endpoint);
            heartbeats.connect(endpoint);

            int warmUps = awaitSubscribers(pub, detections, heartbeats);
            if (warmUps < 0) {
                out.println("  pub/sub: WRONG: the subscribers did not join within " + JOIN_PATIENCE.toSeconds()
                        + " s");
                return false;
            }
            out.println("  pub/sub: both subscribers joined after " + warmUps + " warm-up round(s), no sleep needed");
            publishBatch(pub);
            Tally d = collect(detections, DETECTION, DETECTIONS);
            Tally h = collect(heartbeats, HEARTBEAT, HEARTBEATS);
            out.printf("  pub/sub: 'detection' subscriber got %d/%d detections, 'heartbeat' subscriber got %d/%d"
                    + " heartbeats%n", d.count, DETECTIONS, h.count, HEARTBEATS);
            boolean ok = d.problem == null && h.problem == null;
            out.println("  pub/sub: " + (ok ? "each got only its own topic, in order ok"
                    : "WRONG: " + (d.problem != null ? d.problem : h.problem)));
            return ok;
        }
    }

    /**
     * Publishes a warm-up message on both topics until each subscriber has received one, so that both subscriptions
     * have reached the publisher. Returns the number of rounds, or -1 after {@link #JOIN_PATIENCE}.
     */
    private static int awaitSubscribers(Socket pub, Socket detections, Socket heartbeats) {
        boolean detectionJoined = false;
        boolean heartbeatJoined = false;
        long deadline = System.nanoTime() + JOIN_PATIENCE.toNanos();
        int rounds = 0;
        while (!(detectionJoined && heartbeatJoined)) {
            if (System.nanoTime() - deadline > 0) {
                return -1;
            }
            rounds++;
            pub.send(Message.of(DETECTION, WARM_UP));
            pub.send(Message.of(HEARTBEAT, WARM_UP));
            if (!detectionJoined) {
                detectionJoined = receivedOne(detections);
            }
            if (!heartbeatJoined) {
                heartbeatJoined = receivedOne(heartbeats);
            }
        }
        return rounds;
    }

    private static boolean receivedOne(Socket sub) {
        // Whatever arrives is checked again by collect(): warm-ups are skipped there, but not their topic.
        try (Message m = sub.receive(Duration.ofMillis(10))) {
            return m != null;
        }
    }

    /** The batch: detections with a heartbeat after every tenth, then an end marker on each topic. */
    private static void publishBatch(Socket pub) {
        int beat = 0;
        for (int i = 0; i < DETECTIONS; i++) {
            pub.send(Message.of(DETECTION, detection(i)));
            if (i % (DETECTIONS / HEARTBEATS) == DETECTIONS / HEARTBEATS - 1) {
                pub.send(Message.of(HEARTBEAT, heartbeat(beat++)));
            }
        }
        // A PUB never blocks and only drops at SNDHWM (1000 per subscriber), far above this batch.
        pub.send(Message.of(DETECTION, END));
        pub.send(Message.of(HEARTBEAT, END));
    }

    private static String detection(int frame) {
        return String.format("{\"frame\":%d,\"label\":\"person\",\"score\":0.%02d}", frame, 50 + frame * 37 % 50);
    }

    private static String heartbeat(int beat) {
        return "{\"heartbeat\":" + beat + "}";
    }

    /**
     * Receives until the end marker of {@code topic}: every message must carry that topic, and the batch must arrive
     * whole and in order (PUB keeps order per subscriber). Warm-ups still in flight are skipped.
     */
    private static Tally collect(Socket sub, String topic, int expected) {
        Tally t = new Tally();
        while (true) {
            try (Message m = sub.receive(RECEIVE_PATIENCE)) {
                if (m == null) {
                    return t.fail("'" + topic + "' subscriber timed out after " + t.count + " messages");
                }
                if (m.size() != 2 || !m.frame(0).toUtf8().equals(topic)) {
                    return t.fail("'" + topic + "' subscriber got " + m);
                }
                String payload = m.frame(1).toUtf8();
                if (payload.equals(END)) {
                    return t.count == expected ? t : t.fail("'" + topic + "' subscriber got " + t.count);
                }
                if (payload.equals(WARM_UP)) {
                    continue;
                }
                String wanted = topic.equals(DETECTION) ? detection(t.count) : heartbeat(t.count);
                if (!payload.equals(wanted)) {
                    return t.fail("'" + topic + "' subscriber expected " + wanted + ", got " + payload);
                }
                t.count++;
            }
        }
    }

    /** What one subscriber received. */
    private static final class Tally {
        int count;
        String problem;

        Tally fail(String why) {
            problem = why;
            return this;
        }
    }
}
