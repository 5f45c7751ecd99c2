package io.jzmtp.interop;

import java.time.Duration;
import java.util.List;

/**
 * One socket of another ZeroMQ implementation (libzmq, JeroMQ) that a test talks to over loopback TCP. Every
 * operation has a deadline: a peer that does not answer in time fails the test instead of hanging it.
 */
interface Peer extends AutoCloseable {

    /** What kind of peer this is, for failure messages, e.g. {@code libzmq 4.3.4 PULL}. */
    String describe();

    /** Binds to {@code endpoint} ({@code tcp://127.0.0.1:*} for an ephemeral port); returns the endpoint bound. */
    String bind(String endpoint);

    /** Connects to {@code endpoint}. */
    void connect(String endpoint);

    /** Sends one message of {@code frames}; fails the test if the peer cannot send it within its send timeout. */
    void send(byte[]... frames);

    /** The next message, or {@code null} when none arrives within {@code timeout}. */
    Received receive(Duration timeout);

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
    }
}
