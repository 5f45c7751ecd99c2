package io.jzmtp.socket;

import io.jzmtp.pipe.Pipe;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether a socket takes another peer, decided on the I/O thread the moment a handshake completes, before the pattern
 * hears of the pipe: so it is the one piece of a pattern that is thread-safe (lock-free) rather than owned by the
 * socket's user side. Most types take any number of peers ({@link #OPEN}); PAIR takes one at a time
 * ({@link #single()}).
 */
public interface PeerGate {

    /** Takes every peer. */
    PeerGate OPEN = new PeerGate() {
        @Override
        public boolean tryAdmit(Pipe pipe) {
            return true;
        }

        @Override
        public void release(Pipe pipe) {
        }

        @Override
        public boolean isFree() {
            return true;
        }
    };

    /** Admits {@code pipe} if there is room; idempotent for a pipe already admitted. Any thread. */
    boolean tryAdmit(Pipe pipe);

    /** {@code pipe} left: its place is free again (nothing happens for a pipe that was not admitted). Any thread. */
    void release(Pipe pipe);

    /** Whether another peer would be admitted now. */
    boolean isFree();

    /** A gate for one peer at a time. */
    static PeerGate single() {
        AtomicReference<Pipe> occupant = new AtomicReference<>();
        return new PeerGate() {
            @Override
            public boolean tryAdmit(Pipe pipe) {
                return occupant.compareAndSet(null, pipe) || occupant.get() == pipe;
            }

            @Override
            public void release(Pipe pipe) {
                occupant.compareAndSet(pipe, null);
            }

            @Override
            public boolean isFree() {
                return occupant.get() == null;
            }
        };
    }
}
