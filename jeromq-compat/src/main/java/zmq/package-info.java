/**
 * A minimal shim of JeroMQ's internal {@code zmq} package: only what JeroMQ's public signatures and common user code
 * name ({@code ZError}, {@code ZMQ.sleep/msleep/CHARSET}, {@code util.Utils.findOpenPort}, {@code util.Timers},
 * {@code util.function}).
 */
package zmq;
