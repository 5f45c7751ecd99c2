package io.jzmtp.netty;

import io.jzmtp.msg.Message;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.pipe.PipeListener;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A socket stand-in: hands each completed connection a fresh {@link Pipe} and records what happened. */
final class RecordingConnectionHandler implements ConnectionHandler, PipeListener {

    /** One {@link #connectionClosed} call. */
    record Closed(PeerInfo peer, Pipe pipe, ZmtpProtocolException failure) {
    }

    final List<PeerInfo> peers = new ArrayList<>();
    final List<Closed> closed = new ArrayList<>();
    private final int hwm;
    boolean refuse;
    /** When set, the pipe handed to the next connection (e.g. one with messages queued while unconnected). */
    Pipe preset;
    Pipe pipe;
    int readable;
    int writable;

    RecordingConnectionHandler(int hwm) {
        this.hwm = hwm;
    }

    @Override
    public Pipe handshakeCompleted(PeerInfo peer, Executor ioThread) {
        peers.add(peer);
        if (refuse) {
            return null;
        }
        pipe = preset != null ? preset : new Pipe(hwm, hwm, Runnable::run, this);
        return pipe;
    }

    @Override
    public void connectionClosed(PeerInfo peer, Pipe pipe, ZmtpProtocolException failure) {
        closed.add(new Closed(peer, pipe, failure));
    }

    @Override
    public void readable(Pipe pipe) {
        readable++;
    }

    @Override
    public void writable(Pipe pipe) {
        writable++;
    }

    /** The single handshake that completed. */
    PeerInfo peer() {
        assertEquals(1, peers.size(), "completed handshakes");
        return peers.get(0);
    }

    /** The reason of the single close, which must have been a failure. */
    ZmtpError failure() {
        assertEquals(1, closed.size(), "connectionClosed calls");
        ZmtpProtocolException f = closed.get(0).failure();
        assertNotNull(f, "the connection closed without a failure");
        return f.reason();
    }

    /** Every message waiting in the pipe, now owned by the caller. */
    List<Message> received() {
        List<Message> all = new ArrayList<>();
        if (pipe != null) {
            Message m;
            while ((m = pipe.poll()) != null) {
                all.add(m);
            }
        }
        return all;
    }
}
