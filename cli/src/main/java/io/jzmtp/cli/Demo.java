package io.jzmtp.cli;

import io.jzmtp.examples.Example;
import io.jzmtp.examples.LargeArrays;
import io.jzmtp.examples.PairJson;
import io.jzmtp.examples.Pipeline;
import io.jzmtp.examples.PubSubTopics;
import io.jzmtp.examples.ReqRepRetry;
import io.jzmtp.examples.RouterDealer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code jzmtp demo}, the README's main job: the programs ZeroMQ users start from (the {@code examples} module), each
 * over real tcp loopback in this process, each checking its own result. Exit 0 only if every step verified within
 * the demo's ten seconds.
 */
final class Demo {

    /** One step: a label for failures, and the example that prints its report and says whether it verified. */
    private record Step(String label, Example example) {
    }

    /** The whole demo's budget; a step still running when it is spent has hung and counts as failed. */
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private static final List<Step> STEPS = List.of(
            new Step("pub/sub", PubSubTopics::run),
            new Step("req/rep", ReqRepRetry::run),
            new Step("pipeline", Pipeline::run),
            new Step("pair", PairJson::run),
            new Step("router/dealer", RouterDealer::run),
            new Step("large arrays", LargeArrays::run));

    private Demo() {
    }

    static int run(PrintStream out) {
        out.println("jzmtp demo: the classic ZeroMQ programs, over tcp://127.0.0.1 in one JVM");
        out.flush();
        long start = System.nanoTime();
        long deadline = start + LIMIT.toNanos();
        int verified = 0;
        for (Step step : STEPS) {
            if (runStep(step, out, deadline)) {
                verified++;
            }
            out.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean ok = verified == STEPS.size();
        out.printf("%s: %d of %d steps verified in %.1f s%n", ok ? "ok" : "FAILED", verified, STEPS.size(), seconds);
        out.flush();
        return ok ? ExitStatus.OK : ExitStatus.FAILURE;
    }

    /**
     * Runs one step on its own daemon thread with what is left of the budget. The step prints into its own buffer,
     * copied out when it ends, so a step that hangs and is abandoned cannot write into the reports of later steps.
     */
    private static boolean runStep(Step step, PrintStream out, long deadline) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream report = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jzmtp-demo-" + step.label());
            t.setDaemon(true);
            return t;
        });
        Future<Boolean> result = runner.submit(() -> step.example().run(report));
        String verdict = null;
        try {
            if (result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return true;
            }
            verdict = "NOT VERIFIED";
        } catch (TimeoutException e) {
            result.cancel(true);
            verdict = "FAILED, not done within the demo's " + LIMIT.toSeconds() + " s";
        } catch (ExecutionException e) {
            verdict = "FAILED, " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            verdict = "interrupted";
        } finally {
            runner.shutdownNow();
            out.print(buffer.toString(StandardCharsets.UTF_8));   // what the step printed, even if it hung
            if (verdict != null) {
                out.println("  " + step.label() + ": " + verdict);
            }
        }
        return false;
    }
}
