package io.jzmtp.interop;

import io.jzmtp.msg.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One socket of another ZeroMQ implementation (libzmq, JeroMQ) that a test talks to over loopback TCP. Every
 * operation has a deadline: a peer that does not answer in time fails the test instead of hanging it.
 */
public interface Peer extends AutoCloseable {

    /** What kind of peer this is, for failure messages, e.g. {@code libzmq 4.3.4 PULL}. */
    String describe();

    /** Binds to {@code endpoint} ({@code tcp://127.0.0.1:*} for an ephemeral port); returns the endpoint bound. */
    String bind(String endpoint);

    /** Connects to {@code endpoint}. */
    void connect(String endpoint);

    /** Sends one message of {@code frames}; fails the test if the peer cannot send it within its send timeout. */
    void send(byte[]... frames);

    /**
     * Sends one message without waiting. Returns {@code false} when the socket would block (e.g. at SNDHWM); fails the
     * test on any other error.
     */
    boolean trySend(byte[]... frames);

    /** The next message, or {@code null} when none arrives within {@code timeout}. */
    Received receive(Duration timeout);

    /** Every message that arrives until none has arrived for {@code quiet}, in order. */
    List<Received> drain(Duration quiet);

    /**
     * Sets an integer option by its libzmq name without {@code ZMQ_} (e.g. {@code SNDHWM}, {@code RCVBUF},
     * {@code ROUTER_MANDATORY} with 1 for true). Applies to endpoints bound or connected afterwards, as in libzmq.
     */
    void setOption(String name, int value);

    /** Sets a bytes option by its libzmq name ({@code ROUTING_ID}, {@code CONNECT_ROUTING_ID}). */
    void setOption(String name, byte[] value);

    /**
     * Subscribes to {@code topic}: SUB sets the SUBSCRIBE option, XSUB sends the message {@code 01 topic}, as an
     * application using that library would.
     */
    void subscribe(byte[] topic);

    /** Withdraws one {@link #subscribe}: SUB sets UNSUBSCRIBE, XSUB sends {@code 00 topic}. */
    void unsubscribe(byte[] topic);

    /**
     * Lets the library process what is pending without sending or receiving: libzmq and JeroMQ attach a bound
     * socket's new connections (and so send a SUB's subscriptions to a connecting XPUB) only when the application
     * calls the socket. A test thread that waits on our socket calls this now and then, as a real application's
     * receive loop would.
     */
    void pump();

    /**
     * Starts a ZAP handler next to the peer's socket (a REP socket at {@code inproc://zeromq.zap.01} in its context)
     * that answers every request with {@code status} and {@code userId}, and metadata {@code X-Role=tester}. Call
     * before bind or connect.
     */
    void startZapHandler(int status, String userId);

    /** The frames of the last ZAP request the handler saw, or an empty list when it saw none. */
    List<byte[]> lastZapRequest();

    /** The next message, with its {@code User-Id} property in {@link Received#peerSocketType}, or {@code null}. */
    Received receiveWithUserId(Duration timeout);

    /** Closes the socket and releases everything the peer holds (threads, processes). Never throws. */
    @Override
    void close();

    /**
     * A message as the peer received it.
     *
     * @param frames the frames, in order
     * @param peerSocketType the {@code Socket-Type} the sender announced, as the peer's own library reports it
     */
    record Received(List<byte[]> frames, String peerSocketType) {

        /** A copy of one of our messages, with the Socket-Type its connection announced; {@code m} stays the caller's. */
        public static Received copyOf(Message m) {
            List<byte[]> frames = new ArrayList<>(m.size());
            for (int i = 0; i < m.size(); i++) {
                frames.add(m.frame(i).toBytes());
            }
            return new Received(frames, m.metadata().socketType().orElse(null));
        }
    }
}
