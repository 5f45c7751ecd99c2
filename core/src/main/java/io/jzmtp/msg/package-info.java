/**
 * Messages and their parts: {@link io.jzmtp.msg.Message} (the frames of one ZeroMQ message, owned by whoever holds
 * it until it is sent or closed), {@link io.jzmtp.msg.Frame} (bytes, a {@code byte[]} or a reference-counted Netty
 * buffer, never copied behind your back) and {@link io.jzmtp.msg.Metadata} (the properties of the connection a
 * message came on). Part of the API.
 */
package io.jzmtp.msg;
