package io.jzmtp;

import io.jzmtp.transport.Endpoint;

/** {@code inproc://name}: a name that sockets of one Context bind and connect to. */
record InprocEndpoint(String name) implements Endpoint {

    @Override
    public String scheme() {
        return "inproc";
    }

    @Override
    public boolean isConnectable() {
        return true;
    }

    @Override
    public String toString() {
        return InprocNames.SCHEME + name;
    }
}
