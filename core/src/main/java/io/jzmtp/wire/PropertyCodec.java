package io.jzmtp.wire;

import io.jzmtp.msg.Metadata;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes ZMTP metadata properties (RFC 37 §5.2, ZMTP.md §5.2):
 * {@code [name-len: 1][name: 1..255][value-len: uint32 BE][value]}, repeated to the end of the command.
 */
public final class PropertyCodec {

    /** Largest property value we send; RFC 37 allows 2^31-1. */
    public static final int MAX_VALUE_LENGTH = Integer.MAX_VALUE;

    private PropertyCodec() {
    }

    /** Writes every property of {@code metadata} in order. */
    public static void write(ByteBuf out, Metadata metadata) {
        for (Metadata.Property p : metadata.properties()) {
            byte[] name = nameBytes(p.name());
            byte[] value = p.value();
            out.writeByte(name.length);
            out.writeBytes(name);
            out.writeInt(value.length);
            out.writeBytes(value);
        }
    }

    /** Number of bytes {@link #write} produces for {@code metadata}. */
    public static int encodedLength(Metadata metadata) {
        int n = 0;
        for (Metadata.Property p : metadata.properties()) {
            n += 1 + nameBytes(p.name()).length + 4 + p.value().length;
        }
        return n;
    }

    /**
     * Reads properties from the readable bytes of {@code in} up to its writer index. A property that runs past the end,
     * an empty name, or stray trailing bytes are a {@link ZmtpError#BAD_METADATA} error, as in libzmq.
     */
    public static Metadata read(ByteBuf in) {
        List<Metadata.Property> props = new ArrayList<>(4);
        while (in.isReadable()) {
            int nameLength = in.readUnsignedByte();
            if (nameLength == 0) {
                throw bad("property with an empty name");
            }
            if (in.readableBytes() < nameLength + 4) {
                throw bad("property name or value length runs past the end of the command");
            }
            String name = in.readCharSequence(nameLength, StandardCharsets.US_ASCII).toString();
            long valueLength = in.readUnsignedInt();
            if (valueLength > in.readableBytes()) {
                throw bad("value of '" + name + "' declares " + valueLength + " bytes but only "
                        + in.readableBytes() + " remain");
            }
            byte[] value = new byte[(int) valueLength];
            in.readBytes(value);
            props.add(new Metadata.Property(name, value));
        }
        return Metadata.of(props);
    }

    private static byte[] nameBytes(String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        if (b.length == 0 || b.length > 255) {
            throw new IllegalArgumentException("property name must be 1..255 ASCII bytes: '" + name + "'");
        }
        return b;
    }

    private static ZmtpProtocolException bad(String detail) {
        return new ZmtpProtocolException(ZmtpError.BAD_METADATA, detail);
    }
}
