/**
 * jzmtp's engine: ZMTP 3.x on Netty. Its API is {@code io.jzmtp.msg} (messages), {@code io.jzmtp.security} (CURVE
 * keys, certificates, ZAP) and {@code io.jzmtp.wire}'s {@code ZmtpError} (the reasons in monitor events); the transport service interface is open to transport modules;
 * the pipeline, pipes and mechanisms are for jzmtp's own modules only.
 */
module io.jzmtp.core {
    requires transitive io.netty.buffer;      // messages hold ByteBufs
    requires transitive io.netty.common;
    requires transitive io.netty.transport;   // transports are written against Netty channels
    requires io.netty.codec;
    requires io.netty.handler;
    requires io.netty.transport.classes.epoll;
    requires org.bouncycastle.provider;       // CURVE: X25519, the Salsa20 block function, Poly1305
    requires static com.sun.jna;              // optional: libsodium for large CURVE frames

    exports io.jzmtp.msg;
    exports io.jzmtp.security;
    exports io.jzmtp.wire;
    exports io.jzmtp.transport;
    exports io.jzmtp.netty to io.jzmtp.patterns;
    exports io.jzmtp.pipe to io.jzmtp.patterns;
    exports io.jzmtp.mechanism to io.jzmtp.patterns;

    uses io.jzmtp.transport.Transport;
}
