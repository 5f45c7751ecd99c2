package io.jzmtp;

import io.jzmtp.mechanism.NullMechanism;
import io.jzmtp.msg.Metadata;
import io.jzmtp.netty.ConnectionConfig;
import io.jzmtp.transport.ReconnectPolicy;
import io.jzmtp.transport.TransportOptions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A socket's options turned into the settings its endpoints give the engine: the connection's configuration, the
 * transport's options and the reconnect policy. Read when an endpoint is bound or connected, as libzmq does.
 */
final class EndpointSettings {

    /** Options a transport may apply, passed on by their libzmq names. */
    private static final List<SocketOption<Integer>> TRANSPORT_OPTIONS = List.of(SocketOption.TCP_KEEPALIVE,
            SocketOption.TCP_KEEPALIVE_IDLE, SocketOption.TCP_KEEPALIVE_INTVL, SocketOption.TCP_KEEPALIVE_CNT,
            SocketOption.BACKLOG, SocketOption.SNDBUF, SocketOption.RCVBUF);

    private EndpointSettings() {
    }

    /** Who we are, whom we accept, and the limits, for each connection of an endpoint. */
    static ConnectionConfig connectionConfig(Socket socket) {
        List<Metadata.Property> app = new ArrayList<>();
        for (Map.Entry<String, String> e : socket.get(SocketOption.METADATA).entrySet()) {
            app.add(new Metadata.Property(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        long handshake = socket.options().millis(SocketOption.HANDSHAKE_IVL);
        SocketType type = socket.type();
        return new ConnectionConfig(type.wireName(), type.compatiblePeers(), socket.get(SocketOption.ROUTING_ID),
                type.announcesIdentity(), Metadata.of(app), socket.get(SocketOption.MAXMSGSIZE),
                Math.max(handshake, 0), NullMechanism.FACTORY, heartbeat(socket));
    }

    private static ConnectionConfig.Heartbeat heartbeat(Socket socket) {
        return new ConnectionConfig.Heartbeat(socket.get(SocketOption.HEARTBEAT_IVL).toMillis(),
                socket.get(SocketOption.HEARTBEAT_TIMEOUT).toMillis(), socket.get(SocketOption.HEARTBEAT_TTL).toMillis());
    }

    /** The socket options a transport may use, by libzmq's name; each transport reads the ones it knows. */
    static TransportOptions transportOptions(Socket socket) {
        Map<String, Integer> values = new LinkedHashMap<>();
        for (SocketOption<Integer> o : TRANSPORT_OPTIONS) {
            values.put(o.name(), socket.get(o));
        }
        return new TransportOptions(values);
    }

    static ReconnectPolicy reconnectPolicy(Socket socket) {
        return new ReconnectPolicy(socket.options().millis(SocketOption.RECONNECT_IVL),
                Math.max(0, socket.options().millis(SocketOption.RECONNECT_IVL_MAX)));
    }
}
