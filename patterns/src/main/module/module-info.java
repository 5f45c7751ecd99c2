/**
 * The jzmtp API ({@code io.jzmtp}): contexts, sockets of every standard ZeroMQ type, options, monitors, pollers and
 * proxies. A modular application {@code requires io.jzmtp.patterns}; the {@code tcp://} transport module, on the
 * module path, is bound through its service.
 */
module io.jzmtp.patterns {
    requires transitive io.jzmtp.core;

    exports io.jzmtp;
}
