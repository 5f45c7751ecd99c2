package io.jzmtp.cli;

import io.jzmtp.SocketType;
import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;

/**
 * Messages as lines for one socket type: the {@link LineFormat} of the command line, plus ROUTER's routing id, which
 * comes first as hex in both directions ({@code 00a3f1<TAB>frame…}) whatever the frame format.
 */
final class Lines {

    private final LineFormat format;
    private final boolean routed;

    Lines(Invocation inv) {
        this.format = inv.format();
        this.routed = inv.type() == SocketType.ROUTER;
    }

    /** The line printed for a received message. */
    String format(Message message) {
        StringBuilder line = new StringBuilder();
        if (routed && message.size() > 0) {
            line.append(LineFormat.hex(message.frame(0).toBytes()));
            if (message.size() > 1) {
                line.append(format.delimiter());
            }
            return format.append(line, message, 1).toString();
        }
        return format.append(line, message, 0).toString();
    }

    /**
     * The message an input line stands for; the caller owns it. A line that cannot be read is a runtime failure
     * naming the line number.
     */
    Message parse(String line, long lineNumber) {
        try {
            if (!routed) {
                return format.parse(line);
            }
            String[] fields = format.fields(line);
            if (fields.length < 2) {
                throw new IllegalArgumentException("a router line is the peer's routing id in hex, the delimiter, "
                        + "then the frames");
            }
            Message message = Message.of(Frame.of(LineFormat.hexBytes(fields[0], "routing id")));
            for (int i = 1; i < fields.length; i++) {
                message.add(Frame.of(format.decodeField(fields[i])));
            }
            return message;
        } catch (IllegalArgumentException e) {
            throw CliFailure.failure("stdin line " + lineNumber + ": " + e.getMessage());
        }
    }
}
