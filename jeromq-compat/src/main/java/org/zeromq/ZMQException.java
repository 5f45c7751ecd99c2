package org.zeromq;

/**
 * A failure with one of JeroMQ's error numbers ({@link ZMQ.Error}): every failure of a socket call except EAGAIN,
 * which is a return value ({@code null}, {@code false}, {@code -1}). The message of an exception raised by this
 * drop-in names what failed; {@link #getErrorCode()} is what programs test, e.g. against
 * {@code ZMQ.Error.ETERM.getCode()}.
 */
public class ZMQException extends UncheckedZMQException {

    private static final long serialVersionUID = -978820750094924644L;

    private final int code;

    /** An exception for error number {@code errno}, with "Errno" and the number as its message. */
    public ZMQException(int errno) {
        super("Errno " + errno);
        this.code = errno;
    }

    /** An exception for error number {@code errno} with {@code message}. */
    public ZMQException(String message, int errno) {
        super(message);
        this.code = errno;
    }

    /** An exception for error number {@code errno} with {@code message}, caused by {@code cause}. */
    public ZMQException(String message, int errno, Throwable cause) {
        super(message, cause);
        this.code = errno;
    }

    /** The error number, one of {@link ZMQ.Error}'s codes. */
    public int getErrorCode() {
        return code;
    }

    @Override
    public String toString() {
        return super.toString() + " : " + ZMQ.Error.findByCode(code).getMessage();
    }
}
