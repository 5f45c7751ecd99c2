package io.jzmtp.mechanism;

import io.jzmtp.msg.Metadata;
import io.jzmtp.security.ZapHandler;
import io.jzmtp.security.ZapReply;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The server side of PLAIN (RFC 24, ZMTP.md §12): reads the client's HELLO, asks the ZAP handler about its user name
 * and password, answers WELCOME (or ERROR with the ZAP code), then takes INITIATE and answers READY. Without a ZAP
 * handler every client is refused, as libzmq does: a PLAIN server has nobody to check passwords against.
 */
public final class PlainServerMechanism implements Mechanism {

    private enum Phase { EXPECT_HELLO, ASKING, EXPECT_INITIATE, DONE }

    private final Metadata localMetadata;
    private final ServerSecurity security;
    private String peerAddress = "";
    private ZapReply approval;
    private String user = "";
    private Phase phase = Phase.EXPECT_HELLO;

    /** A server announcing {@code localMetadata} that asks {@code security}'s ZAP handler about each client. */
    public PlainServerMechanism(Metadata localMetadata, ServerSecurity security) {
        this.localMetadata = localMetadata;
        this.security = security;
    }

    /** Factory for server sockets. */
    public static MechanismFactory factory(ServerSecurity security) {
        return local -> new PlainServerMechanism(local, security);
    }

    @Override
    public String name() {
        return PlainClientMechanism.NAME;
    }

    @Override
    public boolean asServer() {
        return true;
    }

    @Override
    public void peerGreeting(boolean peerAsServer, String address) {
        this.peerAddress = address;
    }

    @Override
    public List<Command> start() {
        return List.of();
    }

    @Override
    public Step receive(Command command) {
        if (phase == Phase.EXPECT_HELLO) {
            byte[] hello = HandshakeCommands.dataOf(command, "HELLO");
            if (hello == null) {
                throw HandshakeCommands.unexpected(name(), command, "HELLO");
            }
            return hello(hello);
        }
        if (phase == Phase.EXPECT_INITIATE) {
            byte[] initiate = HandshakeCommands.dataOf(command, "INITIATE");
            if (initiate == null) {
                throw HandshakeCommands.unexpected(name(), command, "INITIATE");
            }
            Metadata peer = HandshakeCommands.decode(initiate, 0, initiate.length);
            phase = Phase.DONE;
            return Step.complete(ZapCheck.peerMetadata(peer, approval), new Command.Ready(localMetadata));
        }
        throw HandshakeCommands.unexpected(name(), command, "nothing: the handshake is over");
    }

    /** HELLO is {@code [ulen] user [plen] password}, nothing after it (libzmq checks the exact length). */
    private Step hello(byte[] hello) {
        if (hello.length < 2 || hello.length < 2 + (hello[0] & 0xff)) {
            throw HandshakeCommands.malformed(name(), "HELLO of " + hello.length + " bytes is too short");
        }
        int userLength = hello[0] & 0xff;
        int passwordLength = hello[1 + userLength] & 0xff;
        if (hello.length != 2 + userLength + passwordLength) {
            throw HandshakeCommands.malformed(name(), "HELLO is " + hello.length + " bytes, but its lengths say "
                    + (2 + userLength + passwordLength));
        }
        byte[] username = Arrays.copyOfRange(hello, 1, 1 + userLength);
        byte[] password = Arrays.copyOfRange(hello, 2 + userLength, hello.length);
        user = new String(username, StandardCharsets.UTF_8);
        ZapHandler handler = security.handler();
        if (handler == null) {
            throw new ZmtpProtocolException(ZmtpError.AUTHENTICATION_FAILED, "PLAIN client '" + user + "' from "
                    + peerAddress + " refused: this context has no ZAP handler to check passwords "
                    + "(Context.setZapHandler)", "500");
        }
        phase = Phase.ASKING;
        return Step.later(ZapCheck.ask(handler, security, peerAddress, name(), List.of(username, password))
                .thenApply(this::answer));
    }

    /**
     * The ZAP handler's answer: WELCOME if it lets the client in. Runs where the handler's stage completes; the engine
     * takes the step over to the I/O thread, which is the next to use this mechanism (it holds commands meanwhile).
     */
    private Step answer(ZapReply reply) {
        ZapCheck.requireAllowed(reply, name(), "'" + user + "' from " + peerAddress);
        approval = reply;
        phase = Phase.EXPECT_INITIATE;
        return Step.reply(new Command.Unknown("WELCOME"));
    }
}
