package io.jzmtp.interop;

import io.jzmtp.Socket;
import io.jzmtp.SocketEvent;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.wire.ZmtpError;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A TCP client that connects to our bound socket and never says a word: after HANDSHAKE_IVL our monitor reports
 * HandshakeFailed(NO_DETAIL, HANDSHAKE_TIMEOUT) (libzmq's HANDSHAKE_FAILED_NO_DETAIL), the connection is closed, and
 * it never counted as a peer. (The wire side of the same timeout is in {@link HandshakeTimeoutIT}.)
 */
class HandshakeTimeoutMonitorIT extends InteropScenario {

    @Test
    void silentRawPeerIsReportedAsHandshakeFailedNoDetailTimeout() throws Exception {
        Socket pull = ours(SocketType.PULL);
        pull.set(SocketOption.HANDSHAKE_IVL, Duration.ofMillis(300));
        try (OurEvents events = new OurEvents(pull)) {
            String endpoint = pull.bind(ANY_PORT);
            try (java.net.Socket raw = new java.net.Socket(InetAddress.getLoopbackAddress(),
                    BlackHoleInteropIT.port(endpoint))) {
                long connectedAt = System.nanoTime();
                raw.setSoTimeout(5000);
                events.next(SocketEvent.Accepted.class, TIMEOUT);
                SocketEvent.HandshakeFailed f = events.next(SocketEvent.HandshakeFailed.class, TIMEOUT);
                long ms = BlackHoleInteropIT.millisSince(connectedAt);
                assertEquals(SocketEvent.HandshakeFailure.NO_DETAIL, f.kind(), f.toString());
                assertEquals(ZmtpError.HANDSHAKE_TIMEOUT, f.reason(), f.toString());
                assertEquals(0x0800, f.libzmqId(), "libzmq's ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL");
                assertTrue(ms >= 250 && ms < 3000, "after about HANDSHAKE_IVL: " + ms + " ms");

                InputStream in = raw.getInputStream();   // we sent our signature, then closed
                while (in.read() >= 0) {
                    // drain until EOF (SO_TIMEOUT fails the test if it never comes)
                }
                assertTrue(events.allOf(SocketEvent.HandshakeSucceeded.class).isEmpty(), events.all().toString());
                assertEquals(0, pull.statistics().currentPeers(), pull.statistics().toString());
            }
        }
    }
}
