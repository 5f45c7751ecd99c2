package io.jzmtp.transport;

/**
 * Socket options a transport applies to its channels. Integer options use libzmq's convention: -1 keeps the
 * operating system's default.
 *
 * @param tcpKeepalive      1 to enable SO_KEEPALIVE, 0 to disable, -1 for the OS default
 * @param tcpKeepaliveIdle  seconds of idleness before probes start (TCP_KEEPIDLE), -1 for the OS default
 * @param tcpKeepaliveIntvl seconds between probes (TCP_KEEPINTVL), -1 for the OS default
 * @param tcpKeepaliveCnt   unanswered probes before the connection is dropped (TCP_KEEPCNT), -1 for the OS default
 * @param backlog           listen backlog of bound endpoints
 * @param sendBuffer        SO_SNDBUF in bytes, -1 for the OS default
 * @param receiveBuffer     SO_RCVBUF in bytes, -1 for the OS default
 * @param connectTimeoutMillis time allowed for one TCP connect attempt, 0 for the OS default
 */
public record TransportOptions(int tcpKeepalive, int tcpKeepaliveIdle, int tcpKeepaliveIntvl, int tcpKeepaliveCnt,
                               int backlog, int sendBuffer, int receiveBuffer, int connectTimeoutMillis) {

    /** libzmq's defaults (ZMTP.md §16). */
    public static final TransportOptions DEFAULTS = new TransportOptions(-1, -1, -1, -1, 100, -1, -1, 0);
}
