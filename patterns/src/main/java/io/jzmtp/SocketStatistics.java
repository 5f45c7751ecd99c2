package io.jzmtp;

import io.jzmtp.wire.ZmtpError;

import java.util.Map;

/**
 * A snapshot of a socket's counters since it was created, from {@link Socket#statistics()}.
 *
 * @param messagesIn        messages the application received
 * @param bytesIn           payload bytes of those messages
 * @param messagesOut       messages the application sent (accepted by the socket)
 * @param bytesOut          payload bytes of those messages
 * @param droppedAtHwm      messages the socket dropped because a peer's queue was full (PUB, XPUB, ROUTER, REP)
 * @param reconnects        connection attempts scheduled after a failure or a lost connection
 * @param heartbeatTimeouts connections closed because heartbeats went unanswered (ours or the peer's TTL)
 * @param currentPeers      connections whose handshake is complete, right now
 * @param messagesQueued    messages sent by the application that are still queued in the socket, right now: waiting
 *                          for a peer to connect, or for the connection to take them
 * @param connectionsDropped connections this socket closed because of what the peer did or did not do, by reason
 *                           (a broken protocol, a timeout, a peer it had no room for); reasons never seen are absent.
 *                           A sudden rise is what an attack, or a misconfigured peer, looks like.
 */
public record SocketStatistics(long messagesIn, long bytesIn, long messagesOut, long bytesOut, long droppedAtHwm,
                               long reconnects, long heartbeatTimeouts, int currentPeers, long messagesQueued,
                               Map<ZmtpError, Long> connectionsDropped) {

    /** Copies {@code connectionsDropped}, so a snapshot never changes. */
    public SocketStatistics {
        connectionsDropped = Map.copyOf(connectionsDropped);
    }

    /** Connections dropped for any reason: the sum of {@link #connectionsDropped()}. */
    public long connectionsDroppedTotal() {
        return connectionsDropped.values().stream().mapToLong(Long::longValue).sum();
    }
}
