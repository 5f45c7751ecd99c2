package io.jzmtp.routing;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.pipe.PipeListener;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * In-memory pipes for routing tests: real {@link Pipe}s with no connection, whose I/O thread is the calling thread.
 * Messages are built from pooled buffers so that Netty's leak detector notices any message the code under test loses.
 * Records every "readable" announcement and forwards it, as the socket does, to a consumer (e.g. a fair queue).
 */
public final class MemoryPipes implements PipeListener {

    private final List<Pipe> announcements = new ArrayList<>();
    private final List<Pipe> created = new ArrayList<>();
    private Consumer<Pipe> onReadable = p -> { };

    /** Announcements go to {@code consumer} as well as being recorded. */
    public MemoryPipes onReadable(Consumer<Pipe> consumer) {
        this.onReadable = consumer;
        return this;
    }

    /** A new unconnected pipe with the given HWMs. */
    public Pipe pipe(int sendHwm, int receiveHwm) {
        Pipe p = new Pipe(sendHwm, receiveHwm, Runnable::run, this);
        created.add(p);
        return p;
    }

    /** Every readable announcement so far, in order. */
    public List<Pipe> announcements() {
        return announcements;
    }

    /** Terminates every pipe made here and releases whatever is still queued in either direction. */
    public void releaseAll() {
        for (Pipe p : created) {
            p.terminate();
            p.discardInbound();
        }
    }

    @Override
    public void readable(Pipe pipe) {
        announcements.add(pipe);
        onReadable.accept(pipe);
    }

    @Override
    public void writable(Pipe pipe) {
    }

    /** A message with one pooled UTF-8 frame per part; the caller owns it. */
    public static Message message(String... parts) {
        Message m = new Message();
        for (String part : parts) {
            m.add(Frame.wrap(ByteBufUtil.writeUtf8(PooledByteBufAllocator.DEFAULT, part)));
        }
        return m;
    }

    /** Hands {@code pipe} a message from its peer, as the connection would. */
    public static void deliver(Pipe pipe, String... parts) {
        pipe.pushInbound(message(parts));
    }

    /** The frames of {@code m} joined with '|', then closes it. */
    public static String consume(Message m) {
        try (m) {
            return text(m);
        }
    }

    /** The frames of {@code m} joined with '|'. */
    public static String text(Message m) {
        StringJoiner j = new StringJoiner("|");
        for (int i = 0; i < m.size(); i++) {
            j.add(m.frame(i).toUtf8());
        }
        return j.toString();
    }

    /** Takes every message queued for the peer, as the connection would, and returns their texts. */
    public static List<String> drainOutbound(Pipe pipe) {
        List<String> out = new ArrayList<>();
        Message m;
        while ((m = pipe.pollOutbound()) != null) {
            out.add(consume(m));
        }
        return out;
    }
}
