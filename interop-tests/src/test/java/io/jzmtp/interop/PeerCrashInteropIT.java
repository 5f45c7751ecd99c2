package io.jzmtp.interop;

import io.jzmtp.Socket;
import io.jzmtp.SocketEvent;
import io.jzmtp.SocketStatistics;
import io.jzmtp.SocketType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A libzmq peer process that crashes (SIGKILL: nothing is closed in an orderly way, the kernel closes its sockets)
 * and is started again on the same port: our connecting PUSH reports the disconnect, keeps retrying while the port
 * refuses (ConnectDelayed, ConnectRetried, the reconnects counter) and delivers to the new process once it is up.
 */
class PeerCrashInteropIT extends InteropScenario {

    @Test
    void ourPushReconnectsToLibzmqPullRestartedAfterSigkill_tcp() {
        LibzmqPeer first = (LibzmqPeer) theirs(PeerKind.LIBZMQ, SocketType.PULL);
        String endpoint = first.bind(ANY_PORT);
        Socket push = ours(SocketType.PUSH);
        try (OurEvents events = new OurEvents(push)) {
            push.connect(endpoint);
            push.send("before the crash");
            assertText("before the crash", first.receive(TIMEOUT));
            events.next(SocketEvent.HandshakeSucceeded.class, TIMEOUT);

            first.kill();
            SocketEvent.Disconnected d = events.next(SocketEvent.Disconnected.class, TIMEOUT);
            assertEquals(SocketEvent.DisconnectCause.PEER_CLOSED, d.cause(), d.toString());
            // Nobody listens on the port now: attempts are refused and retried.
            events.next(SocketEvent.ConnectDelayed.class, TIMEOUT);
            events.next(SocketEvent.ConnectRetried.class, TIMEOUT);
            assertTrue(push.statistics().reconnects() >= 1, push.statistics().toString());

            LibzmqPeer second = (LibzmqPeer) theirs(PeerKind.LIBZMQ, SocketType.PULL);
            assertEquals(endpoint, second.bind(endpoint), "the new process took the same port");
            events.next(SocketEvent.HandshakeSucceeded.class, TIMEOUT);
            push.send("after the restart");
            assertText("after the restart", second.receive(TIMEOUT));

            SocketStatistics stats = push.statistics();
            assertEquals(1, stats.currentPeers(), stats.toString());
            assertEquals(0, stats.heartbeatTimeouts(), stats.toString());
        }
    }

    private static void assertText(String expected, Peer.Received r) {
        assertNotNull(r, "no message '" + expected + "'");
        assertEquals(expected, new String(r.frames().get(0), StandardCharsets.UTF_8));
    }
}
