package io.jzmtp.netty;

import io.jzmtp.mechanism.NullMechanism;
import io.jzmtp.msg.Metadata;
import io.jzmtp.wire.ZmtpError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.jzmtp.wire.Vectors.get;
import static io.jzmtp.wire.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ZMTP 3.1 heartbeats (ZMTP.md §10) on an embedded connection with a mock clock, against libzmq's bytes. */
class HeartbeatTest {

    /** libzmq's PING with IVL=300, TTL=2000 ms: {@code 04 07 04 "PING" 00 14}. */
    private static final byte[] PING_TTL_2000 = get("command.libzmq_ping_ttl20");

    @AfterEach
    void releaseLeftovers() {
        EmbeddedConnection.releaseUnfinished();
    }

    private static EmbeddedConnection connected(long ivl, long timeout, long ttl) {
        ConnectionConfig config = new ConnectionConfig("DEALER", Set.of("DEALER"), new byte[0], true,
                Metadata.EMPTY, -1, 0, NullMechanism.FACTORY, new ConnectionConfig.Heartbeat(ivl, timeout, ttl));
        EmbeddedConnection c = new EmbeddedConnection(config);
        c.feed(get("greeting.full.null"));
        c.feed(get("ready.DEALER"));
        assertTrue(c.handler.peer() != null, "handshake complete");
        c.takeSent();
        return c;
    }

    @Test
    void pingsEveryIntervalWithOurTtlLikeLibzmq() {
        EmbeddedConnection c = connected(300, 1000, 2000);
        c.advance(299);
        assertEquals("", hex(c.takeSent()), "nothing before the interval");
        c.advance(1);
        assertEquals(hex(PING_TTL_2000), hex(c.takeSent()));
        c.feed(get("command.pong_empty"));
        c.advance(300);
        assertEquals(hex(PING_TTL_2000), hex(c.takeSent()), "and again");
        assertTrue(c.ch.isOpen());
        c.ch.close();
        c.finish();
    }

    @Test
    void silenceAfterAPingClosesWithHeartbeatTimeoutWhichIsWorthAReconnect() {
        EmbeddedConnection c = connected(300, 1000, 0);
        c.advance(300);    // first PING, timeout armed until 1300
        c.advance(999);    // more PINGs meanwhile do not re-arm it
        assertTrue(c.ch.isOpen(), "not yet");
        c.advance(1);
        assertFalse(c.ch.isOpen());
        assertEquals(ZmtpError.HEARTBEAT_TIMEOUT, c.handler.failure());
        assertFalse(ZmtpError.HEARTBEAT_TIMEOUT.isPermanent());
        c.finish();
    }

    @Test
    void anyFrameIsProofOfLife() {
        EmbeddedConnection c = connected(300, 300, 0);
        for (int i = 0; i < 10; i++) {
            c.advance(250);
            c.feed(get("frames.payload"));   // ordinary traffic, no PONG at all
        }
        assertTrue(c.ch.isOpen(), "data keeps the connection alive");
        c.ch.close();
        c.finish();
    }

    @Test
    void timeoutDefaultsToTheInterval() {
        EmbeddedConnection c = connected(200, 0, 0);
        c.advance(200);
        c.advance(199);
        assertTrue(c.ch.isOpen());
        c.advance(1);
        assertFalse(c.ch.isOpen());
        assertEquals(ZmtpError.HEARTBEAT_TIMEOUT, c.handler.failure());
        c.finish();
    }

    @Test
    void peerTtlIsHonouredEvenWithOurHeartbeatsOff() {
        EmbeddedConnection c = connected(0, 0, 0);
        c.feed(get("command.ping_ttl10"));   // TTL 1.0 s, then silence
        assertEquals(hex(get("command.pong_empty")), hex(c.takeSent()), "answered with a PONG");
        c.advance(999);
        assertTrue(c.ch.isOpen());
        c.advance(1);
        assertFalse(c.ch.isOpen());
        assertEquals(ZmtpError.HEARTBEAT_TTL_EXPIRED, c.handler.failure());
        c.finish();
    }

    /** The TTL counts from the peer's last PING: regular PINGs, then silence, must still close within one TTL. */
    @Test
    void peerTtlRestartsWithEveryPingSoSilenceAfterTheLastOneCloses() {
        EmbeddedConnection c = connected(0, 0, 0);
        for (int i = 0; i < 25; i++) {          // a PING every 100 ms for 2.5 s: checks come and go, all satisfied
            c.feed(get("command.ping_ttl10"));
            c.advance(100);
        }
        c.takeSent();
        c.advance(899);                          // 999 ms since the last PING
        assertTrue(c.ch.isOpen(), "not yet");
        c.advance(1);
        assertFalse(c.ch.isOpen(), "closed one TTL after the last PING");
        assertEquals(ZmtpError.HEARTBEAT_TTL_EXPIRED, c.handler.failure());
        c.finish();
    }

    @Test
    void peerTtlIsSatisfiedByTraffic() {
        EmbeddedConnection c = connected(0, 0, 0);
        c.feed(get("command.ping_ttl10"));
        c.advance(900);
        c.feed(get("frames.payload"));
        c.advance(200);
        assertTrue(c.ch.isOpen(), "traffic within the TTL keeps it open");
        c.ch.close();
        c.finish();
    }

    @Test
    void noHeartbeatsNoPings() {
        EmbeddedConnection c = connected(0, 0, 0);
        c.advance(60_000);
        assertEquals("", hex(c.takeSent()));
        assertTrue(c.ch.isOpen());
        c.ch.close();
        c.finish();
    }
}
