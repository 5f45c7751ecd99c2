/**
 * The jzmtp API: a {@link io.jzmtp.Context} creates {@link io.jzmtp.Socket}s of every standard ZeroMQ
 * {@link io.jzmtp.SocketType}, configured with typed {@link io.jzmtp.SocketOption}s, watched with monitors
 * ({@link io.jzmtp.SocketEvent}), waited on together with a {@link io.jzmtp.Poller}, and joined with a
 * {@link io.jzmtp.Proxy}. Messages are {@link io.jzmtp.msg.Message}s.
 */
package io.jzmtp;
