package io.jzmtp.cli;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The line format, both ways: what a line means as frames, and how a message prints. */
class LinesTest {

    @Test
    void textLinesSplitOnTheDelimiterAndKeepEmptyFrames() {
        try (Message m = lines("pull").parse("a\t\tb\t", 1)) {
            assertEquals(4, m.size());
            assertEquals("a", m.frame(0).toUtf8());
            assertEquals("", m.frame(1).toUtf8());
            assertEquals("b", m.frame(2).toUtf8());
            assertEquals("", m.frame(3).toUtf8());
        }
        try (Message m = lines("pull").parse("", 1)) {
            assertEquals(1, m.size(), "an empty line is one empty frame");
            assertEquals(0, m.frame(0).size());
        }
    }

    @Test
    void aLineRoundTripsThroughAMessage() {
        Lines lines = lines("pair", "--delimiter", "::");
        try (Message m = lines.parse("héllo::wörld::", 1)) {
            assertEquals("héllo::wörld::", lines.format(m));
        }
    }

    @Test
    void hexFramesGoBothWays() {
        Lines lines = lines("pair", "--hex");
        try (Message m = lines.parse("00ff\t\t7a", 1)) {
            assertArrayEquals(new byte[] {0, (byte) 0xff}, m.frame(0).toBytes());
            assertEquals(0, m.frame(1).size());
            assertArrayEquals(new byte[] {'z'}, m.frame(2).toBytes());
            assertEquals("00ff\t\t7a", lines.format(m));
        }
    }

    @Test
    void badHexNamesTheLineAndTheField() {
        CliFailure e = assertThrows(CliFailure.class, () -> lines("push", "--hex").parse("00\tabc", 12));
        assertEquals(ExitStatus.FAILURE, e.status());
        assertEquals("stdin line 12: frame 'abc' is not hex (an even number of 0-9a-f digits)", e.getMessage());
    }

    @Test
    void routerLinesStartWithTheRoutingIdInHexEvenInTextMode() {
        Lines lines = lines("router");
        try (Message m = Message.of(Frame.of(new byte[] {0, 1, (byte) 0xab}), Frame.of(bytes("hi")))) {
            assertEquals("0001ab\thi", lines.format(m));
        }
        try (Message m = lines.parse("0001ab\thi\tthere", 3)) {
            assertEquals(3, m.size());
            assertArrayEquals(new byte[] {0, 1, (byte) 0xab}, m.frame(0).toBytes());
            assertEquals("there", m.frame(2).toUtf8());
        }
    }

    @Test
    void aRouterLineNeedsAnIdAndAFrame() {
        CliFailure e = assertThrows(CliFailure.class, () -> lines("router").parse("0001ab", 2));
        assertTrue(e.getMessage().startsWith("stdin line 2: a router line is the peer's routing id in hex"),
                e.getMessage());
    }

    private static Lines lines(String type, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = type;
        args[1] = "--connect";
        args[2] = "tcp://h:1";
        System.arraycopy(options, 0, args, 3, options.length);
        return new Lines(CommandLine.parse(args));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
