package io.jzmtp.routing;

import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;

import java.util.ArrayList;
import java.util.List;

/**
 * Round-robin sending (RFC 28, 30): each whole message goes to the next pipe in turn that has room; pipes at their
 * high-water mark are skipped. When every pipe is full the send would block. Not thread-safe: the socket calls it
 * under its lock.
 */
public final class LoadBalancer {

    private final List<Pipe> pipes = new ArrayList<>();
    private int next;

    /** Adds a pipe to the rotation. */
    public void attach(Pipe pipe) {
        pipes.add(pipe);
    }

    /** Removes a pipe from the rotation. */
    public void detach(Pipe pipe) {
        int i = pipes.indexOf(pipe);
        if (i >= 0) {
            pipes.remove(i);
            if (next > i) {
                next--;
            }
            if (next >= pipes.size()) {
                next = 0;
            }
        }
    }

    /**
     * Queues {@code message} on the next pipe with room. Returns {@code false}, leaving the message with the caller,
     * when there is no such pipe.
     */
    public boolean send(Message message) {
        return sendTo(message) != null;
    }

    /**
     * Like {@link #send}, but returns the pipe that took the message (it now owns it), or {@code null} when no pipe
     * has room (the caller keeps the message). REQ needs to know whom it asked.
     */
    public Pipe sendTo(Message message) {
        int n = pipes.size();
        int index = next;
        for (int tried = 0; tried < n; tried++) {
            Pipe pipe = pipes.get(index);
            index = index + 1 == n ? 0 : index + 1;   // the turn after this one, without a division per message
            if (pipe.offer(message)) {
                next = index;
                return pipe;
            }
        }
        return null;
    }

    /** Whether some pipe has room. */
    public boolean canSend() {
        for (Pipe p : pipes) {
            if (p.isWritable()) {
                return true;
            }
        }
        return false;
    }

}
