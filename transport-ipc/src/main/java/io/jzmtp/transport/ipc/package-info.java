/**
 * The {@code ipc://} transport (Unix domain stream sockets), found through {@link java.util.ServiceLoader} by its
 * scheme: nothing here is called directly. Internal, not API.
 */
package io.jzmtp.transport.ipc;
