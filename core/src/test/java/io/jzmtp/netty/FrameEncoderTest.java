package io.jzmtp.netty;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.CommandCodec;
import io.jzmtp.wire.Vectors;
import io.jzmtp.wire.FrameHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jzmtp.wire.Vectors.ascii;
import static io.jzmtp.wire.Vectors.concat;
import static io.jzmtp.wire.Vectors.get;
import static io.jzmtp.wire.Vectors.hex;
import static io.jzmtp.wire.Vectors.repeat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frame encoding (ZMTP.md §3): exact bytes as libzmq sends them, flags by position, the short/long boundary, one
 * buffer per flush for small frames, and large bodies passed on as retained slices instead of being copied.
 */
class FrameEncoderTest {

    private final EmbeddedChannel ch = new EmbeddedChannel(new FrameEncoder());
    private final TrackingAllocator alloc = new TrackingAllocator();

    FrameEncoderTest() {
        ch.config().setAllocator(alloc);
    }

    @AfterEach
    void everyBatchWasReleased() {
        ch.finishAndReleaseAll();   // no-op after a passing test, which finished the channel itself
        alloc.assertAllReleased();
    }

    /** Every buffer written since the last call, as byte arrays; the buffers are released. */
    private List<byte[]> writes() {
        return writes(ch);
    }

    /** Every buffer {@code channel} wrote since the last call, as byte arrays; the buffers are released. */
    private static List<byte[]> writes(EmbeddedChannel channel) {
        List<byte[]> all = new ArrayList<>();
        Object o;
        while ((o = channel.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) o;
            all.add(ByteBufUtil.getBytes(b));
            b.release();
        }
        return all;
    }

    private byte[] sent() {
        return concat(writes().toArray(new byte[0][]));
    }

    /** Writes like {@link PipeBridge} and the handshake do: with the void promise, then one flush. */
    private void send(Object... messages) {
        for (Object m : messages) {
            ch.write(m, ch.voidPromise());
        }
        ch.flush();
    }

    private static Frame pooled(byte[] b) {
        return Frame.wrap(ByteBufAllocator.DEFAULT.buffer(b.length).writeBytes(b));
    }

    @Test
    void libzmqMultipartExampleIsReproducedExactlyInOneBuffer() {
        ch.write(Message.of(ascii("A"), new byte[0], repeat('x', 300)), ch.voidPromise());
        ch.write(Message.of("last"), ch.voidPromise());
        assertTrue(writes().isEmpty(), "nothing leaves before the flush");
        ch.flush();
        List<byte[]> writes = writes();
        assertEquals(1, writes.size(), "small frames are coalesced into one buffer per flush");
        assertEquals(hex(get("frames.multipart_and_long")), hex(writes.get(0)));
        assertFalse(ch.finish());
    }

    @Test
    void moreFlagOnEveryFrameButTheLast() {
        ch.writeOutbound(Message.of("a", "b", "c"));
        assertEquals("010161" + "010162" + "000163", hex(sent()));
        ch.writeOutbound(Message.of("only"));
        assertEquals("00046f6e6c79", hex(sent()));
        assertFalse(ch.finish());
    }

    @Test
    void shortHeaderUpTo255LongFrom256() {
        ch.writeOutbound(Message.of(repeat('a', 255)));
        assertEquals(hex(concat(new byte[] {0, (byte) 0xff}, repeat('a', 255))), hex(sent()));
        ch.writeOutbound(Message.of(repeat('b', 256), new byte[] {'c'}));
        byte[] expected = concat(Vectors.hex("030000000000000100"), repeat('b', 256),
                Vectors.hex("000163"));
        assertEquals(hex(expected), hex(sent()));
        assertFalse(ch.finish());
    }

    @Test
    void commandsAreEncodedLikeLibzmqAndKeepTheirPlaceAmongMessages() {
        send(Message.of("before"), new Command.Ping(0, ascii("abc")), new Command.Error("go away"),
                Message.of("after"));
        List<byte[]> writes = writes();
        assertEquals(1, writes.size());
        assertEquals(hex(concat(Vectors.hex("00066265666f7265"), get("command.ping_abc"),
                get("command.error_go_away"), get("command.message_after"))), hex(writes.get(0)));
        assertFalse(ch.finish());
    }

