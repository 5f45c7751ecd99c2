package io.jzmtp.interop;

import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One end of a conversation, ours or theirs, behind the same few operations, so that a scenario is written once and
 * run with our socket on either end. Received messages are copied out as {@link Peer.Received} (our messages are
 * closed at once), with the Socket-Type the receiving library reports for the sender.
 */
abstract sealed class Side {

    private final SocketType type;

    private Side(SocketType type) {
        this.type = type;
    }

    /** Our socket. */
    static Side ours(Socket socket) {
        return new Ours(socket);
    }

    /** Their socket. */
    static Side theirs(Peer peer, SocketType type) {
        return new Theirs(peer, type);
    }

    SocketType type() {
        return type;
    }

    abstract boolean isOurs();

    /** E.g. {@code our SUB} or {@code libzmq 4.3.4 PUB}, for failure messages. */
    abstract String describe();

    /** Binds to an ephemeral loopback port; returns the endpoint. */
    String bind() {
        return bind(InteropScenario.ANY_PORT);
    }

    /** Binds {@code endpoint} (e.g. {@code ipc://*}); returns the endpoint as bound. */
    abstract String bind(String endpoint);

    abstract void connect(String endpoint);

    /** Sends one message; fails the test if it is not accepted within the send timeout. */
    abstract void send(byte[]... frames);

    /** The next message, or {@code null} when none arrives within {@code timeout}. */
    abstract Peer.Received receive(Duration timeout);

    /** SUB: the SUBSCRIBE option; XSUB: the message {@code 01 topic}. */
    abstract void subscribe(byte[] topic);

    /** SUB: the UNSUBSCRIBE option; XSUB: the message {@code 00 topic}. */
    abstract void unsubscribe(byte[] topic);

    /** Sets ROUTING_ID (for connections made afterwards). */
    abstract void routingId(byte[] id);

    /** Their side: lets their library attach new connections and so on (see {@link Peer#pump()}); ours: nothing. */
    abstract void pump();

    /**
     * The next message at this side, or {@code null} after {@code timeout}; waits in short slices, pumping
     * {@code other} in between, so that their library, if it is the other side, keeps processing its connections.
     */
    Peer.Received receiveWhilePumping(Side other, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Peer.Received r = receive(Duration.ofMillis(20));
            long left = deadline - System.nanoTime();
            if (r != null || left <= 0) {
                return r;
            }
            other.pump();
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Links {@code ours} and {@code theirs}: {@code binder} binds on an ephemeral port, the other connects. */
    static void link(Side ours, Side theirs, Binder binder) {
        if (binder == Binder.OURS) {
            theirs.connect(ours.bind());
        } else {
            ours.connect(theirs.bind());
        }
    }

    private static final class Ours extends Side {
        private final Socket socket;

        Ours(Socket socket) {
            super(socket.type());
            this.socket = socket;
        }

        @Override
        boolean isOurs() {
            return true;
        }

        @Override
        String describe() {
            return "our " + type();
        }

        @Override
        String bind(String endpoint) {
            return socket.bind(endpoint);
        }

        @Override
        void connect(String endpoint) {
            socket.connect(endpoint);
        }

        @Override
        void send(byte[]... frames) {
            Message m = Message.of(frames);
            boolean sent = false;
            try {
                sent = socket.send(m);
            } finally {
                if (!sent) {
                    m.close();
                }
            }
            assertTrue(sent, describe() + " could not send a message of " + frames.length + " frame(s) within "
                    + socket.get(SocketOption.SNDTIMEO));
        }

        @Override
        Peer.Received receive(Duration timeout) {
            try (Message m = socket.receive(timeout)) {
                return m == null ? null : Peer.Received.copyOf(m);
            }
        }

        @Override
        void subscribe(byte[] topic) {
            if (type() == SocketType.XSUB) {
                send(RawZmtp.concat(new byte[] {1}, topic));
            } else {
                socket.subscribe(topic);
            }
        }

        @Override
        void unsubscribe(byte[] topic) {
            if (type() == SocketType.XSUB) {
                send(RawZmtp.concat(new byte[] {0}, topic));
            } else {
                socket.unsubscribe(topic);
            }
        }

        @Override
        void routingId(byte[] id) {
            socket.set(SocketOption.ROUTING_ID, id);
        }

        @Override
        void pump() {
        }
    }

    private static final class Theirs extends Side {
        private final Peer peer;

        Theirs(Peer peer, SocketType type) {
            super(type);
            this.peer = peer;
        }

        @Override
        boolean isOurs() {
            return false;
        }

        @Override
        String describe() {
            return peer.describe();
        }

        @Override
        String bind(String endpoint) {
            return peer.bind(endpoint);
        }

        @Override
        void connect(String endpoint) {
            peer.connect(endpoint);
        }

        @Override
        void send(byte[]... frames) {
            peer.send(frames);
        }

        @Override
        Peer.Received receive(Duration timeout) {
            return peer.receive(timeout);
        }

        @Override
        void subscribe(byte[] topic) {
            peer.subscribe(topic);
        }

        @Override
        void unsubscribe(byte[] topic) {
            peer.unsubscribe(topic);
        }

        @Override
        void routingId(byte[] id) {
            peer.setOption("ROUTING_ID", id);
        }

        @Override
        void pump() {
            peer.pump();
        }
    }
}
