package io.jzmtp.mechanism;

import io.jzmtp.msg.Metadata;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.PropertyCodec;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/** What the PLAIN and CURVE handshakes share: metadata as bytes, and the errors for a command out of place. */
final class HandshakeCommands {

    private HandshakeCommands() {
    }

    /** {@code metadata} in the property encoding of READY (ZMTP.md §5.2). */
    static byte[] encode(Metadata metadata) {
        ByteBuf buf = Unpooled.buffer(PropertyCodec.encodedLength(metadata));
        PropertyCodec.write(buf, metadata);
        return buf.array();
    }

    /** Properties from {@code length} bytes of {@code data} at {@code offset}. */
    static Metadata decode(byte[] data, int offset, int length) {
        return PropertyCodec.read(Unpooled.wrappedBuffer(data, offset, length));
    }

    /**
     * The failure for a command the handshake did not expect now; a peer's ERROR becomes a refusal with its reason.
     *
     * @param expected what was expected, e.g. {@code "WELCOME"}
     */
    static ZmtpProtocolException unexpected(String mechanism, Command command, String expected) {
        if (command instanceof Command.Error error) {
            return refused(mechanism, error.reason());
        }
        byte[] error = dataOf(command, "ERROR");   // CURVE reads its handshake commands undecoded
        if (error != null && error.length >= 1 && error.length == 1 + (error[0] & 0xff)) {
            return refused(mechanism, new String(error, 1, error.length - 1, StandardCharsets.UTF_8));
        }
        return new ZmtpProtocolException(ZmtpError.UNEXPECTED_COMMAND, command.name() + " during the " + mechanism
                + " handshake (expected " + expected + ")");
    }

    private static ZmtpProtocolException refused(String mechanism, String reason) {
        return new ZmtpProtocolException(ZmtpError.PEER_ERROR, "the " + mechanism + " peer refused us: '" + reason
                + "'");
    }

    /** The failure for a command whose data does not follow its grammar. */
    static ZmtpProtocolException malformed(String mechanism, String detail) {
        return new ZmtpProtocolException(ZmtpError.MALFORMED_COMMAND, mechanism + ": " + detail);
    }

    /** The data of {@code command} if it is the {@code name} command, else {@code null}. */
    static byte[] dataOf(Command command, String name) {
        return command instanceof Command.Unknown u && u.name().equals(name) ? u.data() : null;
    }
}
