/**
 * Internal, not API: the Netty pipeline of one ZMTP connection (greeting, framing, handshake, commands, heartbeats,
 * the bridge to the socket's pipe). It may change in any release; use {@code io.jzmtp} instead.
 */
package io.jzmtp.netty;
