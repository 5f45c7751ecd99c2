/** The {@code tcp://} transport, found by the core through the {@code Transport} service. No API of its own. */
module io.jzmtp.transport.tcp {
    requires io.jzmtp.core;
    requires io.netty.transport.classes.epoll;
    requires jdk.net;

    provides io.jzmtp.transport.Transport with io.jzmtp.transport.tcp.TcpTransport;
}
