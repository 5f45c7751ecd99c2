package io.jzmtp.netty;

import io.jzmtp.msg.Message;
import io.jzmtp.wire.ZmtpFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static io.jzmtp.wire.Vectors.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** MORE chains become one atomic {@link Message} (ZMTP.md §3) without a copy; a cut-off message is never delivered. */
class MultipartAggregatorTest {

    private final EmbeddedChannel ch = new EmbeddedChannel(new MultipartAggregator());

    private static ByteBuf buf(String s) {
        return ByteBufAllocator.DEFAULT.buffer().writeBytes(ascii(s));
    }

    @Test
    void moreChainBecomesOneMessageSharingLargeFrameBodies() {
        ByteBuf a = buf("A".repeat(MultipartAggregator.COPY_BELOW));
        ByteBuf c = buf("C".repeat(MultipartAggregator.COPY_BELOW + 1));
        ch.writeInbound(new ZmtpFrame(ZmtpFrame.FLAG_MORE, a));
        ch.writeInbound(new ZmtpFrame(ZmtpFrame.FLAG_MORE, buf("")));
        assertNull(ch.readInbound(), "nothing before the last frame");
        ch.writeInbound(new ZmtpFrame(0, c));
        Message m = ch.readInbound();
        assertEquals(3, m.size());
        assertSame(a, m.frame(0).content(), "large bodies move into the message without a copy");
        assertEquals(0, m.frame(1).size());
        assertSame(c, m.frame(2).content());
        assertEquals(1, a.refCnt());
        m.close();
        assertEquals(0, a.refCnt());
        assertEquals(0, c.refCnt());
        assertFalse(ch.finish());
    }

    @Test
    void smallBodiesAreCopiedAndTheirBuffersReleasedAtOnce() {
        ByteBuf small = buf("x".repeat(MultipartAggregator.COPY_BELOW - 1));
        ch.writeInbound(new ZmtpFrame(0, small));
        assertEquals(0, small.refCnt(), "the read buffer is not pinned by a small frame");
        try (Message m = ch.readInbound()) {
            assertEquals("x".repeat(MultipartAggregator.COPY_BELOW - 1), m.first().toUtf8());
        }
        assertFalse(ch.finish());
    }

    @Test
    void consecutiveMessagesStaySeparate() {
        ch.writeInbound(new ZmtpFrame(0, buf("one")), new ZmtpFrame(ZmtpFrame.FLAG_MORE, buf("two")),
                new ZmtpFrame(0, buf("three")), new ZmtpFrame(0, buf("four")));
        try (Message one = ch.readInbound(); Message two = ch.readInbound(); Message four = ch.readInbound()) {
            assertEquals("Message[\"one\"]", one.toString());
            assertEquals("Message[\"two\", \"three\"]", two.toString());
            assertEquals("Message[\"four\"]", four.toString());
        }
        assertFalse(ch.finish());
    }

    @Test
    void partialMessageIsReleasedWhenTheConnectionCloses() {
        ByteBuf a = buf("a");
        ByteBuf b = buf("b");
        ch.writeInbound(new ZmtpFrame(ZmtpFrame.FLAG_MORE, a), new ZmtpFrame(ZmtpFrame.FLAG_MORE, b));
        assertFalse(ch.finish(), "a cut-off message must not be delivered");
        assertEquals(0, a.refCnt());
        assertEquals(0, b.refCnt());
    }

    @Test
    void partialMessageIsReleasedWhenTheAggregatorIsRemoved() {
        ByteBuf a = buf("a");
        ch.writeInbound(new ZmtpFrame(ZmtpFrame.FLAG_MORE, a));
        ch.pipeline().remove(MultipartAggregator.class);
        assertEquals(0, a.refCnt());
        assertFalse(ch.finish());
    }

    @Test
    void otherMessagesPassThrough() {
        Message subscription = Message.of(new byte[] {1, 't'});
        ch.writeInbound(subscription);
        Message out = ch.readInbound();
        assertSame(subscription, out);
        out.close();
        assertFalse(ch.finish());
    }
}
