package io.jzmtp;

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
 */
public record SocketStatistics(long messagesIn, long bytesIn, long messagesOut, long bytesOut, long droppedAtHwm,
                               long reconnects, long heartbeatTimeouts, int currentPeers, long messagesQueued) {
}
