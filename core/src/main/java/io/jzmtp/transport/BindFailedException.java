package io.jzmtp.transport;

/** An endpoint could not be bound; the message names the endpoint and the cause. */
public final class BindFailedException extends RuntimeException {

    /** Creates the exception for {@code endpoint}. */
    public BindFailedException(String endpoint, Throwable cause) {
        super("cannot bind " + endpoint + ": " + describe(cause), cause);
    }

    /** Creates the exception for {@code endpoint}, saying why in {@code reason}. */
    public BindFailedException(String endpoint, String reason) {
        super("cannot bind " + endpoint + ": " + reason);
    }

    private static String describe(Throwable cause) {
        String m = cause.getMessage();
        return m == null ? cause.getClass().getSimpleName() : m;
    }
}
