package io.jzmtp.transport;

/**
 * A parsed endpoint such as {@code tcp://127.0.0.1:5555}. Each {@link Transport} defines its own implementation;
 * {@link #toString()} gives the canonical text.
 */
public interface Endpoint {

    /** The transport scheme, e.g. {@code tcp}. */
    String scheme();

    /** The canonical text of the endpoint, e.g. {@code tcp://127.0.0.1:5555}. */
    @Override
    String toString();

    /** Whether this endpoint can be bound (e.g. wildcard host or port allowed). */
    default boolean isBindable() {
        return true;
    }

    /** Whether this endpoint names one peer that can be connected to. */
    boolean isConnectable();
}
