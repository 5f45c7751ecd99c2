package io.jzmtp.cli;

/** The exit statuses of {@code bin/jzmtp}; scripts depend on them, so they never change meaning. */
public final class ExitStatus {

    /** Done: the input ended, or {@code --count} was reached. */
    public static final int OK = 0;
    /** A runtime failure (e.g. address in use, unreadable input), named in one line on stderr. */
    public static final int FAILURE = 1;
    /** A usage error (bad option, unknown type, malformed endpoint), named in one line on stderr. */
    public static final int USAGE = 2;
    /** No message (or reply) arrived within {@code --timeout}. */
    public static final int TIMEOUT = 3;

    private ExitStatus() {
    }
}
