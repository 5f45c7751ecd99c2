package io.jzmtp.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails a test when Netty reports a leaked buffer, registered for every test by JUnit's extension auto-detection.
 * Netty only notices a leak when the garbage collector has reclaimed the buffer and a later allocation polls its
 * reference queue, so after each test class we collect garbage and allocate until the reports are in.
 */
public final class LeakCheckExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!RecordingLeakDetector.installed()) {
            throw new IllegalStateException("tests must run with -Dio.netty.customResourceLeakDetector="
                    + RecordingLeakDetector.class.getName() + " (set by the root POM)");
        }
        RecordingLeakDetector.drain();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOnLeaks(context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
            pollDetectors();
        }
        failOnLeaks(context.getDisplayName() + " (after collecting garbage)");
    }

    /** Allocations make each detector look at its reference queue, where collected, unreleased buffers wait. */
    private static void pollDetectors() {
        for (int i = 0; i < 64; i++) {
            ByteBuf a = PooledByteBufAllocator.DEFAULT.directBuffer(16);
            ByteBuf b = PooledByteBufAllocator.DEFAULT.heapBuffer(16);
            ByteBuf c = UnpooledByteBufAllocator.DEFAULT.directBuffer(16);
            a.release();
            b.release();
            c.release();
        }
    }

    private static void failOnLeaks(String where) {
        List<String> leaks = RecordingLeakDetector.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " buffer leak(s) reported during " + where + ":\n"
                    + String.join("\n", leaks));
        }
    }
}
