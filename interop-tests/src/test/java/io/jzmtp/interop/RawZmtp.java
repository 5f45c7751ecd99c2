package io.jzmtp.interop;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * ZMTP bytes written out by hand from ZMTP.md, for a raw TCP client that misbehaves on purpose, and a reader for what
 * our socket sent back. Deliberately independent of jzmtp's own codec, so a codec bug cannot hide itself.
 */
final class RawZmtp {

    /** Length of a ZMTP 3 greeting (ZMTP.md §2.1). */
    static final int GREETING_LENGTH = 64;
    /** Length of the signature, the first stage of the greeting. */
    static final int SIGNATURE_LENGTH = 10;

    static final int FLAG_MORE = 0x01;
    static final int FLAG_LONG = 0x02;
    static final int FLAG_COMMAND = 0x04;

    private RawZmtp() {
    }

    /** A ZMTP 3.1 greeting for the NULL mechanism, as client: {@code ff 00×7 01 7f 03 01 "NULL" …}. */
    static byte[] greeting() {
        return greeting("NULL");
    }

    /** A ZMTP 3.1 greeting announcing {@code mechanism}. */
    static byte[] greeting(String mechanism) {
        return greeting(mechanism, 1);
    }

    /** A NULL greeting of ZMTP 3.{@code minor}: 3.0 is what JeroMQ announces, 3.1 what libzmq does. */
    static byte[] greeting(int minor) {
        return greeting("NULL", minor);
    }

    private static byte[] greeting(String mechanism, int minor) {
        byte[] g = new byte[GREETING_LENGTH];
        g[0] = (byte) 0xff;
        g[8] = 0x01;
        g[9] = 0x7f;
        g[10] = 3;
        g[11] = (byte) minor;
        byte[] name = ascii(mechanism);
        System.arraycopy(name, 0, g, 12, name.length);
        return g;
    }

    /** A NULL READY announcing {@code socketType}: {@code 04 1a 05 "READY" 0b "Socket-Type" 00 00 00 04 "PUSH"}. */
    static byte[] ready(String socketType) {
        return command("READY", property("Socket-Type", ascii(socketType)));
    }

    /** One metadata property: {@code [name-len][name][value-len: 4 bytes][value]} (ZMTP.md §5.2). */
    static byte[] property(String name, byte[] value) {
        byte[] n = ascii(name);
        return ByteBuffer.allocate(1 + n.length + 4 + value.length)
                .put((byte) n.length).put(n).putInt(value.length).put(value).array();
    }

    /** A command frame: flags 04 (06 when long), size, {@code [name-len][name][data]}. */
    static byte[] command(String name, byte[] data) {
        byte[] n = ascii(name);
        byte[] body = concat(new byte[] {(byte) n.length}, n, data);
        return frame(FLAG_COMMAND, body);
    }

    /** The ZMTP 3.1 subscription command: {@code 04 <n> 09 "SUBSCRIBE" topic} (ZMTP.md §8.1). */
    static byte[] subscribeCommand(byte[] topic) {
        return command("SUBSCRIBE", topic);
    }

    /** The ZMTP 3.1 cancel command: {@code 04 <n> 06 "CANCEL" topic}. */
    static byte[] cancelCommand(byte[] topic) {
        return command("CANCEL", topic);
    }

    /** The ZMTP 3.0 subscription message: {@code 00 <n> 01 topic}. */
    static byte[] subscribeMessage(byte[] topic) {
        return frame(0, concat(new byte[] {1}, topic));
    }

    /** The ZMTP 3.0 cancel message: {@code 00 <n> 00 topic}. */
    static byte[] cancelMessage(byte[] topic) {
        return frame(0, concat(new byte[] {0}, topic));
    }

