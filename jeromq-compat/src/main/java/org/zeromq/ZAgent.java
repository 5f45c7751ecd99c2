package org.zeromq;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.Arrays;

/**
 * The caller's side of a background {@link ZStar} or {@link ZActor}: messages to and from it over a PAIR pipe. When
 * the background side ends, it sends its last word (the "mot de la fin" given at creation); receiving that word
 * locks the agent: the receive returns null, the pipe is closed, and later sends return false.
 */
public interface ZAgent {

    /** The next message from the background side, waiting for it; null once locked or on a failure. */
    ZMsg recv();

    /** As {@link #recv()}, waiting at most {@code timeout} ms (-1 forever); null on timeout. */
    ZMsg recv(int timeout);

    /** As {@link #recv()}, or without waiting when {@code wait} is false (null if nothing is there). */
    ZMsg recv(boolean wait);

    /** Sends {@code message} and clears it; false once locked or on failure. */
    boolean send(ZMsg message);

    /** Sends {@code msg}, clearing it when {@code destroy}; false once locked or on failure. */
    boolean send(ZMsg msg, boolean destroy);

    /** Sends one frame; false once locked. */
    boolean send(String word);

    /** Sends one frame, with more to follow when {@code more}; false once locked. */
    boolean send(String word, boolean more);

    /** Whether the agent can still talk to the background side (it has not received the last word). */
    boolean sign();

    /** The agent's end of the pipe. */
    ZMQ.Socket pipe();

    /** Locks the agent and closes its pipe. */
    void close();

    /** Makes the default agent. */
    class Creator {
        private Creator() {
        }

        /** A {@link SimpleAgent} over {@code pipe}, locked by the word {@code lock}. */
        public static ZAgent create(ZMQ.Socket pipe, String lock) {
            return new SimpleAgent(pipe, lock);
        }
    }

    /**
     * The default agent: a thin layer over the pipe that watches for the lock word. Not thread-safe, like the socket
     * under it.
     */
    final class SimpleAgent implements ZAgent {
        private final ZMQ.Socket pipe;
        private final byte[] lock;
        private boolean locked;

        /** An agent over {@code pipe}; a one-frame message equal to {@code lock} (if not null) locks it. */
        public SimpleAgent(ZMQ.Socket pipe, String lock) {
            this.pipe = pipe;
            this.lock = lock == null ? null : lock.getBytes(ZMQ.CHARSET);
        }

        @Override
        public boolean sign() {
            return !locked;
        }

        @Override
        public void close() {
            locked = true;
            pipe.close();
        }

        @Override
        public ZMsg recv() {
            return recv(true);
        }

        @Override
        public ZMsg recv(int timeout) {
            if (locked) {
                return null;
            }
            int previous = pipe.getReceiveTimeOut();
            pipe.setReceiveTimeOut(timeout);
            try {
                return recv(true);
            } finally {
                if (!locked) {
                    pipe.setReceiveTimeOut(previous);
                }
            }
        }

        @Override
        public ZMsg recv(boolean wait) {
            if (locked) {
                return null;
            }
            try {
                ZMsg msg = ZMsg.recvMsg(pipe, wait);
                if (msg != null && msg.size() == 1 && lock != null && Arrays.equals(lock, msg.peek().getData())) {
                    // the background side's last word: nothing more will come
                    locked = true;
                    pipe.close();
                    return null;
                }
                return msg;
            } catch (ZMQException e) {
                locked = true;   // the pipe or its context is gone
                return null;
            }
        }

        @Override
        public boolean send(ZMsg message) {
            return !locked && message.send(pipe);
        }

        @Override
        public boolean send(ZMsg msg, boolean destroy) {
            return !locked && msg.send(pipe, destroy);
        }

        @Override
        public boolean send(String word) {
            return !locked && pipe.send(word);
        }

        @Override
        public boolean send(String word, boolean more) {
            return !locked && pipe.send(word, more ? ZMQ.SNDMORE : 0);
        }

        @Override
        public ZMQ.Socket pipe() {
            return pipe;
        }
    }

    /** Unused by jzmtp-jeromq (its pollers need no selector); kept for the deprecated constructors that take it. */
    @Deprecated
    interface SelectorCreator {
        /** Opens a selector; never called by jzmtp-jeromq. */
        Selector create() throws IOException;

        /** Closes a selector from {@link #create()}; never called by jzmtp-jeromq. */
        void destroy(Selector selector) throws IOException;
    }
}
