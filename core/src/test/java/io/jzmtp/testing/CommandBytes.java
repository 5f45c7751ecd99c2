package io.jzmtp.testing;

import io.jzmtp.wire.Command;
import io.jzmtp.wire.CommandCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** A command as the bytes of one frame on the wire, for tests that feed a pipeline raw input. */
public final class CommandBytes {

    private CommandBytes() {
    }

    /** The bytes of {@code command} as one frame, header included. */
    public static byte[] encode(Command command) {
        ByteBuf b = Unpooled.buffer();
        try {
            CommandCodec.encode(command, b);
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }
}
