package io.jzmtp;

import io.jzmtp.mechanism.CurveClientMechanism;
import io.jzmtp.mechanism.CurveServerMechanism;
import io.jzmtp.mechanism.MechanismFactory;
import io.jzmtp.mechanism.NullMechanism;
import io.jzmtp.mechanism.PlainClientMechanism;
import io.jzmtp.mechanism.PlainServerMechanism;
import io.jzmtp.mechanism.ServerSecurity;
import io.jzmtp.msg.Metadata;
import io.jzmtp.netty.ConnectionConfig;
import io.jzmtp.security.CurveKeyPair;
import io.jzmtp.security.Z85;
import io.jzmtp.transport.ReconnectPolicy;
import io.jzmtp.transport.TransportOptions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
                Math.max(handshake, 0), mechanism(socket), heartbeat(socket), socket.get(SocketOption.RECEIVE_ARRAYS));
    }

    /**
     * The security mechanism the options choose: CURVE server, CURVE client (CURVE_SERVERKEY set), PLAIN server,
     * PLAIN client (a user name or password set), else NULL (asking ZAP when ZAP_DOMAIN is set). A configuration that
     * lacks a key throws. The ZAP handler is looked up per handshake, so one set or bound later still counts.
     */
    static MechanismFactory mechanism(Socket socket) {
        Context context = socket.context();
        ServerSecurity security = new ServerSecurity(context::effectiveZapHandler,
                socket.get(SocketOption.ZAP_DOMAIN), socket.get(SocketOption.ROUTING_ID),
                socket.get(SocketOption.ZAP_ENFORCE_DOMAIN));
        byte[] serverKey = socket.get(SocketOption.CURVE_SERVERKEY);
        if (socket.get(SocketOption.CURVE_SERVER)) {
            byte[] secret = socket.secretKeyCopy();   // the socket zeroes it when it closes
            return CurveServerMechanism.factory(ownPublicKey(socket, secret, "a CURVE server"), secret, security);
        }
        if (serverKey.length > 0) {
            byte[] secret = socket.secretKeyCopy();
            return CurveClientMechanism.factory(serverKey, ownPublicKey(socket, secret, "a CURVE client"), secret);
        }
        if (socket.get(SocketOption.PLAIN_SERVER)) {
            return PlainServerMechanism.factory(security);
        }
        String user = socket.get(SocketOption.PLAIN_USERNAME);
        String password = socket.get(SocketOption.PLAIN_PASSWORD);
        if (!user.isEmpty() || !password.isEmpty()) {
            return PlainClientMechanism.factory(user, password);
        }
        return security.domain().isEmpty() && !security.enforceDomain() ? NullMechanism.FACTORY
                : NullMechanism.factory(security);
    }

    /** CURVE_PUBLICKEY, derived from the secret key when not set; it must match the secret key when set. */
    private static byte[] ownPublicKey(Socket socket, byte[] secret, String role) {
        if (secret.length == 0) {
            throw new IllegalStateException(role + " needs CURVE_SECRETKEY: set it (and CURVE_PUBLICKEY) before bind "
                    + "or connect");
        }
        byte[] derived = CurveKeyPair.publicKeyOf(secret);
        byte[] configured = socket.get(SocketOption.CURVE_PUBLICKEY);
        if (configured.length > 0 && !Arrays.equals(configured, derived)) {
            throw new IllegalStateException("CURVE_PUBLICKEY is not the public key of CURVE_SECRETKEY ("
                    + Z85.encode(derived) + " is)");
        }
        return derived;
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
