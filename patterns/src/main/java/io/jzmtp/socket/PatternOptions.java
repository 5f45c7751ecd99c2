package io.jzmtp.socket;

import io.jzmtp.SocketOption;

/** The socket's current option values, as the pattern logic sees them (read when needed, so changes apply at once). */
@FunctionalInterface
public interface PatternOptions {

    /** The current value of {@code option}. */
    <T> T get(SocketOption<T> option);
}
