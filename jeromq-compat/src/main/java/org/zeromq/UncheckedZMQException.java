package org.zeromq;

/** The root of the unchecked exceptions of this API, as in JeroMQ. */
public abstract class UncheckedZMQException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with no message. */
    public UncheckedZMQException() {
        super();
    }

    /** An exception with {@code message}. */
    public UncheckedZMQException(String message) {
        super(message);
    }

    /** An exception caused by {@code cause}. */
    public UncheckedZMQException(Throwable cause) {
        super(cause);
    }

    /** An exception with {@code message}, caused by {@code cause}. */
    public UncheckedZMQException(String message, Throwable cause) {
        super(message, cause);
    }
}
