/**
 * Public API for ZeroMQ security: CURVE key pairs, Z85 text keys (RFC 32), and the ZAP handler (RFC 27) through
 * which a PLAIN or CURVE server decides who may connect.
 * {@link Certificate} reads and writes CZMQ and pyzmq certificate files; {@link Authenticator} is a ready-made handler.
 */
package io.jzmtp.security;
