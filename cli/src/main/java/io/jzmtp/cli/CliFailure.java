package io.jzmtp.cli;

/** An expected way for a run to end other than success: a status and one line for stderr, never a stack trace. */
final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    CliFailure(int status, String message) {
        super(message);
        this.status = status;
    }

    static CliFailure timeout(String what) {
        return new CliFailure(ExitStatus.TIMEOUT, what);
    }

    static CliFailure failure(String what) {
        return new CliFailure(ExitStatus.FAILURE, what);
    }

    int status() {
        return status;
    }
}
