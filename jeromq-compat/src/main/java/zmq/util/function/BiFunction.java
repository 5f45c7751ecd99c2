package zmq.util.function;

/** A function of two arguments; JeroMQ's public signatures name this interface, so it exists here too. */
@FunctionalInterface
public interface BiFunction<T, U, R> {

    /** Applies this function to {@code t} and {@code u}. */
    R apply(T t, U u);
}
