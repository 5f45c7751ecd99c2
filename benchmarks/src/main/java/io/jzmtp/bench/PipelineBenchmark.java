package io.jzmtp.bench;

import io.jzmtp.mechanism.NullMechanism;
import io.jzmtp.msg.Message;
import io.jzmtp.msg.Metadata;
import io.jzmtp.netty.ConnectionConfig;
import io.jzmtp.netty.ConnectionHandler;
import io.jzmtp.netty.ZmtpChannelInitializer;
import io.jzmtp.pipe.PeerInfo;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.pipe.PipeListener;
import io.jzmtp.wire.FrameHeader;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Frame encode and decode through the real connection pipeline, in memory (no sockets): messages offered to a pipe
 * come out of the channel as bytes, and bytes written into the channel come out of the pipe as messages. Measures the
 * per-message cost of the codec, the aggregator and the pipe, without the kernel.
 *
 * <p>Run: {@code java -jar benchmarks/target/jzmtp-benchmarks.jar jmh PipelineBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PipelineBenchmark {

    /** Messages per benchmark invocation: one batch, as the bridge drains it. */
    static final int BATCH = 256;

    @Param({"64", "1024", "65536"})
    public int size;

    private EmbeddedChannel channel;
    private Pipe pipe;
    private byte[] payload;
    private ByteBuf encodedBatch;

    @Setup(Level.Trial)
    public void setUp() {
        payload = new byte[size];
        PipeListener listener = new PipeListener() {
            @Override
            public void readable(Pipe p) {
            }

            @Override
            public void writable(Pipe p) {
            }
        };
        ConnectionConfig config = new ConnectionConfig("PAIR", Set.of("PAIR"), new byte[0], false, Metadata.EMPTY,
                -1, 0, NullMechanism.FACTORY);
        ConnectionHandler handler = new ConnectionHandler() {
            @Override
            public Pipe handshakeCompleted(PeerInfo peer, Executor ioThread) {
                pipe = new Pipe(0, 0, ioThread, listener);
                return pipe;
            }

            @Override
            public void connectionClosed(PeerInfo peer, Pipe p, ZmtpProtocolException failure) {
            }
        };
        channel = new EmbeddedChannel(new ZmtpChannelInitializer(config, handler,
                new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE)));
        ByteBuf peer = Unpooled.buffer();
        peer.writeBytes(new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 1, 0x7f, 3, 1, 'N', 'U', 'L', 'L'});
        peer.writeZero(64 - 16);
        peer.writeBytes(new byte[] {4, 0x1a, 5, 'R', 'E', 'A', 'D', 'Y', 0x0b, 'S', 'o', 'c', 'k', 'e', 't', '-',
            'T', 'y', 'p', 'e', 0, 0, 0, 4, 'P', 'A', 'I', 'R'});
        channel.writeInbound(peer);
        discardOutbound();
        if (pipe == null) {
            throw new IllegalStateException("handshake did not complete");
        }
        encodedBatch = ByteBufAllocator.DEFAULT.directBuffer();
        for (int i = 0; i < BATCH; i++) {
            FrameHeader.write(encodedBatch, 0, size);
            encodedBatch.writeBytes(payload);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encodedBatch.release();
        channel.finishAndReleaseAll();
    }

    /** Messages offered to the pipe, drained and encoded by the bridge, flushed as one batch. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int encode() {
        for (int i = 0; i < BATCH; i++) {
            pipe.offer(Message.of(payload));
        }
        channel.runPendingTasks();
        return discardOutbound();
    }

    /** A batch of frames decoded, aggregated and queued in the pipe, then received. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long decode() {
        channel.writeInbound(encodedBatch.retainedDuplicate());
        long bytes = 0;
        Message m;
        while ((m = pipe.poll()) != null) {
            bytes += m.first().size();
            m.close();
        }
        return bytes;
    }

    private int discardOutbound() {
        int bytes = 0;
        Object o;
        while ((o = channel.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) o;
            bytes += b.readableBytes();
            b.release();
        }
        return bytes;
    }
}
