package io.jzmtp.mechanism;

import io.jzmtp.msg.Metadata;
import io.jzmtp.wire.Command;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A ZMTP security mechanism as a pure state machine (no I/O): it is told about commands the peer sent and answers
 * with commands to send, until the handshake completes with the peer's metadata. The engine does the I/O, so the same
 * mechanism works over any transport and is testable without sockets.
 *
 * <p>Methods are called on one thread (the connection's event loop), in order. Errors are reported by throwing
 * {@link io.jzmtp.wire.ZmtpProtocolException}. A step that must wait for an answer from elsewhere (a ZAP handler
 * deciding whether a client may come in) returns {@link Step#later}: the engine holds the peer's further commands,
 * without blocking its thread, until the answer comes (or HANDSHAKE_IVL runs out).
 */
public interface Mechanism {

    /** The name in the greeting, e.g. {@code NULL}. */
    String name();

    /** The as-server flag we announce in the greeting. */
    boolean asServer();

    /**
     * The peer's greeting is complete; {@code peerAsServer} is its as-server flag. NULL ignores it, as libzmq does (it
     * takes roles from its own options); a mechanism with roles may refuse a peer that claims the wrong one.
     */
    default void peerGreeting(boolean peerAsServer) {
    }

    /**
     * As {@link #peerGreeting(boolean)}, with the peer's address as ZAP reports it ({@code 127.0.0.1}; "" when the
     * transport has none). A server that asks a ZAP handler keeps it; the default ignores it.
     */
    default void peerGreeting(boolean peerAsServer, String peerAddress) {
        peerGreeting(peerAsServer);
    }

    /**
     * How frames travel once the handshake is complete, asked once at that moment; {@code null} (the default) means
     * as they are. CURVE returns the box that seals each frame in a MESSAGE command.
     */
    default FrameBox frameBox() {
        return null;
    }

    /**
     * Whether this mechanism reads every handshake command undecoded, as {@link Command.Unknown}: CURVE's READY and
     * ERROR carry a box or a bare reason rather than what the NULL grammar of those names says. Default false.
     */
    default boolean readsUndecodedCommands() {
        return false;
    }

    /** Commands to send as soon as both greetings have been exchanged. */
    List<Command> start();

    /**
     * The handshake is over, completed or failed (the connection may have closed mid-way): a mechanism zeroes the
     * secrets it holds. Called once, on the I/O thread. Default: nothing to zero.
     */
    default void dispose() {
    }

    /**
     * The first step once both greetings have been exchanged: by default, send {@link #start()}'s commands. A
     * mechanism that must hear from elsewhere before it says anything (NULL asking ZAP about the peer's address)
     * returns {@link Step#later}; the peer's commands are held meanwhile.
     */
    default Step begin() {
        return new Step(start(), null);
    }

    /** Handles one command from the peer during the handshake. */
    Step receive(Command command);

    /**
     * The outcome of one step.
     *
     * @param toSend       commands to send now, in order
     * @param peerMetadata the peer's metadata when the handshake is complete, else {@code null}
     * @param pending      the step that follows once an answer from elsewhere arrives, or {@code null}
     */
    record Step(List<Command> toSend, Metadata peerMetadata, CompletionStage<Step> pending) {

        /** A step that needs nothing from elsewhere. */
        public Step(List<Command> toSend, Metadata peerMetadata) {
            this(toSend, peerMetadata, null);
        }

        /** Whether the handshake is complete. */
        public boolean isComplete() {
            return peerMetadata != null;
        }

        /** Whether the handshake waits for {@link #pending} before it goes on. */
        public boolean isPending() {
            return pending != null;
        }

        /** A step that completes the handshake, optionally sending commands first. */
        public static Step complete(Metadata peerMetadata, Command... toSend) {
            return new Step(List.of(toSend), peerMetadata);
        }

        /** A step that sends commands and waits for more. */
        public static Step reply(Command... toSend) {
            return new Step(List.of(toSend), null);
        }

        /** A step decided later, when {@code next} completes (on any thread); failing it fails the handshake. */
        public static Step later(CompletionStage<Step> next) {
            return new Step(List.of(), null, next);
        }
    }
}
