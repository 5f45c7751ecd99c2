package io.jzmtp.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The terminal of one run: stdin as numbered lines, stdout for messages (flushed per message, so a pipe sees each at
 * once), stderr for notes. Printing is synchronized because duplex types print from the receiving thread while notes
 * may come from the sending one.
 */
final class Console {

    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private long lineNumber;

    Console(BufferedReader in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** The next stdin line without its terminator, or {@code null} at end of input. */
    String readLine() {
        try {
            String line = in.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (IOException e) {
            throw CliFailure.failure("cannot read stdin: " + e.getMessage());
        }
    }

    /** The number of the line {@link #readLine} returned last, for error messages. */
    long lineNumber() {
        return lineNumber;
    }

    /**
     * Prints one message line and flushes. A reader that went away (e.g. {@code jzmtp sub | head -1}) ends the run:
     * PrintStream only records the broken pipe, so it is checked here.
     */
    synchronized void print(CharSequence line) {
        out.append(line).append('\n');
        out.flush();
        if (out.checkError()) {
            throw CliFailure.failure("stdout was closed, stopping");
        }
    }

    /** One line on stderr, prefixed {@code jzmtp: }. */
    synchronized void note(String text) {
        err.println("jzmtp: " + text);
        err.flush();
    }
}
