package io.jzmtp.interop;

import io.jzmtp.Socket;
import io.jzmtp.SocketEvent;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketStatistics;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;
import io.jzmtp.testing.FaultRelay;
import io.jzmtp.wire.ZmtpError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A link to a libzmq or JeroMQ publisher that goes silent without any FIN or RST (a {@link FaultRelay} black-holing
 * it): our SUB's own heartbeats (ZMTP.md §10) detect it, or, with ours off, the TTL a libzmq peer announces in its
 * PINGs does; either way the connection is closed with the right monitor event, and once the network heals our SUB
 * reconnects, subscribes again and hears what is published after the fault.
 */
class BlackHoleInteropIT extends InteropScenario {

    private static final Duration IVL = Duration.ofMillis(100);
    private static final Duration HB_TIMEOUT = Duration.ofMillis(300);
    /** A reconnect made while the relay still black-holes has its handshake swallowed: give up on it soon. */
    private static final Duration HANDSHAKE_IVL = Duration.ofSeconds(1);
    /** Generous upper bound for detection on a busy 2-core machine. */
    private static final long LATEST_MS = 3000;

    @ParameterizedTest(name = "their {0} PUB")
    @EnumSource(PeerKind.class)
    void theirPubOurSubSurvivesBlackHole_tcp(PeerKind kind) throws IOException {
        Peer pub = theirs(kind, SocketType.PUB);
        String endpoint = pub.bind(ANY_PORT);
        try (FaultRelay relay = new FaultRelay(port(endpoint))) {
            Socket sub = ours(SocketType.SUB);
            sub.set(SocketOption.HEARTBEAT_IVL, IVL);
            sub.set(SocketOption.HEARTBEAT_TIMEOUT, HB_TIMEOUT);
            sub.set(SocketOption.HANDSHAKE_IVL, HANDSHAKE_IVL);
            try (OurEvents events = new OurEvents(sub)) {
                sub.subscribe("detections");
                sub.connect(relay.endpoint());
                publishUntilHeard(pub, sub, "detections 1");

                relay.mode(FaultRelay.Mode.BLACK_HOLE);
                long faultAt = System.nanoTime();
                SocketEvent.Disconnected d = events.next(SocketEvent.Disconnected.class, Duration.ofSeconds(10));
                long ms = millisSince(faultAt);
                assertEquals(SocketEvent.DisconnectCause.HEARTBEAT_TIMEOUT, d.cause(), d.toString());
                assertEquals(ZmtpError.HEARTBEAT_TIMEOUT, d.reason(), d.toString());
                // A PING sent just before the fault whose PONG was swallowed times out a little under 300 ms later.
                assertTrue(ms >= HB_TIMEOUT.toMillis() - 50, "not before HEARTBEAT_TIMEOUT: " + ms + " ms");
                assertTrue(ms < LATEST_MS, "within IVL + TIMEOUT (plus scheduling): " + ms + " ms");

                relay.mode(FaultRelay.Mode.FORWARD);   // the network heals; a reconnect goes through
                events.next(SocketEvent.HandshakeSucceeded.class, Duration.ofSeconds(10));
                publishUntilHeard(pub, sub, "detections 2");

                SocketStatistics stats = sub.statistics();
                assertEquals(1, stats.heartbeatTimeouts(), stats.toString());
                assertTrue(stats.reconnects() >= 1, stats.toString());
                assertEquals(1, stats.currentPeers(), stats.toString());
                assertTrue(relay.connectionsAccepted() >= 2, "a new connection was made");
            }
        }
    }

    /**
     * libzmq announces a TTL in its PINGs (HEARTBEAT_TTL, in deciseconds on the wire): our SUB, with no heartbeats of
     * its own, closes the link once nothing has arrived for that long, and reconnects when the network heals.
     */
    @Test
    void libzmqPeerTtlClosesOurSilentLinkWithoutOurHeartbeats_tcp() throws IOException {
        Peer pub = theirs(PeerKind.LIBZMQ, SocketType.PUB);
        pub.setOption("HEARTBEAT_IVL", 100);
        pub.setOption("HEARTBEAT_TTL", 1000);
        pub.setOption("HEARTBEAT_TIMEOUT", 10_000);   // libzmq must not close its end first (the relay would pass that on)
        String endpoint = pub.bind(ANY_PORT);
        try (FaultRelay relay = new FaultRelay(port(endpoint))) {
            Socket sub = ours(SocketType.SUB);   // HEARTBEAT_IVL stays 0: no heartbeats of ours
            sub.set(SocketOption.HANDSHAKE_IVL, HANDSHAKE_IVL);
            try (OurEvents events = new OurEvents(sub)) {
                sub.subscribe("detections");
                sub.connect(relay.endpoint());
                publishUntilHeard(pub, sub, "detections 1");
                // libzmq's first PING (carrying the TTL) leaves 100 ms after its handshake: let a few arrive. A
                // timer's lower bound, not a race: if none arrived the assertion below fails rather than passes.
                assertNothingElse(sub, Duration.ofMillis(300));

                relay.mode(FaultRelay.Mode.BLACK_HOLE);
                long faultAt = System.nanoTime();
                SocketEvent.Disconnected d = events.next(SocketEvent.Disconnected.class, Duration.ofSeconds(10));
                long ms = millisSince(faultAt);
                assertEquals(ZmtpError.HEARTBEAT_TTL_EXPIRED, d.reason(), d.toString());
                assertEquals(SocketEvent.DisconnectCause.HEARTBEAT_TIMEOUT, d.cause(), d.toString());
                // The last PING arrived at most one interval (100 ms) before the fault.
                assertTrue(ms >= 700, "not long before the TTL of 1000 ms: " + ms + " ms");
                assertTrue(ms < LATEST_MS, "about the TTL of 1000 ms: " + ms + " ms");
                assertEquals(1, sub.statistics().heartbeatTimeouts(), sub.statistics().toString());

                relay.mode(FaultRelay.Mode.FORWARD);
                events.next(SocketEvent.HandshakeSucceeded.class, Duration.ofSeconds(10));
                publishUntilHeard(pub, sub, "detections 2");
            }
        }
    }

    static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /**
     * Their PUB publishes {@code text} until our SUB hears it (subscriptions travel asynchronously, and a bound
     * libzmq/JeroMQ PUB takes a new subscriber only when called); older copies still queued are skipped.
     */
    static void publishUntilHeard(Peer pub, Socket sub, String text) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            pub.send(text.getBytes(StandardCharsets.UTF_8));
            try (Message m = sub.receive(Duration.ofMillis(50))) {
                if (m != null && m.first().toUtf8().equals(text)) {
                    return;
                }
            }
        }
        throw new AssertionError("our SUB never heard '" + text + "' from " + pub.describe());
    }

    /** Reads (and discards) for {@code window}; stale copies of earlier messages are fine. */
    private static void assertNothingElse(Socket sub, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            try (Message m = sub.receive(Duration.ofNanos(left))) {
                if (m != null) {
                    assertEquals("detections 1", m.first().toUtf8(), "only stale copies of the first message");
                }
            }
        }
    }
}
