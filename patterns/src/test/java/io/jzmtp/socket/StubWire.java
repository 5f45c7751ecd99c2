package io.jzmtp.socket;

import io.jzmtp.msg.Metadata;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.pipe.WireSide;
import io.jzmtp.wire.ZmtpVersion;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection stand-in for pattern unit tests: attaching it to an in-memory pipe makes {@code pipe.peer()} known,
 * as a completed handshake does, and it records whether the pattern closed the connection. Outbound messages stay
 * in the pipe for the test to drain.
 */
final class StubWire implements WireSide {

    private boolean closed;

    /** Attaches a stub connection to {@code pipe} for a {@code socketType} peer announcing {@code identity}. */
    static StubWire connect(Pipe pipe, String socketType, byte[] identity) {
        List<Metadata.Property> props = new ArrayList<>();
        props.add(new Metadata.Property(Metadata.SOCKET_TYPE, socketType.getBytes(StandardCharsets.US_ASCII)));
        if (identity != null) {
            props.add(new Metadata.Property(Metadata.IDENTITY, identity));
        }
        StubWire wire = new StubWire();
        pipe.attach(wire, new PeerInfo(Metadata.of(props), ZmtpVersion.V3_1, "127.0.0.1:1"));
        return wire;
    }

    /** Whether the pattern (or the pipe's termination) closed this connection. */
    boolean closed() {
        return closed;
    }

    @Override
    public void outboundReady() {
    }

    @Override
    public void pauseReading() {
    }

    @Override
    public void resumeReading() {
    }

    @Override
    public boolean hasPendingWrites() {
        return false;
    }

    @Override
    public void close() {
        closed = true;
    }
}
