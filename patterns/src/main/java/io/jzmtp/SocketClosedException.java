package io.jzmtp;

/** An operation was attempted on a socket (or context) that has been closed. */
public final class SocketClosedException extends IllegalStateException {

    /** Creates the exception with a message naming the socket and the operation. */
    public SocketClosedException(String message) {
        super(message);
    }
}
