package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZActor;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;
import org.zeromq.ZPoller;
import org.zeromq.ZProxy;

/**
 * Pins basic {@code ZActor} use (an actor with its own sockets, talking to its owner over the pipe, exiting when its
 * backstage handler returns false) and basic {@code ZProxy} use (start, forward, pause, exit, with the status strings
 * it returns).
 */
class ActorAndZProxyTest {
    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** Echoes pipe commands, forwards what its PULL socket receives to the pipe, and stops on "STOP". */
    private static final class EchoActor extends ZActor.SimpleActor {
        @Override
        public List<ZMQ.Socket> createSockets(ZContext context, Object... args) {
            ZMQ.Socket pull = context.createSocket(SocketType.PULL);
            pull.bind((String) args[0]);
            return List.of(pull);
        }

        @Override
        public void start(ZMQ.Socket pipe, List<ZMQ.Socket> sockets, ZPoller poller) {
            poller.register(sockets.get(0), ZPoller.IN);
        }

        @Override
        public boolean backstage(ZMQ.Socket pipe, ZPoller poller, int events) {
            String command = pipe.recvStr();
            if ("STOP".equals(command)) {
                return false;
            }
            return pipe.send("echo:" + command);
        }

        @Override
        public boolean stage(ZMQ.Socket socket, ZMQ.Socket pipe, ZPoller poller, int events) {
            return pipe.send("socket:" + socket.recvStr());
        }
    }

    @Test
    void actorTalksOverItsPipeAndExits() throws InterruptedException {
        ZActor actor = new ZActor(ctx, new EchoActor(), "bye", "inproc://actor-input");
        assertTrue(actor.send("hello"));
        assertEquals("echo:hello", actor.recv().popString());

        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
        push.connect("inproc://actor-input");
        push.send("data");
        ZMsg forwarded = actor.recv();
        assertEquals("socket:data", forwarded.popString());

        assertFalse(actor.exit().isExited());
        actor.send("STOP");
        assertTrue(actor.exit().await(10, TimeUnit.SECONDS));
        assertTrue(actor.exit().isExited());
    }

    /** A PULL frontend and PUSH backend, bound to the endpoints given as arguments. */
    private static final class PipelineProxy extends ZProxy.Proxy.SimpleProxy {
        @Override
        public ZMQ.Socket create(ZContext context, ZProxy.Plug place, Object... args) {
            switch (place) {
                case FRONT:
                    return context.createSocket(SocketType.PULL);
                case BACK:
                    return context.createSocket(SocketType.PUSH);
                default:
                    return null;
            }
        }

        @Override
        public boolean configure(ZMQ.Socket socket, ZProxy.Plug place, Object... args) {
            if (place == ZProxy.Plug.FRONT) {
                return socket.bind((String) args[0]);
            }
            if (place == ZProxy.Plug.BACK) {
                return socket.bind((String) args[1]);
            }
            return true;
        }
    }

    @Test
    void zproxyStartsForwardsPausesAndExits() {
        ZProxy proxy = ZProxy.newZProxy(ctx, "pipeline", new PipelineProxy(), null, "inproc://zproxy-front",
                "inproc://zproxy-back");
        try {
            assertEquals(ZProxy.STARTED, proxy.start(true));
            assertTrue(proxy.isStarted());

            ZMQ.Socket producer = ctx.createSocket(SocketType.PUSH);
            producer.connect("inproc://zproxy-front");
            ZMQ.Socket consumer = ctx.createSocket(SocketType.PULL);
            consumer.setReceiveTimeOut(5000);
            consumer.connect("inproc://zproxy-back");
            producer.send("through the proxy");
            assertEquals("through the proxy", consumer.recvStr());

            assertEquals(ZProxy.PAUSED, proxy.pause(true));
            producer.send("held");
            consumer.setReceiveTimeOut(300);
            assertNull(consumer.recvStr(), "a paused proxy forwarded a message");
            assertEquals(ZProxy.STARTED, proxy.start(true));
            consumer.setReceiveTimeOut(5000);
            assertEquals("held", consumer.recvStr());
        } finally {
            assertEquals(ZProxy.EXITED, proxy.exit());
        }
    }

    @Test
    void zproxyStatusConstants() {
        assertEquals("STARTED", ZProxy.STARTED);
        assertEquals("PAUSED", ZProxy.PAUSED);
        assertEquals("STOPPED", ZProxy.STOPPED);
        assertEquals("EXITED", ZProxy.EXITED);
        assertEquals("ALIVE", ZProxy.ALIVE);
    }
}
