package io.jzmtp.interop;

import io.jzmtp.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import zmq.Msg;
import zmq.io.Metadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A JeroMQ socket in this JVM, used only from the test thread (JeroMQ sockets are not thread-safe). Sends give up
 * after 10 s and receives after the given timeout, so nothing here can hang a test. Its HANDSHAKE_IVL is 1 s to work
 * around a JeroMQ handshake stall (see {@link #HANDSHAKE_IVL_MILLIS}).
 */
final class JeromqPeer implements Peer {

    private static final int SEND_TIMEOUT_MILLIS = 10_000;
    /**
     * JeroMQ 0.6.0's connecting side now and then never writes its greeting at all: the TCP connection is up, the
     * bound side has sent its signature, and nothing more happens. It is JeroMQ's own bug, not a reaction to us:
     * measured here, a JeroMQ PUSH connecting to a JeroMQ PULL stalled in 9 of 300 connections, and against a jzmtp
     * PULL our side sat after its own signature with not one byte received. Only JeroMQ's handshake timer gets it
     * out (it drops the connection and connects again); its default of 30 s would outlast every receive timeout
     * here, so the tests' JeroMQ peers use 1 s.
     */
    private static final int HANDSHAKE_IVL_MILLIS = 1000;

    /** Our option names where JeroMQ's constant has another name. */
    private static final Map<String, String> JEROMQ_NAMES = Map.of(
            "ROUTING_ID", "ZMQ_IDENTITY",
            "CONNECT_ROUTING_ID", "ZMQ_CONNECT_RID");

    private final ZContext context = new ZContext(1);
    private final ZMQ.Socket socket;
    private final SocketType type;
    private final String label;
    private ZMQ.Socket monitor;
    private volatile boolean zapStopping;
    private Thread zapHandler;
    private final List<List<byte[]>> zapRequests = new java.util.concurrent.CopyOnWriteArrayList<>();

    JeromqPeer(SocketType type) {
        if (zmq.io.SessionBase.class.desiredAssertionStatus()) {
            fail("JeroMQ must run without -ea, as applications run it: its I/O thread asserts on pipe states its own "
                    + "code reaches when a secured handshake is refused, and the AssertionError hangs its context "
                    + "(interop-tests/pom.xml passes -da:zmq...)");
        }
        this.socket = context.createSocket(org.zeromq.SocketType.valueOf(type.name()));
        socket.setLinger(500);
        socket.setSendTimeOut(SEND_TIMEOUT_MILLIS);
        socket.setHandshakeIvl(HANDSHAKE_IVL_MILLIS);
        this.type = type;
        this.label = "JeroMQ " + type;
    }

    @Override
    public String describe() {
        return label;
    }

    @Override
    public String bind(String endpoint) {
        if (!socket.bind(endpoint)) {
            fail(label + " could not bind " + endpoint);
        }
        return socket.getLastEndpoint();
    }

    @Override
    public void connect(String endpoint) {
        if (!socket.connect(endpoint)) {
            fail(label + " could not connect to " + endpoint);
        }
    }

    @Override
    public void send(byte[]... frames) {
        for (int i = 0; i < frames.length; i++) {
            boolean more = i < frames.length - 1;
            if (!socket.send(frames[i], more ? ZMQ.SNDMORE : 0)) {
                fail(label + " could not send frame " + i + " of " + frames.length + " within "
                        + SEND_TIMEOUT_MILLIS + " ms (errno " + socket.errno() + ")");
            }
        }
    }

    @Override
    public boolean trySend(byte[]... frames) {
        for (int i = 0; i < frames.length; i++) {
            boolean more = i < frames.length - 1;
            if (!socket.send(frames[i], ZMQ.DONTWAIT | (more ? ZMQ.SNDMORE : 0))) {
                if (i == 0 && socket.errno() == ZMQ.Error.EAGAIN.getCode()) {
                    return false;
                }
                fail(label + " could not send frame " + i + " of " + frames.length + " (errno " + socket.errno()
                        + ")");
            }
        }
        return true;
    }

    @Override
    public List<Received> drain(Duration quiet) {
        List<Received> messages = new ArrayList<>();
        for (Received r = receive(quiet); r != null; r = receive(quiet)) {
            messages.add(r);
        }
        return messages;
    }

    @Override
    public void setOption(String name, int value) {
        setRaw(name, value);
    }

    @Override
    public void setOption(String name, byte[] value) {
        setRaw(name, value);
    }

    private void setRaw(String name, Object value) {
        String constant = JEROMQ_NAMES.getOrDefault(name, "ZMQ_" + name);
        int option;
        try {
            option = zmq.ZMQ.class.getField(constant).getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("JeroMQ has no option " + constant, e);
        }
        if (!socket.base().setSocketOpt(option, value)) {
            fail(label + " refused option " + name + " = " + value + " (errno " + socket.errno() + ")");
        }
    }

    @Override
    public void pump() {
        socket.getEvents();
    }

    @Override
    public void subscribe(byte[] topic) {
        subscription(topic, true);
    }

    @Override
    public void unsubscribe(byte[] topic) {
        subscription(topic, false);
    }

    private void subscription(byte[] topic, boolean on) {
        if (type == SocketType.XSUB) {
            byte[] message = new byte[topic.length + 1];
            message[0] = (byte) (on ? 1 : 0);
            System.arraycopy(topic, 0, message, 1, topic.length);
            send(message);
        } else if (!(on ? socket.subscribe(topic) : socket.unsubscribe(topic))) {
            fail(label + " could not " + (on ? "subscribe" : "unsubscribe") + " (errno " + socket.errno() + ")");
        }
    }

    @Override
    public Received receive(Duration timeout) {
        return receive(timeout, Metadata.SOCKET_TYPE);
    }

    @Override
    public Received receiveWithUserId(Duration timeout) {
        return receive(timeout, Metadata.USER_ID);
    }

    /**
     * The handler thread owns its REP socket (JeroMQ sockets are not thread-safe): it polls with a short timeout,
     * and on {@link #close()} stops and closes the socket itself before the context terminates, since a context
     * waits forever for a socket another thread still holds.
     */
    @Override
    public void startZapHandler(int status, String userId) {
        ZMQ.Socket handler = context.getContext().socket(org.zeromq.SocketType.REP);   // not the ZContext's to close
        handler.setReceiveTimeOut(50);
        if (!handler.bind("inproc://zeromq.zap.01")) {
            handler.close();
            fail(label + " could not bind its ZAP handler");
        }
        byte[] metadata = new byte[1 + 6 + 4 + 6];
        java.nio.ByteBuffer.wrap(metadata).put((byte) 6).put("X-Role".getBytes()).putInt(6).put("tester".getBytes());
        zapHandler = new Thread(() -> {
            try {
                while (!zapStopping) {
                    byte[] frame = handler.recv(0);
                    if (frame == null) {
                        continue;   // the timeout: look at zapStopping again
                    }
                    List<byte[]> request = new ArrayList<>(List.of(frame));
                    while (handler.hasReceiveMore()) {
                        request.add(handler.recv(0));
                    }
                    zapRequests.add(request);
                    handler.sendMore("1.0");
                    handler.sendMore(request.get(1));
                    handler.sendMore(Integer.toString(status));
                    handler.sendMore("from the test");
                    handler.sendMore(userId);
                    handler.send(metadata);
                }
            } catch (RuntimeException e) {
                // JeroMQ failed under us; the test sees the missing answer
            } finally {
                handler.close();
            }
        }, "jeromq-zap-handler");
        zapHandler.setDaemon(true);
        zapHandler.start();
    }

    @Override
    public List<byte[]> lastZapRequest() {
        return zapRequests.isEmpty() ? List.of() : zapRequests.get(zapRequests.size() - 1);
    }

    private Received receive(Duration timeout, String property) {
        socket.setReceiveTimeOut((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Msg first = socket.recvMsg(0);
        if (first == null) {
            return null;
        }
        Metadata metadata = first.getMetadata();
        List<byte[]> frames = new ArrayList<>();
        frames.add(first.data());
        boolean more = first.hasMore();
        while (more) {
            Msg next = socket.recvMsg(0);   // the rest of a message is already here: frames arrive atomically
            if (next == null) {
                fail(label + " received frame " + frames.size() + " with MORE set, but no next frame");
            }
            frames.add(next.data());
            more = next.hasMore();
            if (metadata == null) {
                metadata = next.getMetadata();   // a ROUTER's routing-id frame is made locally, without metadata
            }
        }
        return new Received(frames, metadata == null ? null : metadata.get(property));
    }

    /**
     * Starts JeroMQ's socket monitor (all events) on an inproc PAIR in this peer's context; call before connecting.
     * {@link #eventsWithin} reads it.
     */
    void startMonitor() {
        String address = "inproc://jeromq-peer-monitor-" + System.identityHashCode(this);
        if (!socket.monitor(address, ZMQ.EVENT_ALL)) {
            fail(label + " could not start its monitor (errno " + socket.errno() + ")");
        }
        monitor = context.createSocket(org.zeromq.SocketType.PAIR);
        monitor.setLinger(0);
        monitor.connect(address);
    }

    /** Every monitor event JeroMQ reports within {@code window}, as {@code event-number endpoint}; waits it out. */
    List<String> eventsWithin(Duration window) {
        if (monitor == null) {
            fail(label + ": monitor not started");
        }
        long deadline = System.nanoTime() + window.toNanos();
        List<String> seen = new ArrayList<>();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return seen;
            }
            monitor.setReceiveTimeOut((int) left);
            ZMQ.Event e = ZMQ.Event.recv(monitor);
            if (e == null) {
                return seen;
            }
            seen.add(eventName(e.getEvent()) + " " + e.getAddress());
        }
    }

    private static String eventName(int event) {
        for (java.lang.reflect.Field f : zmq.ZMQ.class.getFields()) {
            try {
                if (f.getName().startsWith("ZMQ_EVENT_") && f.getType() == int.class && f.getInt(null) == event
                        && !f.getName().equals("ZMQ_EVENT_ALL")) {
                    return f.getName().substring("ZMQ_EVENT_".length());
                }
            } catch (IllegalAccessException ignored) {
                // not a constant we can read
            }
        }
        return "EVENT_" + event;
    }

    @Override
    public void close() {
        zapStopping = true;
        if (zapHandler != null) {
            try {
                zapHandler.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        context.close();
    }
}
