/**
 * Internal, not API: ZMTP 3.x on the wire (greeting, frames, commands, properties) as pure byte-buffer reads and
 * writes. {@link io.jzmtp.wire.ZmtpError} appears in monitor events and is stable; the rest may change in any release.
 */
package io.jzmtp.wire;
