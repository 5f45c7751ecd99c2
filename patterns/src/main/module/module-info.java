/**
 * The jzmtp API ({@code io.jzmtp}): contexts, sockets of every standard ZeroMQ type, options, monitors, pollers and
 * proxies. A modular application {@code requires io.jzmtp.patterns}; the {@code tcp://} and {@code ipc://} transport
 * modules, on the module path, are bound through their service; {@code inproc://} is built in.
 */
module io.jzmtp.patterns {
    requires transitive io.jzmtp.core;

    exports io.jzmtp;
}
