package zmq.util.function;

/** A supplier of values; JeroMQ's public signatures name this interface, so it exists here too. */
@FunctionalInterface
public interface Supplier<T> {

    /** Returns a value. */
    T get();
}
