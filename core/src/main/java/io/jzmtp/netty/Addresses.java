package io.jzmtp.netty;

import io.netty.util.NetUtil;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** How the engine writes network addresses: IPv6 compressed and bracketed with a port, like libzmq. */
public final class Addresses {

    private Addresses() {
    }

    /** {@code host:port}, {@code [v6]:port}, or the address's own text for non-IP transports; "" for none. */
    public static String text(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = host(address);
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return address == null ? "" : address.toString();
    }

    /** The host part alone, e.g. {@code 127.0.0.1} or {@code ::1}. */
    public static String host(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return NetUtil.toAddressString(inet.getAddress());
        }
        return address == null ? "" : address.toString();
    }
}
