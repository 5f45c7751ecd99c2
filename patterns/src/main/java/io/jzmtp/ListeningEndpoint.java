package io.jzmtp;

import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.transport.BoundEndpoint;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/** A bound endpoint: every accepted connection gets its own pipe once its handshake completes. */
final class ListeningEndpoint extends EndpointConnections {

    final String requested;
    final ChannelGroup channels;
    private final Set<Pipe> pipes = ConcurrentHashMap.newKeySet();
    BoundEndpoint bound;
    volatile String actual;

    ListeningEndpoint(Socket socket, String requested, ChannelGroup channels) {
        super(socket);
        this.requested = requested;
        this.channels = channels;
    }

    @Override
    String name() {
        return actual;
    }

    @Override
    public void connectionOpened(String remoteAddress) {
        socket.telemetry().event(new SocketEvent.Accepted(actual, remoteAddress));
    }

    @Override
    public Pipe handshakeCompleted(PeerInfo peer, Executor ioThread) {
        Pipe pipe = socket.newPipe(ioThread);
        if (!socket.admit(pipe)) {
            return null;
        }
        pipes.add(pipe);
        return pipe;
    }

    @Override
    public void connectionClosed(PeerInfo peer, Pipe pipe, ZmtpProtocolException failure) {
        if (pipe != null && pipes.remove(pipe)) {
            socket.disconnected(pipe);
            socket.detach(pipe);
        }
    }

    /** Stops listening and closes every connection; the futures complete once they are closed. */
    List<Future<?>> close() {
        closing = true;
        socket.telemetry().event(new SocketEvent.Closed(actual));
        List<Future<?>> f = new ArrayList<>();
        f.add(bound.close());
        f.add(channels.close());
        for (Pipe p : pipes) {
            socket.detach(p);
        }
        pipes.clear();
        return f;
    }
}
