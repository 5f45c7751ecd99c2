package io.jzmtp;

/**
 * A blocking send or receive was interrupted. The thread's interrupt status is set again, the socket is unchanged and
 * stays usable, and a message being sent stays with the caller.
 */
public final class SocketInterruptedException extends RuntimeException {

    /** Creates the exception for the interrupted operation. */
    public SocketInterruptedException(String operation, InterruptedException cause) {
        super(operation + " was interrupted", cause);
    }
}
