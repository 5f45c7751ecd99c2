package zmq.util.function;

/** A function of one argument; JeroMQ's public signatures name this interface, so it exists here too. */
@FunctionalInterface
public interface Function<T, R> {

    /** Applies this function to {@code t}. */
    R apply(T t);
}
