package io.jzmtp.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the examples, so the README's code and the demo keep working. */
class ExamplesIT {

    /** A program's {@code main}, which prints to {@code System.out}. */
    private interface MainProgram {
        void run() throws Exception;
    }

    /** Runs {@code program} with {@code System.out} captured; returns what it printed. */
    private static String printed(MainProgram program) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            program.run();
        } finally {
            System.setOut(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quickStartReceivesWhatItSent() throws Exception {
        String report = printed(() -> QuickStart.main(new String[0]));
        assertTrue(report.contains("job-1 from a PUSH"), report);
    }

    @Test
    void morePatternsRoundTripThroughTheBroker() throws Exception {
        String report = printed(() -> MorePatterns.main(new String[0]));
        assertTrue(report.contains("world to hello"), report);
    }

    @Test
    void secureChannelAnswersOnlyTheCertifiedClient() throws Exception {
        String report = printed(() -> SecureChannel.main(new String[0]));
        assertTrue(report.contains("curve: hello, alice"), report);
    }

    @Test
    void localTransportsPassATaskOverInprocAndARequestOverIpc() throws Exception {
        String report = printed(() -> LocalTransports.main(new String[0]));
        assertTrue(report.contains("inproc: HELLO"), report);
        assertTrue(report.matches("(?s).*ipc: ping from (uid \\d+|user \\S+).*"), report);
    }

    @Test
    void detectionBroadcastSurvivesABlackHoledLink() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        boolean ok = DetectionBroadcast.run(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String report = captured.toString(StandardCharsets.UTF_8);
        assertTrue(ok, report);
        assertTrue(report.contains("link lost (HEARTBEAT_TIMEOUT)"), report);
    }

    @Test
    void pubSubTopicsReachOnlyTheirSubscribers() throws Exception {
        String report = run(PubSubTopics::run);
        assertTrue(report.contains("'detection' subscriber got 100/100 detections"), report);
        assertTrue(report.contains("'heartbeat' subscriber got 10/10 heartbeats"), report);
        assertTrue(report.contains("each got only its own topic, in order ok"), report);
    }

    @Test
    void reqRepRetriesALostReplyOnTheSameSocket() throws Exception {
        String report = run(ReqRepRetry::run);
        assertTrue(report.contains("reply lost once, retried on the same socket, 5 x hello -> world ok"), report);
        assertTrue(report.contains("retries 1; the server answered 6 requests, all sent by one REQ socket"
                + " (0 reconnects)"), report);
    }

    @Test
    void pipelineSplitsTheBatchOverBothWorkers() throws Exception {
        String report = run(Pipeline::run);
        assertTrue(report.contains("2000 tasks through 2 workers"), report);
        assertTrue(report.matches("(?s).*split \\{worker-1=[1-9]\\d*, worker-2=[1-9]\\d*\\}, checksum ok.*"), report);
    }

    @Test
    void pairJsonAcksEveryBasketWithItsTotal() throws Exception {
        String report = run(PairJson::run);
        assertTrue(report.contains("20 baskets sent as JSON, server parsed 20, 20/20 acks with the right totals"),
                report);
        assertFalse(report.contains("WRONG"), report);
    }

    @Test
    void routerDealerRoutesEveryReplyByName() throws Exception {
        String report = run(RouterDealer::run);
        assertTrue(report.contains("{client-a=5, client-b=5, client-c=5}"), report);
        assertTrue(report.contains("each of 3 named DEALERs got exactly its own 5 replies ok"), report);
    }

    @Test
    void largeArraysMakeTheRoundTripIntact() throws Exception {
        String report = run(LargeArrays::run);
        assertTrue(report.matches("(?s).*1\\.2 MB frame round trip in [0-9.]+ ms \\(\\d+ MB/s\\), best of 3, every"
                + " byte checked ok.*"), report);
    }

    @Test
    void pairFilterKeepsOneMessagePerWindow() throws Exception {
        String report = run(PairFilter::run);
        assertTrue(report.contains("200 messages 10 ms apart, one per 100 ms window: 20 kept (#0, #10 ... #190) ok"),
                report);
    }

    /** Runs an example on a captured stream, asserts that it verified its result, and returns its report. */
    private static String run(Example example) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        boolean ok = example.run(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String report = captured.toString(StandardCharsets.UTF_8);
        assertTrue(ok, report);
        return report;
    }
}
