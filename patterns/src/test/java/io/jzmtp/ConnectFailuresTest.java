package io.jzmtp;

import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The plain words for connect failures (the real "connection refused" is checked on the wire by MonitorIT). */
class ConnectFailuresTest {

    @Test
    void unknownHostIsNamed() {
        assertEquals("unknown host 'db1'",
                ConnectFailures.describe(new UnknownHostException("db1: Name or service not known")));
        assertEquals("unknown host 'db1'", ConnectFailures.describe(new UnknownHostException("db1")));
        assertEquals("unknown host 'db1'",
                ConnectFailures.describe(new IOException("wrapped", new UnknownHostException("db1"))));
    }

    @Test
    void refusedTimedOutAndUnroutableAreSaidPlainly() {
        assertEquals("connection refused", ConnectFailures.describe(
                new ConnectException("finishConnect(..) failed: Connection refused: /127.0.0.1:5999")));
        assertEquals("connect timed out",
                ConnectFailures.describe(new ConnectTimeoutException("connection timed out: /10.0.0.1:5555")));
        assertEquals("no route to host", ConnectFailures.describe(new NoRouteToHostException("No route to host")));
    }

    @Test
    void anythingElseKeepsItsMessageOrItsName() {
        assertEquals("Permission denied", ConnectFailures.describe(new IOException("Permission denied")));
        assertEquals("IOException", ConnectFailures.describe(new IOException()));
    }
}
