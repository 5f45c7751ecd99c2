package io.jzmtp.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the examples, so the README's code and the demo keep working. */
class ExamplesIT {

    @Test
    void quickStartReceivesWhatItSent() {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("job-1 from a PUSH"), captured::toString);
    }

    @Test
    void morePatternsRoundTripThroughTheBroker() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            MorePatterns.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("world to hello"), captured::toString);
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
    void pipelineDemoVerifiesEveryStep() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        boolean ok = PipelineDemo.run(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String report = captured.toString(StandardCharsets.UTF_8);
        assertTrue(ok, report);
        assertTrue(report.contains("all steps verified"), report);
    }
}
