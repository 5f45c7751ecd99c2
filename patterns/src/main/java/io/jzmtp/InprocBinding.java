package io.jzmtp;

import io.jzmtp.msg.Metadata;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.transport.BoundEndpoint;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;
import io.jzmtp.wire.ZmtpVersion;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A socket bound at an {@code inproc://} name: it accepts each connect to the name by joining the two sockets' pipes
 * in an {@link InprocConnection}, after the checks a handshake makes (the socket types may talk, the binding socket
 * has room for another peer). The peers learn each other's Socket-Type, Identity and application metadata as over a
 * network, and the monitors see the same events (accepted or connected, handshake succeeded, disconnected).
 */
final class InprocBinding implements BoundEndpoint {

    private final InprocNames names;
    private final InprocEndpoint endpoint;
    private final Socket socket;
    private final ListeningEndpoint listening;
    private final Map<InprocConnection, InprocDialer> live = new ConcurrentHashMap<>();
    private volatile boolean closed;

    InprocBinding(InprocNames names, String name, Socket socket, ListeningEndpoint listening) {
        this.names = names;
        this.endpoint = new InprocEndpoint(name);
        this.socket = socket;
        this.listening = listening;
    }

    String name() {
        return endpoint.name();
    }

    Socket socket() {
        return socket;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public InprocEndpoint endpoint() {
        return endpoint;
    }

    /** Frees the name and ends every connection made through it. */
    @Override
    public Future<?> close() {
        closed = true;
        names.unbind(this);
        for (InprocConnection c : List.copyOf(live.keySet())) {
            c.close();
        }
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
    }

    /** Makes the connection {@code dialer} asks for, or tells both sides why not. */
    void accept(InprocDialer dialer) {
        String address = endpoint.toString();
        ConnectingEndpoint connecting = dialer.endpoint();
        Socket peer = connecting.socket;
        PeerInfo seenByBinder = peerInfo(peer, address);
        PeerInfo seenByConnecter = peerInfo(socket, address);
        listening.connectionOpened(address);
        connecting.connected(address);
        if (!socket.type().isCompatibleWith(peer.type()) || !peer.type().isCompatibleWith(socket.type())) {
            refuse(dialer, ZmtpError.INCOMPATIBLE_PEER, "peer socket type '" + peer.type() + "' cannot talk to a "
                    + socket.type() + " socket (accepts " + String.join(", ", socket.type().compatiblePeers().stream()
                    .sorted().toList()) + ")");
            return;
        }
        OutboundConsumer bindingConsumer = new OutboundConsumer();
        Pipe bindingPipe = listening.handshakeCompleted(seenByBinder, bindingConsumer);
        if (bindingPipe == null) {
            refuse(dialer, ZmtpError.PEER_REFUSED, "socket refused another peer (" + peer.type() + " at " + address
                    + ")");
            return;
        }
        OutboundConsumer connectingConsumer = dialer.consumerForNextPipe();
        Pipe connectingPipe = connecting.handshakeCompleted(seenByConnecter, connectingConsumer);
        if (connectingPipe == null) {
            ZmtpProtocolException refused = new ZmtpProtocolException(ZmtpError.PEER_REFUSED,
                    "the connecting socket refused another peer");
            listening.connectionClosed(address, seenByBinder, bindingPipe, refused);
            connecting.connectionClosed(address, null, null, refused);
            return;
        }
        InprocConnection c = new InprocConnection(connectingPipe, connectingConsumer, seenByConnecter, bindingPipe,
                bindingConsumer, seenByBinder, this::ended);
        live.put(c, dialer);
        dialer.connected(c, this);
        c.attach();
        connecting.pipeConnected(connectingPipe);
        listening.pipeConnected(bindingPipe);
        c.open();
        if (closed) {
            c.close();   // the binding closed while this connection was being made: it did not see it
        }
    }

    private void ended(InprocConnection c) {
        InprocDialer dialer = live.remove(c);
        listening.connectionClosed(endpoint.toString(), c.bindingPeer(), c.bindingPipe(), null);
        if (dialer != null) {
            dialer.ended(c);
        }
    }

    /** Both sides see a handshake that failed for {@code reason}; the connecter waits for a new binding. */
    private void refuse(InprocDialer dialer, ZmtpError reason, String detail) {
        ZmtpProtocolException failure = new ZmtpProtocolException(reason, detail);
        String address = endpoint.toString();
        listening.connectionClosed(address, null, null, failure);
        dialer.refused(this, failure);
    }

    /** What a peer learns of {@code s} in its READY: type, identity if its type sends one, application metadata. */
    private static PeerInfo peerInfo(Socket s, String address) {
        List<Metadata.Property> props = new ArrayList<>();
        props.add(new Metadata.Property(Metadata.SOCKET_TYPE,
                s.type().wireName().getBytes(StandardCharsets.US_ASCII)));
        if (s.type().announcesIdentity()) {
            props.add(new Metadata.Property(Metadata.IDENTITY, s.get(SocketOption.ROUTING_ID)));
        }
        for (Map.Entry<String, String> e : s.get(SocketOption.METADATA).entrySet()) {
            props.add(new Metadata.Property(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        return new PeerInfo(Metadata.of(props), ZmtpVersion.V3_1, address);
    }
}
