package io.jzmtp.transport;

import io.netty.channel.WriteBufferWaterMark;

/** What every stream-socket transport (tcp, ipc) sets the same way. */
public final class StreamSocketDefaults {

    /** Outbound bytes queued in Netty before a channel reports itself unwritable and its pipe stops draining. */
    public static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    /** libzmq's listen backlog. */
    public static final int BACKLOG = 100;

    private StreamSocketDefaults() {
    }
}
