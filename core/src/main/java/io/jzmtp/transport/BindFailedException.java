package io.jzmtp.transport;

/** An endpoint could not be bound; the message names the endpoint and the cause. */
public final class BindFailedException extends RuntimeException {

    /** Creates the exception for {@code endpoint}. */
    public BindFailedException(String endpoint, Throwable cause) {
        super("cannot bind " + endpoint + ": " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        String m = cause.getMessage();
        return m == null ? cause.getClass().getSimpleName() : m;
    }
}
