/**
 * Internal, not API: one small class per socket type, composed from the routing parts. It may change in any release.
 */
package io.jzmtp.socket;
