/**
 * Internal, not API: the bounded queues between a socket's pattern logic and each connection. It may change in any
 * release.
 */
package io.jzmtp.pipe;
