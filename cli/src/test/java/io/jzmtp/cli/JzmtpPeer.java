package io.jzmtp.cli;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.interop.Peer;
import io.jzmtp.msg.Message;
import io.jzmtp.security.ZapReply;
import io.jzmtp.security.ZapRequest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A jzmtp socket in the test's JVM behind the interop tests' {@link Peer} operations, so that one launcher scenario
 * runs against jzmtp and against libzmq alike. Received messages are copied out and closed at once.
 */
final class JzmtpPeer implements Peer {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Context context = Context.create();
    private final List<ZapRequest> zapRequests = new CopyOnWriteArrayList<>();
    private final Socket socket;

    JzmtpPeer(SocketType type) {
        socket = context.socket(type);
        socket.set(SocketOption.SNDTIMEO, SEND_TIMEOUT);
        socket.set(SocketOption.LINGER, Duration.ZERO);
    }

    @Override
    public String describe() {
        return "jzmtp " + socket.type();
    }

    @Override
    public String bind(String endpoint) {
        return socket.bind(endpoint);
    }

    @Override
    public void connect(String endpoint) {
        socket.connect(endpoint);
    }

    @Override
    public void send(byte[]... frames) {
        assertTrue(trySendWithin(SEND_TIMEOUT, frames), describe() + " could not send within " + SEND_TIMEOUT);
    }

    @Override
    public boolean trySend(byte[]... frames) {
        return trySendWithin(Duration.ZERO, frames);
    }

    private boolean trySendWithin(Duration timeout, byte[]... frames) {
        return sendOwned(Message.of(frames), timeout);
    }

    /** Sends {@code m}, which the socket then owns; closes it when it was not sent. */
    private boolean sendOwned(Message m, Duration timeout) {
        boolean sent = false;
        try {
            sent = socket.send(m, timeout);
            return sent;
        } finally {
            if (!sent) {
                m.close();
            }
        }
    }

    @Override
    public Received receive(Duration timeout) {
        try (Message m = socket.receive(timeout)) {
            return m == null ? null : Received.copyOf(m);
        }
    }

    @Override
    public Received receiveWithUserId(Duration timeout) {
        try (Message m = socket.receive(timeout)) {
            if (m == null) {
                return null;
            }
            List<byte[]> frames = new ArrayList<>(m.size());
            for (int i = 0; i < m.size(); i++) {
                frames.add(m.frame(i).toBytes());
            }
            return new Received(frames, m.metadata().get("User-Id").orElse(null));
        }
    }

    /** A Java ZAP handler on this peer's context, answering as the interop peers' handlers do. */
    @Override
    public void startZapHandler(int status, String userId) {
        context.setZapHandler(request -> {
            zapRequests.add(request);
            return CompletableFuture.completedFuture(new ZapReply(status, "from the test", userId,
                    Map.of("X-Role", "tester")));
        });
    }

    /** The last request, in the frame layout of RFC 27 (without the delimiter). */
    @Override
    public List<byte[]> lastZapRequest() {
        if (zapRequests.isEmpty()) {
            return List.of();
        }
        ZapRequest r = zapRequests.get(zapRequests.size() - 1);
        List<byte[]> frames = new ArrayList<>(List.of(bytes("1.0"), bytes("1"), bytes(r.domain()), bytes(r.address()),
                r.routingId(), bytes(r.mechanism())));
        frames.addAll(r.credentials());
        return frames;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public List<Received> drain(Duration quiet) {
        List<Received> all = new ArrayList<>();
        Received r;
        while ((r = receive(quiet)) != null) {
            all.add(r);
        }
        return all;
    }

    @Override
    public void setOption(String name, int value) {
        switch (name) {
            case "SNDHWM" -> socket.set(SocketOption.SNDHWM, value);
            case "RCVHWM" -> socket.set(SocketOption.RCVHWM, value);
            case "ROUTER_MANDATORY" -> socket.set(SocketOption.ROUTER_MANDATORY, value != 0);
            default -> throw new IllegalArgumentException("JzmtpPeer does not map the libzmq option " + name);
        }
    }

    @Override
    public void setOption(String name, byte[] value) {
        switch (name) {
            case "ROUTING_ID" -> socket.set(SocketOption.ROUTING_ID, value);
            case "CONNECT_ROUTING_ID" -> socket.set(SocketOption.CONNECT_ROUTING_ID, value);
            default -> throw new IllegalArgumentException("JzmtpPeer does not map the libzmq option " + name);
        }
    }

    @Override
    public void subscribe(byte[] topic) {
        if (socket.type() == SocketType.XSUB) {
            assertTrue(sendOwned(Message.subscription(true, topic), SEND_TIMEOUT), describe() + " cannot subscribe");
        } else {
            socket.subscribe(topic);
        }
    }

    @Override
    public void unsubscribe(byte[] topic) {
        if (socket.type() == SocketType.XSUB) {
            assertTrue(sendOwned(Message.subscription(false, topic), SEND_TIMEOUT), describe() + " cannot unsubscribe");
        } else {
            socket.unsubscribe(topic);
        }
    }

    @Override
    public void pump() {
        // jzmtp's I/O threads attach connections by themselves
    }

    @Override
    public void close() {
        context.close();
    }
}
