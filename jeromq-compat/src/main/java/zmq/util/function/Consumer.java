package zmq.util.function;

/**
 * An operation on one value. JeroMQ names this interface (not {@code java.util.function.Consumer}) in its public
 * signatures, so code compiled against JeroMQ refers to it.
 */
@FunctionalInterface
public interface Consumer<T> {

    /** Performs the operation on {@code t}. */
    void accept(T t);
}
