package io.jzmtp.wire;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The 64-byte ZMTP 3.x greeting (RFC 23 §2.4, ZMTP.md §2): signature, version, mechanism, as-server flag, filler.
 *
 * <p>Sent in three stages like libzmq does (ZMTP.md §2.2): the 10-byte signature at once, the major version after the
 * peer's signature has arrived, and the remaining 53 bytes after the peer's major version. This never deadlocks
 * against a peer that waits, and lets an old peer be recognised before we have said anything it cannot parse.
 */
public final class Greeting {

    /** Length of the whole greeting. */
    public static final int GREETING_LENGTH = 64;
    /** Length of the signature (bytes 0–9). */
    public static final int SIGNATURE_LENGTH = 10;
    /** Offset of the major version byte. */
    public static final int MAJOR_OFFSET = 10;
    /** Offset of the minor version byte. */
    public static final int MINOR_OFFSET = 11;
    /** Offset of the 20-byte mechanism name. */
    public static final int MECHANISM_OFFSET = 12;
    /** Length of the NUL-padded mechanism name. */
    public static final int MECHANISM_LENGTH = 20;
    /** Offset of the as-server byte. */
    public static final int AS_SERVER_OFFSET = 32;
    /** Length of what follows the major version byte. */
    public static final int REST_LENGTH = GREETING_LENGTH - MAJOR_OFFSET - 1;
    /** The major version we announce. */
    public static final int OUR_MAJOR = 3;
    /** The minor version we announce. */
    public static final int OUR_MINOR = 1;

    private Greeting() {
    }

    /**
     * Writes the signature. The padding holds {@code identityLength + 1} as a big-endian uint64, as libzmq does, so a
     * ZMTP 1.0 peer reads it as the header of an identity frame (ZMTP.md §2.1).
     */
    public static void writeSignature(ByteBuf out, int identityLength) {
        out.writeByte(0xff);
        out.writeLong(identityLength + 1L);
        out.writeByte(0x7f);
    }

    /** Writes our major version byte. */
    public static void writeMajor(ByteBuf out) {
        out.writeByte(OUR_MAJOR);
    }

    /** Writes the 53 bytes after the major version: minor, mechanism, as-server, filler. */
    public static void writeRest(ByteBuf out, String mechanism, boolean asServer) {
        byte[] name = mechanismBytes(mechanism);
        out.writeByte(OUR_MINOR);
        out.writeBytes(name);
        out.writeZero(MECHANISM_LENGTH - name.length);
        out.writeByte(asServer ? 1 : 0);
        out.writeZero(GREETING_LENGTH - AS_SERVER_OFFSET - 1);
    }

    /** Whether the ten bytes at {@code offset} are a versioned ZMTP signature (byte 0 {@code ff}, byte 9 bit 0 set). */
    public static boolean isVersionedSignature(ByteBuf in, int offset) {
        return in.getUnsignedByte(offset) == 0xff && (in.getUnsignedByte(offset + 9) & 1) == 1;
    }

    /** Whether the 20-byte mechanism field at {@code offset} equals {@code mechanism}, NUL padding included. */
    public static boolean mechanismMatches(ByteBuf in, int offset, String mechanism) {
        byte[] name = mechanismBytes(mechanism);
        for (int i = 0; i < MECHANISM_LENGTH; i++) {
            int expected = i < name.length ? name[i] : 0;
            if (in.getByte(offset + i) != expected) {
                return false;
            }
        }
        return true;
    }

    /** The mechanism field at {@code offset} as printable text, for error messages. */
    public static String mechanismText(ByteBuf in, int offset) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < MECHANISM_LENGTH; i++) {
            int b = in.getUnsignedByte(offset + i);
            if (b == 0) {
                break;
            }
            sb.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return sb.toString();
    }

    private static byte[] mechanismBytes(String mechanism) {
        byte[] name = mechanism.getBytes(StandardCharsets.US_ASCII);
        if (name.length == 0 || name.length > MECHANISM_LENGTH) {
            throw new IllegalArgumentException("mechanism name must be 1..20 ASCII bytes: " + mechanism);
        }
        return name;
    }
}
