package io.jzmtp.cli;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One message per line: frames joined by a delimiter (TAB by default), each frame as UTF-8 text or, with
 * {@code --hex}, as lower-case hex. The same rules read stdin and write stdout, so the output of one {@code jzmtp}
 * can feed another. Text that is not UTF-8, or that contains the delimiter or a line break, cannot be told apart on
 * the way back: use {@code --hex} for binary data.
 */
final class LineFormat {

    private static final HexFormat HEX = HexFormat.of();

    private final String delimiter;
    private final Pattern splitter;
    private final boolean hex;

    LineFormat(String delimiter, boolean hex) {
        if (delimiter.isEmpty()) {
            throw new UsageException("--delimiter must not be empty");
        }
        this.delimiter = delimiter;
        this.splitter = Pattern.compile(Pattern.quote(delimiter));
        this.hex = hex;
    }

    String delimiter() {
        return delimiter;
    }

    boolean isHex() {
        return hex;
    }

    /** The message a line stands for; the caller owns it. */
    Message parse(String line) {
        return Message.of(frames(line));
    }

    /** The frames a line stands for, as bytes. */
    byte[][] frames(String line) {
        String[] fields = fields(line);
        byte[][] frames = new byte[fields.length][];
        for (int i = 0; i < fields.length; i++) {
            frames[i] = decodeField(fields[i]);
        }
        return frames;
    }

    /** A line's fields, split on the delimiter; an empty line is one empty frame, trailing empty fields are kept. */
    String[] fields(String line) {
        return splitter.split(line, -1);
    }

    /** One field as bytes: UTF-8 text, or hex with {@code --hex}. */
    byte[] decodeField(String field) {
        return hex ? hexBytes(field, "frame") : field.getBytes(StandardCharsets.UTF_8);
    }

    /** Parses hex, naming {@code what} when it is not hex. */
    static byte[] hexBytes(String field, String what) {
        try {
            return HEX.parseHex(field);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + abbreviate(field) + "' is not hex (an even number of "
                    + "0-9a-f digits)");
        }
    }

    /** Appends frames {@code from}… of {@code message}, joined by the delimiter. */
    StringBuilder append(StringBuilder line, Message message, int from) {
        for (int i = from; i < message.size(); i++) {
            if (i > from) {
                line.append(delimiter);
            }
            appendFrame(line, message.frame(i));
        }
        return line;
    }

    /** Appends one frame as text or hex. */
    void appendFrame(StringBuilder line, Frame frame) {
        line.append(text(frame.toBytes(), 0));
    }

    /** {@code bytes} from {@code offset} on, as text or hex. */
    String text(byte[] bytes, int offset) {
        return hex ? HEX.formatHex(bytes, offset, bytes.length)
                : new String(bytes, offset, bytes.length - offset, StandardCharsets.UTF_8);
    }

    /** Formats bytes as lower-case hex, as routing ids are always printed. */
    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
