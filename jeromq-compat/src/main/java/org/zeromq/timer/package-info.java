/**
 * JeroMQ's timers: {@link org.zeromq.timer.ZTimer} (repeating), {@link org.zeromq.timer.ZTicket} (one-shot) and
 * {@link org.zeromq.timer.ZTicker} (both), run by the caller's thread.
 */
package org.zeromq.timer;
