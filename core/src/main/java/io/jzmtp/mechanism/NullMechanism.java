package io.jzmtp.mechanism;

import io.jzmtp.msg.Metadata;
import io.jzmtp.security.ZapHandler;
import io.jzmtp.security.ZapReply;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;

import java.util.List;

/**
 * The NULL mechanism (RFC 23 §2.5, ZMTP.md §5): each side sends READY with its metadata as soon as the greetings are
 * done and the handshake completes when the peer's READY arrives. Like libzmq it is symmetric, so READY may arrive
 * before or after ours was sent.
 *
 * <p>With a ZAP domain set (ZMTP.md §14, libzmq 4.3): when the context has a ZAP handler, it is asked about the peer's
 * address before our READY goes out, and a refusal closes the connection; without a handler the connection goes on,
 * unless ZAP_ENFORCE_DOMAIN is set.
 */
public final class NullMechanism implements Mechanism {

    /** The mechanism name in the greeting. */
    public static final String NAME = "NULL";
    /** Factory for sockets that use no security. */
    public static final MechanismFactory FACTORY = NullMechanism::new;

    private final Metadata localMetadata;
    private final ServerSecurity security;
    private String peerAddress = "";
    private ZapReply approval;
    private boolean done;

    /** A NULL mechanism announcing {@code localMetadata} in its READY. */
    public NullMechanism(Metadata localMetadata) {
        this(localMetadata, null);
    }

    /** As above, asking {@code security}'s ZAP handler about each peer when its domain is set. */
    public NullMechanism(Metadata localMetadata, ServerSecurity security) {
        this.localMetadata = localMetadata;
        this.security = security;
    }

    /** Factory for NULL sockets with a ZAP domain (or ZAP_ENFORCE_DOMAIN). */
    public static MechanismFactory factory(ServerSecurity security) {
        return local -> new NullMechanism(local, security);
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
    public void peerGreeting(boolean peerAsServer, String address) {
        this.peerAddress = address;
    }

    @Override
    public List<Command> start() {
        return List.of(new Command.Ready(localMetadata));
    }

    /** READY at once, unless a ZAP domain is set: then only once the ZAP handler lets the peer in. */
    @Override
    public Step begin() {
        if (security == null || security.domain().isEmpty() && !security.enforceDomain()) {
            return Mechanism.super.begin();
        }
        ZapHandler handler = security.handler();
        if (handler == null) {
            if (security.enforceDomain()) {
                throw ZapCheck.noHandlerEnforced(NAME, peerAddress);
            }
            return Mechanism.super.begin();   // libzmq 4.2.5+: a domain without a handler is no check
        }
        return Step.later(ZapCheck.ask(handler, security, peerAddress, NAME, List.of()).thenApply(reply -> {
            ZapCheck.requireAllowed(reply, NAME, "from " + peerAddress);
            approval = reply;
            return new Step(start(), null);
        }));
    }

    @Override
    public Step receive(Command command) {
        if (done) {
            throw new ZmtpProtocolException(ZmtpError.UNEXPECTED_COMMAND, "command after the NULL handshake ended");
        }
        if (command instanceof Command.Ready ready) {
            done = true;
            return Step.complete(ZapCheck.peerMetadata(ready.metadata(), approval));
        }
        if (command instanceof Command.Error error) {
            throw new ZmtpProtocolException(ZmtpError.PEER_ERROR, "peer sent ERROR '" + error.reason() + "'");
        }
        throw new ZmtpProtocolException(ZmtpError.UNEXPECTED_COMMAND,
                command.name() + " during the NULL handshake (expected READY or ERROR)");
    }
}
