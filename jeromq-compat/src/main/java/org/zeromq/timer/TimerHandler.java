package org.zeromq.timer;

import zmq.util.Timers;

/** What a timer or ticket calls when it fires, with the arguments it was added with. */
public interface TimerHandler extends Timers.Handler {
    @Override
    void time(Object... args);
}
