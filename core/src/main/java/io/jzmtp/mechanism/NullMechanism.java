package io.jzmtp.mechanism;

import io.jzmtp.msg.Metadata;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;

import java.util.List;

/**
 * The NULL mechanism (RFC 23 §2.5, ZMTP.md §5): each side sends READY with its metadata as soon as the greetings are
 * done and the handshake completes when the peer's READY arrives. Like libzmq it is symmetric, so READY may arrive
 * before or after ours was sent.
 */
public final class NullMechanism implements Mechanism {

    /** The mechanism name in the greeting. */
    public static final String NAME = "NULL";
    /** Factory for sockets that use no security. */
    public static final MechanismFactory FACTORY = NullMechanism::new;

    private final Metadata localMetadata;
    private boolean done;

    /** A NULL mechanism announcing {@code localMetadata} in its READY. */
    public NullMechanism(Metadata localMetadata) {
        this.localMetadata = localMetadata;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean asServer() {
        return false;
    }

    @Override
    public List<Command> start() {
        return List.of(new Command.Ready(localMetadata));
    }

    @Override
    public Step receive(Command command) {
        if (done) {
            throw new ZmtpProtocolException(ZmtpError.UNEXPECTED_COMMAND, "command after the NULL handshake ended");
        }
        if (command instanceof Command.Ready ready) {
            done = true;
            return Step.complete(ready.metadata());
        }
        if (command instanceof Command.Error error) {
            throw new ZmtpProtocolException(ZmtpError.PEER_ERROR, "peer sent ERROR '" + error.reason() + "'");
        }
        throw new ZmtpProtocolException(ZmtpError.UNEXPECTED_COMMAND,
                command.name() + " during the NULL handshake (expected READY or ERROR)");
    }
}
