/**
 * Internal for now: the transport service-provider interface (endpoints, binding, connecting) through which the
 * {@code tcp://} module plugs in. It is expected to change before it is offered as API; {@link
 * io.jzmtp.transport.BindFailedException}, thrown by {@code Socket.bind}, is stable.
 */
package io.jzmtp.transport;
