package io.jzmtp.mechanism;

import io.jzmtp.msg.Metadata;
import io.jzmtp.wire.Command;

import java.util.List;

/**
 * A ZMTP security mechanism as a pure state machine (no I/O): it is told about commands the peer sent and answers
 * with commands to send, until the handshake completes with the peer's metadata. The engine does the I/O, so the same
 * mechanism works over any transport and is testable without sockets.
 *
 * <p>Methods are called on one thread (the connection's event loop), in order. Errors are reported by throwing
 * {@link io.jzmtp.wire.ZmtpProtocolException}.
 */
public interface Mechanism {

    /** The name in the greeting, e.g. {@code NULL}. */
    String name();

    /** The as-server flag we announce in the greeting. */
    boolean asServer();

    /** Commands to send as soon as both greetings have been exchanged. */
    List<Command> start();

    /** Handles one command from the peer during the handshake. */
    Step receive(Command command);

    /**
     * The outcome of one step.
     *
     * @param toSend       commands to send now, in order
     * @param peerMetadata the peer's metadata when the handshake is complete, else {@code null}
     */
    record Step(List<Command> toSend, Metadata peerMetadata) {

        /** Whether the handshake is complete. */
        public boolean isComplete() {
            return peerMetadata != null;
        }

        /** A step that completes the handshake, optionally sending commands first. */
        public static Step complete(Metadata peerMetadata, Command... toSend) {
            return new Step(List.of(toSend), peerMetadata);
        }

        /** A step that sends commands and waits for more. */
        public static Step reply(Command... toSend) {
            return new Step(List.of(toSend), null);
        }
    }
}
