/**
 * Internal, not API: the security mechanisms of the handshake, without I/O. It may change in any release.
 */
package io.jzmtp.mechanism;
