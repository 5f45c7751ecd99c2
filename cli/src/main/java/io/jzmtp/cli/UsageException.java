package io.jzmtp.cli;

/** The command line is wrong: exit status {@link ExitStatus#USAGE}, with the problem named in the message. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String problem) {
        super(problem);
    }
}
