package io.jzmtp;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The forwarding loop behind {@link Proxy}: one thread, a {@link Poller} to wait, never a blocking send or receive.
 * Each round serves the control socket, lets each direction move a batch of messages, then waits until a socket that
 * matters becomes ready (a source while its direction is idle, a receiver while a message waits for it).
 */
final class ProxyLoop {

    /** Messages one direction moves before the other gets its turn, so a busy direction cannot starve the other. */
    private static final int BATCH = 256;

    private final Socket frontend;
    private final Socket backend;
    private final Socket capture;
    private final Socket control;
    private final ProxyDirection forward;    // frontend to backend, or null when the frontend cannot receive
    private final ProxyDirection backward;   // backend to frontend, or null when the backend cannot receive
    private final List<ProxyDirection> directions = new ArrayList<>(2);
    /** A reply the control socket could not take yet; no command is read until it is sent. */
    private Message pendingReply;
    private boolean paused;

    /**
     * Checks the sockets and prepares the loop.
     *
     * @throws IllegalArgumentException when a socket's type cannot play its part, naming it
     */
    ProxyLoop(Socket frontend, Socket backend, Socket capture, Socket control) {
        this.frontend = Objects.requireNonNull(frontend, "frontend");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.capture = capture;
        this.control = control;
        this.forward = direction("frontend", frontend, "backend", backend);
        this.backward = direction("backend", backend, "frontend", frontend);
        if (forward == null && backward == null) {
            throw new IllegalArgumentException("neither the frontend (" + frontend.type() + ") nor the backend ("
                    + backend.type() + ") can receive: the proxy would have nothing to forward");
        }
        if (capture != null && !sends(capture.type())) {
            throw new IllegalArgumentException("the capture socket must be able to send; " + capture.type()
                    + " cannot (use PUB, PUSH, DEALER or PAIR)");
        }
        if (control != null && !receives(control.type())) {
            throw new IllegalArgumentException("the control socket must be able to receive; " + control.type()
                    + " cannot (use PAIR, REP, PULL or SUB)");
        }
    }

    private ProxyDirection direction(String fromName, Socket from, String toName, Socket to) {
        if (!receives(from.type())) {
            return null;
        }
        if (!sends(to.type())) {
            throw new IllegalArgumentException("the " + fromName + " (" + from.type() + ") receives messages but the "
                    + toName + " (" + to.type() + ") cannot send them on");
        }
        ProxyDirection d = new ProxyDirection(from, to, capture);
        directions.add(d);
        return d;
    }

    private static boolean receives(SocketType type) {
        return type != SocketType.PUSH && type != SocketType.PUB;
    }

    private static boolean sends(SocketType type) {
        return type != SocketType.PULL && type != SocketType.SUB;
    }

    /**
     * Forwards until TERMINATE arrives or a socket is closed; releases whatever it still holds when it ends.
     *
     * @throws SocketInterruptedException if the thread is interrupted (its interrupt status stays set)
     */
    Proxy.Ending run() {
        try (Poller poller = new Poller()) {
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new SocketInterruptedException("proxy", new InterruptedException("proxy was interrupted"));
                }
                if (serveControl()) {
                    return Proxy.Ending.TERMINATED;
                }
                for (ProxyDirection d : directions) {
                    d.pump(paused, BATCH);
                }
                waitForWork(poller);
            }
        } catch (SocketClosedException e) {
            return Proxy.Ending.CLOSED;
        } finally {
            for (ProxyDirection d : directions) {
                d.release();
            }
            if (pendingReply != null) {
                pendingReply.close();
                pendingReply = null;
            }
        }
    }

    /** Registers exactly what the loop waits for now (every socket stays registered, so a close is noticed). */
    private void waitForWork(Poller poller) {
        poller.interest(frontend, 0);
        poller.interest(backend, 0);
        if (capture != null) {
            poller.interest(capture, 0);
        }
        if (control != null) {
            poller.interest(control, pendingReply == null ? Poller.READ : Poller.WRITE);
        }
        for (ProxyDirection d : directions) {
            d.addInterest(poller, paused);
        }
        poller.poll(SocketOption.INFINITE);
    }

    // ---- control socket --------------------------------------------------------------------------------------------

    /** Runs the waiting control commands; returns {@code true} on TERMINATE. */
    private boolean serveControl() {
        if (control == null) {
            return false;
        }
        if (pendingReply != null) {
            if (!control.trySend(pendingReply)) {
                return false;
            }
            pendingReply = null;
        }
        while (pendingReply == null) {
            String name = nextCommand();
            if (name == null) {
                return false;
            }
            boolean terminate = "TERMINATE".equals(name);
            if ("PAUSE".equals(name)) {
                paused = true;
            } else if ("RESUME".equals(name)) {
                paused = false;
            }
            reply("STATISTICS".equals(name) ? statistics().toMessage() : acknowledgement());
            if (terminate) {
                return true;
            }
        }
        return false;
    }

    /**
     * The next command's text, "" for a message that is not one frame, or {@code null} when none is waiting. Like
     * libzmq, the proxy copies each command to the capture socket, so a capture shows when PAUSE, RESUME or TERMINATE
     * took effect.
     */
    private String nextCommand() {
        try (Message command = control.tryReceive()) {
            if (command == null) {
                return null;
            }
            copyToCapture(command);
            return command.size() == 1 ? command.frame(0).toUtf8() : "";
        }
    }

    /** A command's copy for the capture; dropped when the capture cannot take it now (the proxy never waits). */
    private void copyToCapture(Message command) {
        if (capture == null) {
            return;
        }
        Message copy = command.retainedDuplicate();
        if (!capture.trySend(copy)) {
            copy.close();
        }
    }

    /** An empty reply for a REP control socket, which must answer every request (as libzmq does); else none. */
    private Message acknowledgement() {
        return control.type() == SocketType.REP ? Message.of(Frame.empty()) : null;
    }

    private void reply(Message reply) {
        if (reply != null && !control.trySend(reply)) {
            pendingReply = reply;
        }
    }

    /** The counters so far; exact on the proxy's thread, a close approximation elsewhere. */
    Proxy.Statistics statistics() {
        return new Proxy.Statistics(
                forward == null ? 0 : forward.received, forward == null ? 0 : forward.receivedBytes,
                backward == null ? 0 : backward.sent, backward == null ? 0 : backward.sentBytes,
                backward == null ? 0 : backward.received, backward == null ? 0 : backward.receivedBytes,
                forward == null ? 0 : forward.sent, forward == null ? 0 : forward.sentBytes);
    }
}