    @Test
    void aWriterSharedWithTheBridgeKeepsCommandsAndDrainedMessagesInTheOrderTheyWereEncoded() {
        FrameWriter shared = new FrameWriter(new ConnectionState());
        EmbeddedChannel connection = new EmbeddedChannel(new FrameEncoder(shared));
        TrackingAllocator connectionAlloc = new TrackingAllocator();
        connection.config().setAllocator(connectionAlloc);
        connection.write(new Command.Ping(0, ascii("abc")), connection.voidPromise());   // batched, not flushed
        shared.write(Message.of("before"));   // what PipeBridge's drain does: straight into the writer...
        shared.write(Message.of("after"));
        shared.flush();                       // ...then one write and flush from the encoder's place
        List<byte[]> writes = writes(connection);
        assertEquals(2, writes.size(), "the lone command's buffer of its own size, then the messages' batch");
        assertEquals(hex(get("command.ping_abc")), hex(writes.get(0)));
        assertEquals(hex(concat(Vectors.hex("00066265666f7265"), get("command.message_after"))),
                hex(writes.get(1)));
        assertFalse(connection.finish());
        connectionAlloc.assertAllReleased();
    }

    @Test
    void writtenMessagesAreReleased() {
        ByteBuf small = ByteBufAllocator.DEFAULT.buffer().writeBytes(ascii("small"));
        ch.writeOutbound(Message.of(Frame.wrap(small)));
        assertEquals(0, small.refCnt(), "a copied body is released at once");
        writes();
        assertFalse(ch.finish());
    }

    @Test
    void bodyAtCopyThresholdIsPassedOnAsItsOwnBufferWithoutCopying() {
        byte[] big = repeat('L', FrameEncoder.COPY_THRESHOLD);
        send(Message.of(ascii("head"), big, ascii("tail")));
        List<ByteBuf> out = new ArrayList<>();
        Object o;
        while ((o = ch.readOutbound()) != null) {
            out.add((ByteBuf) o);
        }
        assertEquals(3, out.size(), "batch with the large frame's header, the body itself, the rest");
        assertEquals(hex(concat(ascii("\u0001\u0004head"), Vectors.hex("030000000000002000"))),
                ByteBufUtil.hexDump(out.get(0)));
        ByteBuf body = out.get(1);
        assertTrue(body.hasArray());
        assertSame(big, body.array(), "the body shares the sender's memory");
        assertEquals(big.length, body.readableBytes());
        assertEquals("0004" + hex(ascii("tail")), ByteBufUtil.hexDump(out.get(2)));
        out.forEach(ByteBuf::release);
        assertFalse(ch.finish());
    }

    @Test
    void bodyJustBelowCopyThresholdIsCopiedIntoTheBatch() {
        byte[] body = repeat('s', FrameEncoder.COPY_THRESHOLD - 1);
        send(Message.of(body), Message.of("next"));
        List<byte[]> writes = writes();
        assertEquals(1, writes.size());
        assertEquals(9 + body.length + 6, writes.get(0).length);
        assertFalse(ch.finish());
    }

    @Test
    void largeBodyIsRetainedUntilTheTransportIsDoneWithIt() {
        ByteBuf big = ByteBufAllocator.DEFAULT.directBuffer(FrameEncoder.COPY_THRESHOLD * 2)
                .writeBytes(repeat('D', FrameEncoder.COPY_THRESHOLD * 2));
        ch.writeOutbound(Message.of(Frame.wrap(big)));
        assertEquals(1, big.refCnt(), "the message's reference is gone; the slice on its way holds one");
        byte[] all = sent();
        assertEquals(0, big.refCnt(), "released once the transport released the slice");
        assertEquals(9 + FrameEncoder.COPY_THRESHOLD * 2, all.length);
        assertFalse(ch.finish());
    }

    @Test
    void batchesAreHandedOnWhenFullNeverGrown() {
        int frame = 9 + 1000;
        int messages = 3 * FrameEncoder.BATCH_BYTES / frame;
        for (int i = 0; i < messages; i++) {
            ch.write(Message.of(repeat((char) ('a' + i % 26), 1000)), ch.voidPromise());
        }
        ch.flush();
        List<byte[]> writes = writes();
        assertTrue(writes.size() >= 3, "one ever-growing buffer: " + writes.size());
        int total = 0;
        for (byte[] w : writes) {
            assertTrue(w.length <= FrameEncoder.BATCH_BYTES, "batch of " + w.length);
            total += w.length;
        }
        assertEquals(messages * frame, total);
        byte[] all = concat(writes.toArray(new byte[0][]));
        for (int i = 0; i < messages; i++) {
            assertEquals(FrameHeader.FLAG_LONG, all[i * frame]);
            assertEquals('a' + i % 26, all[i * frame + 9], "message " + i + " out of order");
        }
        assertFalse(ch.finish());
    }

