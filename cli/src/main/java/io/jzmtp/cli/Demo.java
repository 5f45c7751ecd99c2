package io.jzmtp.cli;

import io.jzmtp.examples.LargeArrays;
import io.jzmtp.examples.PairJson;
import io.jzmtp.examples.Pipeline;
import io.jzmtp.examples.PubSubTopics;
import io.jzmtp.examples.ReqRepRetry;
import io.jzmtp.examples.RouterDealer;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code jzmtp demo}, the README's main job: the programs ZeroMQ users start from (the {@code examples} module), each
 * over real tcp loopback in this process, each checking its own result. Exit 0 only if every step verified.
 */
final class Demo {

    /** One step: a label for failures, and the example that prints its report and says whether it verified. */
    private record Step(String label, Example example) {
    }

    @FunctionalInterface
    private interface Example {
        boolean run(PrintStream out) throws Exception;
    }

    /** A step that takes longer than this has hung; the demo as a whole must stay under ten seconds. */
    private static final long STEP_LIMIT_SECONDS = 8;

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
        int verified = 0;
        for (Step step : STEPS) {
            if (runStep(step, out)) {
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

    /** Runs one step on its own daemon thread, so a hung step cannot hold up the others or the exit. */
    private static boolean runStep(Step step, PrintStream out) {
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jzmtp-demo-" + step.label());
            t.setDaemon(true);
            return t;
        });
        Future<Boolean> result = runner.submit(() -> step.example().run(out));
        try {
            boolean ok = result.get(STEP_LIMIT_SECONDS, TimeUnit.SECONDS);
            if (!ok) {
                out.println("  " + step.label() + ": NOT VERIFIED");
            }
            return ok;
        } catch (TimeoutException e) {
            result.cancel(true);
            out.println("  " + step.label() + ": FAILED, no result within " + STEP_LIMIT_SECONDS + " s");
        } catch (ExecutionException e) {
            out.println("  " + step.label() + ": FAILED, " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("  " + step.label() + ": interrupted");
        } finally {
            runner.shutdownNow();
        }
        return false;
    }
}
