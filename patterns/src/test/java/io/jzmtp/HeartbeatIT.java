package io.jzmtp;

import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Heartbeats over real loopback connections: a silent peer is dropped and the connection is made again. */
class HeartbeatIT {

    private final Context ctx = Context.create();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** A publisher that completes the handshake, then never says another word (a half-open link, seen from here). */
    @Test
    void silentPeerIsDroppedAfterIntervalPlusTimeoutAndReconnected() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(5000);
            Socket sub = ctx.socket(SocketType.SUB);
            sub.set(SocketOption.HEARTBEAT_IVL, Duration.ofMillis(100));
            sub.set(SocketOption.HEARTBEAT_TIMEOUT, Duration.ofMillis(300));
            sub.subscribe("");
            sub.connect("tcp://127.0.0.1:" + server.getLocalPort());
            try (RawZmtpPeer silent = RawZmtpPeer.accepted(server.accept()).handshake("PUB")) {
                long start = System.nanoTime();
                assertTrue(silent.closedByPeerWithin(Duration.ofSeconds(3)), "our SUB gave up on the silent peer");
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms >= 300, "not before the first PING's timeout: " + ms + " ms");
            }
            // The SUB connects again and subscribes again: a live publisher there is heard.
            try (RawZmtpPeer live = RawZmtpPeer.accepted(server.accept()).handshake("PUB")) {
                live.sendTogether("after the fault");
                try (Message m = sub.receive(Duration.ofSeconds(5))) {
                    assertNotNull(m, "traffic resumes on the new connection");
                    assertEquals("after the fault", m.first().toUtf8());
                }
            }
        }
    }

    /** Two jzmtp sockets with heartbeats on both sides stay connected while idle: each answers the other's PINGs. */
    @Test
    void idleConnectionWithHeartbeatsStaysUp() {
        Socket pull = ctx.socket(SocketType.PULL);
        pull.set(SocketOption.HEARTBEAT_IVL, Duration.ofMillis(50));
        String ep = pull.bind("tcp://127.0.0.1:*");
        Socket push = ctx.socket(SocketType.PUSH);
        push.set(SocketOption.HEARTBEAT_IVL, Duration.ofMillis(50));
        push.set(SocketOption.HEARTBEAT_TTL, Duration.ofMillis(200));
        push.connect(ep);
        push.send("first");
        try (Message first = pull.receive(Duration.ofSeconds(5))) {
            assertNotNull(first);
            // Ten intervals of silence from the application: only PING/PONG cross the wire, and nothing reaches it.
            assertFalse(pull.receive(Duration.ofMillis(500)) != null, "heartbeats never reach the application");
            push.send("second");
            try (Message second = pull.receive(Duration.ofSeconds(5))) {
                assertNotNull(second);
                // Each connection stamps its own metadata object on its messages: the same one means no reconnect.
                assertSame(first.metadata(), second.metadata(), "the connection survived the idle period");
            }
        }
    }

    /** PONGs (and PINGs) never reach the REQ state machine: request-reply alternation is undisturbed (libzmq #3060). */
    @Test
    void reqWithHeartbeatsIsNotDisturbedByPongs() throws Exception {
        Socket rep = ctx.socket(SocketType.REP);
        rep.set(SocketOption.HEARTBEAT_IVL, Duration.ofMillis(20));
        String ep = rep.bind("tcp://127.0.0.1:*");
        Socket req = ctx.socket(SocketType.REQ);
        req.set(SocketOption.HEARTBEAT_IVL, Duration.ofMillis(20));
        req.set(SocketOption.RCVTIMEO, Duration.ofSeconds(5));
        rep.set(SocketOption.RCVTIMEO, Duration.ofSeconds(5));
        req.connect(ep);
        for (int i = 0; i < 5; i++) {
            req.send("request " + i);
            assertEquals("request " + i, rep.receiveString());
            Thread.sleep(60);   // several heartbeat rounds while the REQ waits for its reply
            rep.send("reply " + i);
            assertEquals("reply " + i, req.receiveString());
        }
        assertEquals(0, req.statistics().heartbeatTimeouts());
    }
}
