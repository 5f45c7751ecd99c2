package io.jzmtp.netty;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.msg.Metadata;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.CommandCodec;
import io.jzmtp.wire.FrameHeader;
import io.jzmtp.wire.ZmtpVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The array fast paths for runs of short frames ({@link FrameWriter}'s gathered run, {@link ZmtpDecoder}'s decoding
 * from a copy of the read) against the plain definition of the wire format: whatever mix of short, long, empty and
 * large frames, commands, flush points and read boundaries, the writer's bytes are each frame's header and body in
 * order, and the decoder gives back exactly the messages and commands those bytes hold, in order.
 */
class ShortFrameRunsTest {

    /** One thing on the wire: a message of frames, or a PING standing for any command between them. */
    sealed interface Item permits Msg, Ping {
        /** The item as the plain definition writes it (ZMTP.md §3): every frame's header, then its body. */
        byte[] wire();
    }

    record Msg(List<byte[]> frames) implements Item {
        @Override
        public byte[] wire() {
            ByteBuf b = Unpooled.buffer();
            try {
                for (int i = 0; i < frames.size(); i++) {
                    FrameHeader.write(b, i < frames.size() - 1 ? FrameHeader.FLAG_MORE : 0, frames.get(i).length);
                    b.writeBytes(frames.get(i));
                }
                return ByteBufUtil.getBytes(b);
            } finally {
                b.release();
            }
        }

        Message toMessage() {
            Message m = new Message();
            frames.forEach(f -> m.add(Frame.of(f.clone())));
            return m;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("M");
            frames.forEach(f -> s.append('|').append(ByteBufUtil.hexDump(f)));
            return s.toString();
        }
    }

    record Ping(int ttl, byte[] context) implements Item {
        @Override
        public byte[] wire() {
            ByteBuf b = Unpooled.buffer();
            try {
                CommandCodec.encode(command(), b);
                return ByteBufUtil.getBytes(b);
            } finally {
                b.release();
            }
        }

        Command command() {
            return new Command.Ping(ttl, context);
        }

        @Override
        public String toString() {
            return "C|" + ttl + "|" + ByteBufUtil.hexDump(context);
        }
    }

    @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
    void theWriterPutsEveryFrameOnTheWireAsTheFormatDefinesIt(@ForAll("items") List<Item> items,
            @ForAll @Size(max = 3) Set<@IntRange(min = 0, max = 399) Integer> flushAfter) {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameEncoder());
        ByteBuf expected = Unpooled.buffer();
        try {
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                expected.writeBytes(item.wire());
                ch.write(item instanceof Msg m ? m.toMessage() : ((Ping) item).command(), ch.voidPromise());
                if (flushAfter.contains(i)) {
                    ch.flush();
                }
            }
            ch.flush();
            ByteBuf sent = Unpooled.buffer();
            try {
                for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
                    sent.writeBytes(b);
                    b.release();
                }
                assertEquals(ByteBufUtil.hexDump(expected), ByteBufUtil.hexDump(sent));
            } finally {
                sent.release();
            }
            assertFalse(ch.finish());
        } finally {
            expected.release();
            ch.finishAndReleaseAll();
        }
    }

    @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
    void theDecoderGivesBackEveryMessageAndCommandWhateverTheReads(
            @ForAll("items") List<Item> items,
            @ForAll @Size(max = 30) List<@IntRange(min = 1, max = 20_000) Integer> reads,
            @ForAll boolean arrayBodies) {
        ByteBuf wire = Unpooled.buffer();
        items.forEach(item -> wire.writeBytes(item.wire()));
        List<Object> delivered = new ArrayList<>();
        ConnectionState state = new ConnectionState();
        state.greetingCompleted(ZmtpVersion.V3_1);
        state.handshakeCompleted(new PeerInfo(Metadata.EMPTY, ZmtpVersion.V3_1, "peer"), null);
        EmbeddedChannel ch = new EmbeddedChannel(
                new ZmtpDecoder(-1, state, delivered::add, "NULL", false, arrayBodies, new ReadSizes()),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        delivered.add(msg);   // commands, in order with the messages
                    }
                });
        List<String> decoded = new ArrayList<>();
        try {
            int read = 0;
            while (wire.isReadable()) {
                int length = Math.min(wire.readableBytes(), read < reads.size() ? reads.get(read++) : 65_536);
                ch.writeInbound(wire.readRetainedSlice(length));
                drain(delivered, decoded);
            }
            assertEquals(items.stream().map(Object::toString).toList(), decoded);
            assertFalse(ch.finish());
        } finally {
            wire.release();
            drain(delivered, decoded);
            ch.finishAndReleaseAll();
        }
    }

    /** Delivered messages and commands as the strings {@link Item#toString()} makes, released as they are read. */
    private static void drain(List<Object> delivered, List<String> decoded) {
        for (Object o : delivered) {
            if (o instanceof Message m) {
                try (m) {
                    List<byte[]> frames = new ArrayList<>();
                    for (int i = 0; i < m.size(); i++) {
                        frames.add(m.frame(i).toBytes());
                    }
                    decoded.add(new Msg(frames).toString());
                }
            } else {
                assertTrue(o instanceof Command.Ping, "only PINGs were sent: " + o);
                Command.Ping p = (Command.Ping) o;
                decoded.add(new Ping(p.ttlDeciseconds(), p.context()).toString());
            }
        }
        delivered.clear();
    }

    /**
     * Either a burst (messages of short frames only, long enough to fill the writer's run and the decoder's window
     * many times) or a mix: mostly short frames, with long ones (256 bytes up to past the size from which the decoder
     * collects a body as it comes) and empty frames among them; PINGs in both.
     */
    @Provide
    Arbitrary<List<Item>> items() {
        Arbitrary<byte[]> shortBody = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(FrameHeader.MAX_SHORT_SIZE),
                Arbitraries.integers().between(0, FrameHeader.MAX_SHORT_SIZE).map(ShortFrameRunsTest::pattern));
        Arbitrary<byte[]> longBody = Arbitraries.integers().between(FrameHeader.MAX_SHORT_SIZE + 1, 600)
                .map(ShortFrameRunsTest::pattern);
        Arbitrary<byte[]> largeBody = Arbitraries.integers().between(ZmtpDecoder.COLLECT_FROM - 10,
                ZmtpDecoder.COLLECT_FROM + 3000).map(ShortFrameRunsTest::pattern);
        Arbitrary<byte[]> mixedBody = Arbitraries.frequencyOf(
                Tuple.of(20, shortBody), Tuple.of(4, longBody), Tuple.of(1, largeBody));
        return Arbitraries.oneOf(items(shortBody, 400), items(mixedBody, 150));
    }

    private static Arbitrary<List<Item>> items(Arbitrary<byte[]> body, int most) {
        Arbitrary<Item> message = body.list().ofMinSize(1).ofMaxSize(4).map(Msg::new);
        Arbitrary<Item> ping = Combinators.combine(Arbitraries.integers().between(0, 65_535),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16)).as(Ping::new);
        return Arbitraries.frequencyOf(Tuple.of(30, message), Tuple.of(1, ping))
                .list().ofMaxSize(most).withSizeDistribution(RandomDistribution.uniform());
    }

    private static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + size);
        }
        return b;
    }
}
