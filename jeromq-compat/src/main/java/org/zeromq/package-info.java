/**
 * JeroMQ's {@code org.zeromq} API on the jzmtp engine: a drop-in for {@code org.zeromq:jeromq:0.6.0}. Every class
 * delegates to {@code io.jzmtp}; see the module's README for the differences from JeroMQ.
 */
package org.zeromq;