    /** A message of {@code frames}, MORE set on all but the last. */
    static byte[] message(byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < frames.length; i++) {
            out.writeBytes(frame(i < frames.length - 1 ? FLAG_MORE : 0, frames[i]));
        }
        return out.toByteArray();
    }

    /** A frame with {@code flags} (LONG is added when the body needs it) and {@code body}. */
    static byte[] frame(int flags, byte[] body) {
        return concat(header(flags, body.length), body);
    }

    /** A message frame holding {@code text}, last of its message. */
    static byte[] message(String text) {
        return frame(0, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A frame header for {@code size} bytes: short form up to 255, else LONG with an 8-byte size. */
    static byte[] header(int flags, long size) {
        if (size >= 0 && size <= 255) {
            return new byte[] {(byte) flags, (byte) size};
        }
        return longHeader(flags, size);
    }

    /** A LONG frame header whatever the size; {@code size} is written as 8 raw bytes (so -1 is 2^64-1). */
    static byte[] longHeader(int flags, long size) {
        return ByteBuffer.allocate(9).put((byte) (flags | FLAG_LONG)).putLong(size).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    /**
     * One frame as it crossed the wire.
     *
     * @param flags the flags byte
     * @param body the body
     * @param wire every byte of the frame, header included
     */
    record WireFrame(int flags, byte[] body, byte[] wire) {
        boolean isCommand() {
            return (flags & FLAG_COMMAND) != 0;
        }

        boolean hasMore() {
            return (flags & FLAG_MORE) != 0;
        }

        /** The command name, for a command frame. */
        String commandName() {
            return new String(body, 1, body[0] & 0xff, StandardCharsets.US_ASCII);
        }

        @Override
        public String toString() {
            return hex(wire);
        }
    }

    /**
     * The complete frames in {@code bytes} from {@code offset} on (a truncated last frame is left out). Fails when the
     * framing is not well-formed ZMTP 3.
     */
    static List<WireFrame> frames(byte[] bytes, int offset) {
        List<WireFrame> frames = new ArrayList<>();
        int at = offset;
        while (at < bytes.length) {
            int flags = bytes[at] & 0xff;
            if ((flags & ~(FLAG_MORE | FLAG_LONG | FLAG_COMMAND)) != 0) {
                throw new AssertionError("reserved flag bits set at offset " + at + ": " + hex(bytes));
            }
            boolean isLong = (flags & FLAG_LONG) != 0;
            int headerLength = isLong ? 9 : 2;
            if (bytes.length - at < headerLength) {
                break;
            }
            long size = isLong ? ByteBuffer.wrap(bytes, at + 1, 8).getLong() : bytes[at + 1] & 0xff;
            if (size < 0 || size > bytes.length - at - headerLength) {
                break;
            }
            int end = at + headerLength + (int) size;
            frames.add(new WireFrame(flags, Arrays.copyOfRange(bytes, at + headerLength, end),
                    Arrays.copyOfRange(bytes, at, end)));
            at = end;
        }
        return frames;
    }

    /** One command that our side sent. */
    record Command(String name, byte[] data) {
        /** The reason of an ERROR command: {@code [reason-len][reason]}, checked to fill the body exactly. */
        String errorReason() {
            if (!name.equals("ERROR")) {
                throw new IllegalStateException("not an ERROR command: " + name);
            }
            if (data.length < 1 || (data[0] & 0xff) != data.length - 1) {
                throw new AssertionError("ERROR reason length " + (data.length < 1 ? "missing" : data[0] & 0xff)
                        + " does not match the " + (data.length - 1) + " bytes that follow: " + hex(data));
            }
            return new String(data, 1, data.length - 1, StandardCharsets.US_ASCII);
        }
    }

    /**
     * The commands in what our side sent after its 64-byte greeting, in order (message frames are skipped). Fails
     * when the bytes are not well-formed ZMTP 3 framing, except for a truncated last frame.
     */
    static List<Command> commandsAfterGreeting(byte[] sent) {
        List<Command> commands = new ArrayList<>();
        int at = GREETING_LENGTH;
        while (at < sent.length) {
            int flags = sent[at] & 0xff;
            boolean isLong = (flags & FLAG_LONG) != 0;
            int headerLength = isLong ? 9 : 2;
            if (sent.length - at < headerLength) {
                break;
            }
            long size = isLong ? ByteBuffer.wrap(sent, at + 1, 8).getLong() : sent[at + 1] & 0xff;
            if (size < 0 || size > sent.length - at - headerLength) {
                break;
            }
            byte[] body = Arrays.copyOfRange(sent, at + headerLength, at + headerLength + (int) size);
            if ((flags & FLAG_COMMAND) != 0) {
                int nameLength = body.length == 0 ? 0 : body[0] & 0xff;
                if (nameLength == 0 || nameLength > body.length - 1) {
                    throw new AssertionError("malformed command frame from our side: " + hex(body));
                }
                String name = new String(body, 1, nameLength, StandardCharsets.US_ASCII);
                commands.add(new Command(name, Arrays.copyOfRange(body, 1 + nameLength, body.length)));
            }
            at += headerLength + (int) size;
        }
        return commands;
    }
}
