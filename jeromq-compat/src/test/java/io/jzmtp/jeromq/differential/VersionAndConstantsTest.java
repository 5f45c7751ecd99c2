package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.zeromq.ZAuth;
import org.zeromq.ZMQ;
import org.zeromq.ZPoller;

/**
 * Pins the version JeroMQ 0.6.0 reports (libzmq 4.1.7) and the constants that compiled callers inline, plus the small
 * {@code zmq} shim members that real programs import (CHARSET, msleep, findOpenPort).
 */
class VersionAndConstantsTest {
    @Test
    void versionIsLibzmq417() {
        assertEquals("4.1.7", ZMQ.getVersionString());
        assertEquals(40107, ZMQ.getFullVersion());
        assertEquals(4, ZMQ.getMajorVersion());
        assertEquals(1, ZMQ.getMinorVersion());
        assertEquals(7, ZMQ.getPatchVersion());
        assertEquals(40107, ZMQ.makeVersion(4, 1, 7));
    }

    @Test
    void flagsAndPollConstants() {
        assertEquals(1, ZMQ.DONTWAIT);
        assertEquals(1, ZMQ.NOBLOCK);
        assertEquals(2, ZMQ.SNDMORE);
        assertEquals(1, ZMQ.Poller.POLLIN);
        assertEquals(2, ZMQ.Poller.POLLOUT);
        assertEquals(4, ZMQ.Poller.POLLERR);
        assertEquals(1, ZPoller.POLLIN);
        assertEquals(1, ZPoller.IN);
        assertEquals(1, ZPoller.READABLE);
        assertEquals(2, ZPoller.POLLOUT);
        assertEquals(2, ZPoller.OUT);
        assertEquals(2, ZPoller.WRITABLE);
        assertEquals(4, ZPoller.POLLERR);
        assertEquals(4, ZPoller.ERR);
        assertEquals(32, ZMQ.Curve.KEY_SIZE);
        assertEquals(40, ZMQ.Curve.KEY_SIZE_Z85);
        assertEquals("*", ZAuth.CURVE_ALLOW_ANY);
    }

    @Test
    void charsetAndSeparators() {
        assertEquals(StandardCharsets.UTF_8, ZMQ.CHARSET);
        assertEquals(StandardCharsets.UTF_8, zmq.ZMQ.CHARSET);
        assertArrayEquals(new byte[0], ZMQ.MESSAGE_SEPARATOR);
        assertArrayEquals(new byte[0], ZMQ.SUBSCRIPTION_ALL);
    }

    @Test
    void shimHelpers() throws IOException {
        long start = System.nanoTime();
        zmq.ZMQ.msleep(20);
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 19);
        int port = zmq.util.Utils.findOpenPort();
        assertTrue(port > 0 && port < 65536, "port " + port);
    }
}
