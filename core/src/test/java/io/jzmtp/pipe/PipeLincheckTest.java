package io.jzmtp.pipe;

import io.jzmtp.msg.Message;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck on {@link Pipe}: every concurrent history of its two lock-free queues, with the threads each queue is made
 * for (one sender at a time and the I/O thread on the way out; the I/O thread and one reader at a time on the way
 * in), must be explainable by some sequential order of the same calls. The sequential specification is the pipe
 * itself run one call at a time: a FIFO that refuses an offer once SNDHWM messages are queued. Lincheck's model
 * checker explores the thread interleavings of each scenario systematically; bounded (20 scenarios, 200 interleavings
 * each) so it runs in the default build. (Its stress mode cannot retransform the classes this JVM has loaded; the
 * real-thread stress of the pipe is PipeStressTest.)
 */
@Param(name = "value", gen = IntGen.class, conf = "1:9")
public class PipeLincheckTest {

    private static final int HWM = 2;
    private final Pipe pipe = new Pipe(HWM, 0, Runnable::run, new PipeListener() {
        @Override
        public void readable(Pipe p) {
        }

        @Override
        public void writable(Pipe p) {
        }
    });

    /** The sending side (a user thread holding the socket's lock: one at a time). */
    @Operation(nonParallelGroup = "sender")
    public boolean offer(@Param(name = "value") int value) {
        Message m = Message.of(new byte[] {(byte) value});
        if (pipe.offer(m)) {
            return true;
        }
        m.close();
        return false;
    }

    /** The sending side asks whether an offer would succeed. */
    @Operation(nonParallelGroup = "sender")
    public boolean isWritable() {
        return pipe.isWritable();
    }

    /** The I/O thread drains the outbound queue. */
    @Operation(nonParallelGroup = "io")
    public int pollOutbound() {
        try (Message m = pipe.pollOutbound()) {
            return m == null ? -1 : m.first().byteAt(0);
        }
    }

    /** The I/O thread pushes a message from the peer. */
    @Operation(nonParallelGroup = "io")
    public void pushInbound(@Param(name = "value") int value) {
        pipe.pushInboundQuietly(Message.of(new byte[] {(byte) value}));
    }

    /** The reader takes the next inbound message. */
    @Operation(nonParallelGroup = "reader")
    public int poll() {
        try (Message m = pipe.poll()) {
            return m == null ? -1 : m.first().byteAt(0);
        }
    }

    @Test
    void modelChecking() {
        LinChecker.check(PipeLincheckTest.class, new ModelCheckingOptions().iterations(20)
                .invocationsPerIteration(200).threads(3).actorsPerThread(3));
    }
}
