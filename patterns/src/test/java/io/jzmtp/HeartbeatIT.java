package io.jzmtp;

import io.jzmtp.msg.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /**
     * PINGs and PONGs never reach the REQ state machine (libzmq #3060): while each request waits for its reply, the
     * REQ keeps sending PINGs (at least three are seen and answered before the reply goes out) and answers the REP's
     * own PING with a PONG, and still every reply is matched to its request.
     */
    @Test
    void reqWithHeartbeatsIsNotDisturbedByPingsAndPongs() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(5000);
            Socket req = ctx.socket(SocketType.REQ);
            req.set(SocketOption.HEARTBEAT_IVL, Duration.ofMillis(20));
            // This test thread answers the PINGs; a busy machine must not make the REQ give up on it meanwhile.
            req.set(SocketOption.HEARTBEAT_TIMEOUT, Duration.ofSeconds(5));
            req.set(SocketOption.RCVTIMEO, Duration.ofSeconds(5));
            req.connect("tcp://127.0.0.1:" + server.getLocalPort());
            try (RawZmtpPeer rep = RawZmtpPeer.accepted(server.accept()).handshake("REP")) {
                for (int i = 0; i < 5; i++) {
                    req.send("request " + i);
                    int pings = readRequest(rep, "request " + i);
                    byte[] context = ("ctx-" + i).getBytes(StandardCharsets.US_ASCII);
                    rep.sendPing(context);
                    while (pings < 3) {
                        RawZmtpPeer.Frame f = rep.readFrame();
                        if (f.isCommand() && f.commandName().equals("PING")) {
                            rep.answerPing(f);
                            pings++;
                        } else if (f.isCommand() && f.commandName().equals("PONG")) {
                            assertArrayEquals(context, Arrays.copyOfRange(f.body(), 5, f.body().length),
                                    "the REQ echoes our PING's context");
                        } else {
                            throw new AssertionError("unexpected frame while the REQ waits: flags " + f.flags());
                        }
                    }
                    rep.sendFrame(0x01, new byte[0]);   // the empty delimiter, then the reply
                    rep.sendFrame(0x00, ("reply " + i).getBytes(StandardCharsets.US_ASCII));
                    assertEquals("reply " + i, req.receiveString());
                }
            }
            assertEquals(0, req.statistics().heartbeatTimeouts());
        }
    }

    /** Reads the REQ's [empty, request] message, answering PINGs met on the way; returns how many. */
    private static int readRequest(RawZmtpPeer rep, String expected) throws Exception {
        int pings = 0;
        RawZmtpPeer.Frame f;
        while ((f = rep.readFrame()).isCommand()) {
            assertEquals("PING", f.commandName(), "only PINGs come before the request");
            rep.answerPing(f);
            pings++;
        }
        assertTrue(f.hasMore() && f.body().length == 0, "the REQ's empty delimiter first");
        RawZmtpPeer.Frame body = rep.readFrame();
        assertEquals(expected, new String(body.body(), StandardCharsets.UTF_8));
        return pings;
    }
}
