package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;
import org.zeromq.ZProxy;

/**
 * Pins JeroMQ's {@code ZProxy}: the status each command returns (synchronous and not), messages flowing once
 * started, copies on the capture socket, configuration replies, and the exit. Inproc only: the proxy's sockets come
 * from a shadow of the test's context.
 */
@Timeout(60)
class Tier2ZProxyTest {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final ZContext ctx = new ZContext();
    private final String id = "tier2-proxy-" + IDS.incrementAndGet();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** PULL frontend, PUSH backend, optional PUSH capture, all bound on inproc names of this test. */
    private final class Pipeline extends ZProxy.Proxy.SimpleProxy {
        private final boolean capture;
        final AtomicInteger configured = new AtomicInteger();

        Pipeline(boolean capture) {
            this.capture = capture;
        }

        @Override
        public ZMQ.Socket create(ZContext ctx, ZProxy.Plug place, Object... args) {
            return switch (place) {
                case FRONT -> ctx.createSocket(SocketType.PULL);
                case BACK -> ctx.createSocket(SocketType.PUSH);
                case CAPTURE -> capture ? ctx.createSocket(SocketType.PUSH) : null;
            };
        }

        @Override
        public boolean configure(ZMQ.Socket socket, ZProxy.Plug place, Object... args) {
            if (socket == null) {
                return false;
            }
            configured.incrementAndGet();
            return socket.bind("inproc://" + id + "-" + place.name().toLowerCase());
        }

        @Override
        public boolean configure(ZMQ.Socket pipe, ZMsg cfg, ZMQ.Socket frontend, ZMQ.Socket backend,
                ZMQ.Socket capture, Object... args) {
            ZMsg reply = new ZMsg();
            reply.add("configured");
            reply.append(cfg);
            return reply.send(pipe);
        }
    }

    private ZMQ.Socket connect(SocketType type, String place) {
        ZMQ.Socket socket = ctx.createSocket(type);
        socket.setReceiveTimeOut(10_000);
        socket.connect("inproc://" + id + "-" + place);
        return socket;
    }

    @Test
    void constantsAreTheirNames() {
        assertEquals("STARTED", ZProxy.STARTED);
        assertEquals("PAUSED", ZProxy.PAUSED);
        assertEquals("STOPPED", ZProxy.STOPPED);
        assertEquals("EXITED", ZProxy.EXITED);
        assertEquals("ALIVE", ZProxy.ALIVE);
    }

    @Test
    void statusesThroughTheLifeCycle() {
        ZProxy proxy = ZProxy.newZProxy(ctx, "proxy-" + id, new Pipeline(false), "BYE");
        assertEquals(ZProxy.STOPPED, proxy.status());
        assertFalse(proxy.started());
        assertEquals(ZProxy.STARTED, proxy.start(true));
        assertTrue(proxy.isStarted());
        assertEquals(ZProxy.PAUSED, proxy.pause(true));
        assertEquals(ZProxy.STARTED, proxy.start(true));
        // stop closes the sockets; not started again here, since JeroMQ's new sockets may find the inproc names
        // still bound by the old ones, closed asynchronously
        assertEquals(ZProxy.STOPPED, proxy.stop(true));
        assertEquals(ZProxy.STOPPED, proxy.status());
        assertEquals(ZProxy.EXITED, proxy.exit());
        assertEquals(ZProxy.EXITED, proxy.status());
    }

    @Test
    void anAsynchronousCommandReturnsTheStatusBeforeIt() {
        ZProxy proxy = ZProxy.newZProxy(ctx, null, new Pipeline(false), "BYE");
        assertEquals(ZProxy.ALIVE, proxy.status(false));   // the status the proxy announced on its creation
        assertEquals(ZProxy.STOPPED, proxy.start(false));
        assertEquals(ZProxy.STARTED, proxy.status(true));
        assertEquals(ZProxy.STARTED, proxy.command(ZProxy.Command.PAUSE, false).name());
        assertEquals(ZProxy.State.PAUSED, proxy.command(ZProxy.Command.STATUS, true));
        assertEquals(ZProxy.EXITED, proxy.exit());
    }

    @Test
    void messagesFlowWhenStartedAndAreCaptured() {
        Pipeline pipeline = new Pipeline(true);
        ZProxy proxy = ZProxy.newZProxy(ctx, null, pipeline, "BYE");
        assertEquals(ZProxy.STARTED, proxy.start(true));
        assertEquals(3, pipeline.configured.get());
        ZMQ.Socket in = connect(SocketType.PUSH, "front");
        ZMQ.Socket out = connect(SocketType.PULL, "back");
        ZMQ.Socket copies = connect(SocketType.PULL, "capture");

        in.sendMore("part1");
        in.send("part2");
        assertEquals("part1", out.recvStr());
        assertTrue(out.hasReceiveMore());
        assertEquals("part2", out.recvStr());
        assertEquals("part1", copies.recvStr());
        assertEquals("part2", copies.recvStr());

        // paused, messages wait; started again, they flow
        assertEquals(ZProxy.PAUSED, proxy.pause(true));
        in.send("later");
        assertEquals(ZProxy.STARTED, proxy.start(true));
        assertEquals("later", out.recvStr());
        assertEquals(ZProxy.EXITED, proxy.exit());
    }

    @Test
    void lowLevelProxyMovesFrames() {
        ZProxy proxy = ZProxy.newProxy(ctx, null, new Pipeline(false), "BYE");
        assertEquals(ZProxy.STARTED, proxy.start(true));
        ZMQ.Socket in = connect(SocketType.PUSH, "front");
        ZMQ.Socket out = connect(SocketType.PULL, "back");
        in.sendMore("a");
        in.send("b");
        assertEquals("a", out.recvStr());
        assertEquals("b", out.recvStr());
        assertFalse(out.hasReceiveMore());
        assertEquals(ZProxy.EXITED, proxy.exit());
    }

    @Test
    void configureReturnsTheProvidersReply() {
        ZProxy proxy = ZProxy.newZProxy(ctx, null, new Pipeline(false), "BYE");
        ZMsg cfg = new ZMsg();
        cfg.add("key=value");
        ZMsg reply = proxy.configure(cfg);
        assertNotNull(reply);
        assertEquals("configured", reply.popString());
        assertEquals("key=value", reply.popString());
        assertEquals(ZProxy.STOPPED, proxy.status());
        assertEquals(ZProxy.EXITED, proxy.exit());
    }

    @Test
    void configAndRestartHaveMethodsOfTheirOwn() {
        ZProxy proxy = ZProxy.newZProxy(ctx, null, new Pipeline(false), "BYE");
        assertThrows(IllegalArgumentException.class, () -> proxy.command("CONFIG", true));
        assertThrows(IllegalArgumentException.class, () -> proxy.command("RESTART", true));
        assertEquals(ZProxy.EXITED, proxy.exit());
    }
}
