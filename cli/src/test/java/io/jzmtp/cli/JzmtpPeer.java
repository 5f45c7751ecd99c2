package io.jzmtp.cli;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.interop.Peer;
import io.jzmtp.msg.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A jzmtp socket in the test's JVM behind the interop tests' {@link Peer} operations, so that one launcher scenario
 * runs against jzmtp and against libzmq alike. Received messages are copied out and closed at once.
 */
final class JzmtpPeer implements Peer {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Context context = Context.create();
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
