/** The {@code ipc://} transport, found by the core through the {@code Transport} service. No API of its own. */
module io.jzmtp.transport.ipc {
    requires io.jzmtp.core;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.unix.common;
    requires jdk.net;

    provides io.jzmtp.transport.Transport with io.jzmtp.transport.ipc.IpcTransport;
}
