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

    public ZMQException(int errno) {
        super("Errno " + errno);
        this.code = errno;
    }

    public ZMQException(String message, int errno) {
        super(message);
        this.code = errno;
    }

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
