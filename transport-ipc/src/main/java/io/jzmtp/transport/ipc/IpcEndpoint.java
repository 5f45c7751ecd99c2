package io.jzmtp.transport.ipc;

import io.jzmtp.transport.Endpoint;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * An {@code ipc://} endpoint, in libzmq's forms: {@code ipc:///abs/path}, {@code ipc://relative/path} (relative to
 * the working directory), {@code ipc://*} (bind only: a fresh path in a new temporary directory), and on Linux
 * {@code ipc://@name} (the abstract namespace: no file at all).
 *
 * @param address what follows {@code ipc://}
 */
record IpcEndpoint(String address) implements Endpoint {

    static final String SCHEME = "ipc://";
    /** The largest path a Unix domain socket address holds: {@code sun_path} is 108 bytes, NUL included (Linux). */
    static final int MAX_PATH_BYTES = 107;

    /**
     * Parses {@code endpoint}.
     *
     * @throws IllegalArgumentException quoting the endpoint and saying what is wrong
     */
    static IpcEndpoint parse(String endpoint) {
        if (endpoint == null || !endpoint.startsWith(SCHEME)) {
            throw new IllegalArgumentException("invalid endpoint '" + endpoint + "': expected ipc://path");
        }
        String address = endpoint.substring(SCHEME.length());
        if (address.isEmpty() || address.equals("@")) {
            throw new IllegalArgumentException("invalid endpoint '" + endpoint + "': an ipc endpoint needs a path,"
                    + " e.g. ipc:///tmp/feed.sock, ipc://* or ipc://@name");
        }
        IpcEndpoint ep = new IpcEndpoint(address);
        if (!ep.isWildcard()) {
            int bytes = ep.isAbstract() ? address.getBytes(StandardCharsets.UTF_8).length
                    : ep.path().toString().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_PATH_BYTES) {
                throw new IllegalArgumentException("invalid endpoint '" + endpoint + "': the path is " + bytes
                        + " bytes, more than the " + MAX_PATH_BYTES + " a Unix domain socket address holds");
            }
        }
        return ep;
    }

    /** {@code ipc://*}: bind to a fresh path. */
    boolean isWildcard() {
        return address.equals("*");
    }

    /** {@code ipc://@name}: Linux's abstract namespace. */
    boolean isAbstract() {
        return address.startsWith("@");
    }

    /** The abstract name, without the {@code @}. */
    String abstractName() {
        return address.substring(1);
    }

    /** The socket file, absolute (a relative path is taken from the working directory, as libzmq does). */
    Path path() {
        return Path.of(address).toAbsolutePath();
    }

    @Override
    public String scheme() {
        return "ipc";
    }

    @Override
    public boolean isConnectable() {
        return !isWildcard();
    }

    @Override
    public String toString() {
        return SCHEME + address;
    }
}