    @Test
    void rawBuffersPassThroughAfterWhatWasBatchedBeforeThem() {
        send(Message.of("m"), Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, 0x7f}), Message.of("n"));
        assertEquals("00016d" + "ff7f" + "00016e", hex(sent()));
        assertFalse(ch.finish());
    }

    /** A caller with a real promise gets it completed; its bytes are handed on at once rather than batched. */
    @Test
    void writePromisesComplete() {
        ChannelFuture message = ch.write(Message.of("x"));
        ChannelFuture command = ch.write(new Command.Pong(new byte[0]));
        ch.flush();
        assertTrue(message.isSuccess());
        assertTrue(command.isSuccess());
        assertEquals("000178" + hex(get("command.pong_empty")), hex(sent()));
        assertFalse(ch.finish());
    }

    @Test
    void closeFlushesWhatWasBatched() {
        ch.write(Message.of("bye"), ch.voidPromise());
        ch.close();
        assertEquals("0003627965", hex(sent()));
        assertFalse(ch.finish());
    }

    @Test
    void pendingBatchIsReleasedWhenTheEncoderIsRemoved() {
        ByteBuf body = ByteBufAllocator.DEFAULT.buffer().writeBytes(repeat('p', FrameHeader.MAX_SHORT_SIZE + 1));
        ch.write(Message.of(Frame.wrap(body)), ch.voidPromise());
        assertEquals(1, alloc.count(), "a batch holds the pending bytes");
        ch.pipeline().remove(FrameEncoder.class);
        alloc.assertAllReleased();
        assertEquals(0, body.refCnt());
        assertTrue(writes().isEmpty());
        assertFalse(ch.finish());
    }

    @Test
    void pendingShortFramesAreDroppedWhenTheEncoderIsRemoved() {
        ByteBuf body = ByteBufAllocator.DEFAULT.buffer().writeBytes(ascii("pending"));
        ch.write(Message.of(Frame.wrap(body)), ch.voidPromise());
        assertEquals(0, alloc.count(), "a short frame waits in the writer's array, not in a batch");
        assertEquals(0, body.refCnt(), "its bytes were copied there");
        ch.pipeline().remove(FrameEncoder.class);
        ch.flush();
        assertTrue(writes().isEmpty());
        assertFalse(ch.finish());
    }

    @Test
    void shortFramesKeepTheirPlaceAmongLongFramesCommandsAndSubscriptions() {
        ch.write(Message.of(Frame.of(ascii("a")), Frame.of(repeat('L', 300)), Frame.of(ascii("b"))),
                ch.voidPromise());
        ch.write(new Command.Ping(1, new byte[0]), ch.voidPromise());
        ch.write(Message.of(Frame.of(ascii("c"))), ch.voidPromise());
        ch.flush();
        ByteBuf ping = Unpooled.buffer();
        CommandCodec.encode(new Command.Ping(1, new byte[0]), ping);
        assertArrayEquals(concat(ascii("\u0001\u0001a"), Vectors.hex("030000000000000" + "12c"), repeat('L', 300),
                ascii("\u0000\u0001b"), ByteBufUtil.getBytes(ping), ascii("\u0000\u0001c")), sent());
        ping.release();
        alloc.assertAllReleased();
    }

    @Test
    void pooledFramesOfAMultipartMessageAreAllReleased() {
        Frame a = pooled(ascii("a"));
        Frame b = pooled(repeat('b', FrameEncoder.COPY_THRESHOLD));
        ch.writeOutbound(Message.of(a, b));
        assertArrayEquals(concat(ascii("\u0001\u0001a"), Vectors.hex("020000000000002000"),
                repeat('b', FrameEncoder.COPY_THRESHOLD)), sent());
        assertEquals(0, a.content().refCnt());
        assertEquals(0, b.content().refCnt());
        assertFalse(ch.finish());
    }
}
