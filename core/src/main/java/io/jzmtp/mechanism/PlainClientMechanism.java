package io.jzmtp.mechanism;

import io.jzmtp.msg.Metadata;
import io.jzmtp.wire.Command;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The client side of PLAIN (RFC 24, ZMTP.md §12): HELLO with the user name and password, then INITIATE with our
 * metadata once the server sends WELCOME, done when READY comes. An ERROR from the server, or anything else, ends it.
 * Credentials travel in clear text: PLAIN belongs on trusted networks or inside a tunnel.
 */
public final class PlainClientMechanism implements Mechanism {

    /** The mechanism name in the greeting. */
    public static final String NAME = "PLAIN";

    private enum Phase { EXPECT_WELCOME, EXPECT_READY, DONE }

    private final Metadata localMetadata;
    private final byte[] username;
    private final byte[] password;
    private Phase phase = Phase.EXPECT_WELCOME;

    /**
     * A client announcing {@code localMetadata}, logging in as {@code username} with {@code password} (each at most
     * 255 UTF-8 bytes).
     */
    public PlainClientMechanism(Metadata localMetadata, String username, String password) {
        this.localMetadata = localMetadata;
        this.username = credential(username, "user name");
        this.password = credential(password, "password");
    }

    /** Factory for client sockets with these credentials. */
    public static MechanismFactory factory(String username, String password) {
        credential(username, "user name");
        credential(password, "password");
        return local -> new PlainClientMechanism(local, username, password);
    }

    private static byte[] credential(String value, String what) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        if (b.length > 255) {
            throw new IllegalArgumentException("PLAIN " + what + " must be at most 255 bytes, not " + b.length);
        }
        return b;
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
        byte[] hello = new byte[2 + username.length + password.length];
        hello[0] = (byte) username.length;
        System.arraycopy(username, 0, hello, 1, username.length);
        hello[1 + username.length] = (byte) password.length;
        System.arraycopy(password, 0, hello, 2 + username.length, password.length);
        return List.of(new Command.Unknown("HELLO", hello));
    }

    @Override
    public Step receive(Command command) {
        if (phase == Phase.EXPECT_WELCOME) {
            byte[] welcome = HandshakeCommands.dataOf(command, "WELCOME");
            if (welcome == null) {
                throw HandshakeCommands.unexpected(NAME, command, "WELCOME or ERROR");
            }
            if (welcome.length != 0) {
                throw HandshakeCommands.malformed(NAME, "WELCOME has " + welcome.length + " bytes of data, not 0");
            }
            phase = Phase.EXPECT_READY;
            return Step.reply(new Command.Unknown("INITIATE", HandshakeCommands.encode(localMetadata)));
        }
        if (phase == Phase.EXPECT_READY && command instanceof Command.Ready ready) {
            phase = Phase.DONE;
            return Step.complete(ZapCheck.peerMetadata(ready.metadata(), null));
        }
        throw HandshakeCommands.unexpected(NAME, command, phase == Phase.EXPECT_READY ? "READY or ERROR"
                : "nothing: the handshake is over");
    }
}
