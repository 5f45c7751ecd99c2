package io.jzmtp;

import io.jzmtp.msg.Message;
import io.jzmtp.testing.FaultRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.jzmtp.TestSupport.nextEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classic silent-subscriber fault between jzmtp sockets: a SUB behind a relay that black-holes the link. With
 * heartbeats the SUB notices within IVL + TIMEOUT, reconnects, re-subscribes and hears what is published after the
 * fault, without any heartbeat topic in the application. (The same against libzmq and JeroMQ publishers lives in the
 * interop tests.)
 */
class FaultRelayIT {

    private final Context ctx = Context.create();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void subscriberWithHeartbeatsSurvivesABlackHoledLink() throws Exception {
        Socket pub = ctx.socket(SocketType.PUB);
        String ep = pub.bind("tcp://127.0.0.1:*");
        int port = Integer.parseInt(ep.substring(ep.lastIndexOf(':') + 1));
        try (FaultRelay relay = new FaultRelay(port)) {
            Socket sub = ctx.socket(SocketType.SUB);
            sub.set(SocketOption.HEARTBEAT_IVL, Duration.ofMillis(100));
            sub.set(SocketOption.HEARTBEAT_TIMEOUT, Duration.ofMillis(300));
            sub.set(SocketOption.HANDSHAKE_IVL, Duration.ofSeconds(1));   // a reconnect into the dead link retries
            BlockingQueue<SocketEvent> events = new LinkedBlockingQueue<>();
            sub.monitor(events::add);
            sub.subscribe("detections");
            sub.connect(relay.endpoint());
            assertEquals("detections 1", publishUntilHeard(pub, sub, "detections 1"));

            relay.mode(FaultRelay.Mode.BLACK_HOLE);
            long faultAt = System.nanoTime();
            SocketEvent.Disconnected d = nextEvent(events, SocketEvent.Disconnected.class);
            long detectedMs = (System.nanoTime() - faultAt) / 1_000_000;
            assertEquals(SocketEvent.DisconnectCause.HEARTBEAT_TIMEOUT, d.cause());
            assertTrue(detectedMs < 2000, "detected within IVL + TIMEOUT (plus scheduling): " + detectedMs + " ms");

            relay.mode(FaultRelay.Mode.FORWARD);   // the network heals; the SUB's reconnect goes through
            nextEvent(events, SocketEvent.HandshakeSucceeded.class);
            assertEquals("detections 2", publishUntilHeard(pub, sub, "detections 2"));
            assertTrue(relay.connectionsAccepted() >= 2, "a new connection was made");
        }
    }

    /** Publishes {@code text} until the subscriber hears it (subscriptions travel asynchronously). */
    private static String publishUntilHeard(Socket pub, Socket sub, String text) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            pub.send(text);
            try (Message m = sub.receive(Duration.ofMillis(50))) {
                if (m != null) {
                    return m.first().toUtf8();
                }
            }
        }
        throw new AssertionError("never heard " + text);
    }
}
