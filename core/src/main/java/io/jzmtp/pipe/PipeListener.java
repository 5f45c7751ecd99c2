package io.jzmtp.pipe;

/**
 * The socket side of a {@link Pipe}: told when a pipe has messages to read or room to write. Called from I/O threads,
 * so implementations must be quick and must not block.
 */
public interface PipeListener {

    /** {@code pipe} went from having nothing to read to having something. */
    void readable(Pipe pipe);

    /** Messages left {@code pipe}'s outbound queue, so it may have room again. */
    void writable(Pipe pipe);
}
