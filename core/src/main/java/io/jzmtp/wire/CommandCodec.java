package io.jzmtp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/**
 * Encodes {@link Command}s as complete ZMTP frames and decodes command-frame bodies (ZMTP.md §4): the body is
 * {@code [name-length: 1][name][data]}.
 */
public final class CommandCodec {

    private CommandCodec() {
    }

    /** Writes {@code command} as one command frame (flags, size, body) into {@code out}. */
    public static void encode(Command command, ByteBuf out) {
        FrameHeader.write(out, FrameHeader.FLAG_COMMAND, bodyLength(command));
        encodeBody(command, out);
    }

    /** Writes only the body of {@code command}, {@code [name-length][name][data]} (for a mechanism to seal). */
    public static void encodeBody(Command command, ByteBuf out) {
        byte[] name = command.name().getBytes(StandardCharsets.US_ASCII);
        int start = out.writerIndex();
        out.writeByte(name.length);
        out.writeBytes(name);
        writeData(command, out);
        assert out.writerIndex() - start == bodyLength(command);
    }

    /** Number of bytes {@link #encode} writes for {@code command}, header included. */
    public static int encodedLength(Command command) {
        int bodyLength = bodyLength(command);
        return FrameHeader.length(bodyLength) + bodyLength;
    }

    /** Number of bytes {@link #encodeBody} writes for {@code command}. */
    public static int bodyLength(Command command) {
        return 1 + command.name().length() + dataLength(command);
    }

    /**
     * Decodes a command body (the readable bytes of {@code body}, which is not released). Commands we know but whose
     * data is malformed raise {@link ZmtpError#MALFORMED_COMMAND}; names we do not know become {@link Command.Unknown},
     * with their data.
     */
    public static Command decode(ByteBuf body) {
        ByteBuf in = body.duplicate();
        if (isLibzmqPlainError(in)) {
            in.skipBytes(LIBZMQ_PLAIN_ERROR.length);
            return new Command.Error(readReason(in));
        }
        String name = readName(in);
        switch (name) {
            case "READY":
                return new Command.Ready(PropertyCodec.read(in));
            case "ERROR":
                return new Command.Error(readReason(in));
            case "SUBSCRIBE":
                return new Command.Subscribe(ByteBufUtil.getBytes(in));
            case "CANCEL":
                return new Command.Cancel(ByteBufUtil.getBytes(in));
            case "PING":
                return readPing(in);
            case "PONG":
                return new Command.Pong(ByteBufUtil.getBytes(in));
            default:
                return new Command.Unknown(name, ByteBufUtil.getBytes(in));
        }
    }

    /**
     * libzmq 4.3.4's PLAIN server writes ERROR's name as the C string {@code "\x05ERROR"}, which C reads as the byte
     * 5E then {@code RROR} (ZMTP.md §12): a name length that overruns the body. Read as the ERROR it means, so that
     * a refused client logs the server's reason instead of a framing error.
     */
    private static final byte[] LIBZMQ_PLAIN_ERROR = {0x5e, 'R', 'R', 'O', 'R'};

    private static boolean isLibzmqPlainError(ByteBuf in) {
        if (in.readableBytes() < LIBZMQ_PLAIN_ERROR.length + 1) {
            return false;
        }
        for (int i = 0; i < LIBZMQ_PLAIN_ERROR.length; i++) {
            if (in.getByte(in.readerIndex() + i) != LIBZMQ_PLAIN_ERROR[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes a command body as its name and raw data, whatever the name: for a mechanism whose handshake commands
     * reuse names with a grammar of their own (CURVE's READY carries a box, not properties).
     */
    public static Command.Unknown decodeUninterpreted(ByteBuf body) {
        ByteBuf in = body.duplicate();
        String name = readName(in);
        return new Command.Unknown(name, ByteBufUtil.getBytes(in));
    }

    private static String readName(ByteBuf in) {
        if (!in.isReadable()) {
            throw malformed("empty command frame");
        }
        int nameLength = in.readUnsignedByte();
        if (nameLength == 0 || nameLength > in.readableBytes()) {
            throw malformed("command name length " + nameLength + " does not fit a body of "
                    + (in.readableBytes() + 1) + " bytes");
        }
        return in.readCharSequence(nameLength, StandardCharsets.US_ASCII).toString();
    }

    private static int dataLength(Command command) {
        if (command instanceof Command.Ready r) {
            return PropertyCodec.encodedLength(r.metadata());
        } else if (command instanceof Command.Error e) {
            return 1 + reasonBytes(e.reason()).length;
        } else if (command instanceof Command.Subscribe s) {
            return s.topic().length;
        } else if (command instanceof Command.Cancel c) {
            return c.topic().length;
        } else if (command instanceof Command.Ping p) {
            return 2 + p.context().length;
        } else if (command instanceof Command.Pong p) {
            return p.context().length;
        } else if (command instanceof Command.Unknown u) {
            return u.data().length;
        }
        throw new IllegalArgumentException("cannot encode " + command);
    }

    private static void writeData(Command command, ByteBuf out) {
        if (command instanceof Command.Ready r) {
            PropertyCodec.write(out, r.metadata());
        } else if (command instanceof Command.Error e) {
            byte[] reason = reasonBytes(e.reason());
            out.writeByte(reason.length);
            out.writeBytes(reason);
        } else if (command instanceof Command.Subscribe s) {
            out.writeBytes(s.topic());
        } else if (command instanceof Command.Cancel c) {
            out.writeBytes(c.topic());
        } else if (command instanceof Command.Ping p) {
            out.writeShort(p.ttlDeciseconds());
            out.writeBytes(p.context());
        } else if (command instanceof Command.Pong p) {
            out.writeBytes(p.context());
        } else if (command instanceof Command.Unknown u) {
            out.writeBytes(u.data());
        }
    }

    private static byte[] reasonBytes(String reason) {
        byte[] b = reason.getBytes(StandardCharsets.UTF_8);
        if (b.length > Command.Error.MAX_REASON_LENGTH) {
            // Truncate on a whole byte; the peer only logs it.
            byte[] t = new byte[Command.Error.MAX_REASON_LENGTH];
            System.arraycopy(b, 0, t, 0, t.length);
            return t;
        }
        return b;
    }

    private static String readReason(ByteBuf in) {
        if (!in.isReadable()) {
            throw malformed("ERROR without a reason length");
        }
        int length = in.readUnsignedByte();
        if (length != in.readableBytes()) {
            throw malformed("ERROR reason declares " + length + " bytes but " + in.readableBytes() + " follow");
        }
        return in.readCharSequence(length, StandardCharsets.UTF_8).toString();
    }

    private static Command readPing(ByteBuf in) {
        if (in.readableBytes() < 2) {
            throw malformed("PING shorter than its 2-byte TTL");
        }
        int ttl = in.readUnsignedShort();
        return new Command.Ping(ttl, ByteBufUtil.getBytes(in));
    }

    private static ZmtpProtocolException malformed(String detail) {
        return new ZmtpProtocolException(ZmtpError.MALFORMED_COMMAND, detail);
    }
}
