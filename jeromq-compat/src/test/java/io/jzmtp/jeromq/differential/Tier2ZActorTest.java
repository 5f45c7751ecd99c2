package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZActor;
import org.zeromq.ZAgent;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;
import org.zeromq.ZPoller;
import org.zeromq.ZStar;

/**
 * Pins JeroMQ's actor framework: a {@code ZActor}'s life cycle callbacks, its pipe and last word, the agent's lock,
 * sockets polled by the actor, and a restart.
 */
@Timeout(30)
class Tier2ZActorTest {

    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** Echoes every message on the pipe; "STOP" ends the actor. */
    private static final class Echo extends ZActor.SimpleActor {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public String premiere(ZMQ.Socket pipe) {
            calls.add("premiere");
            return "echo-actor";
        }

        @Override
        public List<ZMQ.Socket> createSockets(ZContext ctx, Object... args) {
            calls.add("createSockets " + Arrays.toString(args));
            return List.of(ctx.createSocket(SocketType.PUB));
        }

        @Override
        public void start(ZMQ.Socket pipe, List<ZMQ.Socket> sockets, ZPoller poller) {
            calls.add("start " + sockets.size());
        }

        @Override
        public boolean backstage(ZMQ.Socket pipe, ZPoller poller, int events) {
            String word = pipe.recvStr();
            calls.add("backstage " + word);
            if ("STOP".equals(word)) {
                return false;
            }
            pipe.send(word + " " + Thread.currentThread().getName());
            return true;
        }

        @Override
        public void closed(ZMQ.Socket socket) {
            // the socket is closed already: JeroMQ's getters fail on it, so it is only counted
            calls.add("closed");
        }

        @Override
        public boolean destroyed(ZContext ctx, ZMQ.Socket pipe, ZPoller poller) {
            calls.add("destroyed");
            return false;
        }

        @Override
        public boolean finished(ZMQ.Socket pipe) {
            calls.add("finished");
            return true;
        }
    }

    @Test
    void pipeLifeCycleAndLastWord() throws InterruptedException {
        Echo echo = new Echo();
        ZActor actor = new ZActor(ctx, echo, "BYE", "arg1", 2);
        assertTrue(actor.send("hello"));
        ZMsg reply = actor.recv();
        assertNotNull(reply);
        assertEquals("hello echo-actor", reply.popString());   // the thread is named after the premiere
        assertTrue(actor.sign());

        assertTrue(actor.send("STOP"));
        assertNull(actor.recv());   // the last word locks the agent
        assertFalse(actor.sign());
        assertFalse(actor.send("more"));
        assertTrue(actor.exit().await(10, TimeUnit.SECONDS));
        assertTrue(actor.exit().isExited());

        assertEquals(List.of("premiere", "createSockets [arg1, 2]", "start 1", "backstage hello", "backstage STOP",
                "closed", "destroyed", "finished"), echo.calls);
    }

    @Test
    void actorOnItsOwnContext() throws InterruptedException {
        ZActor actor = new ZActor(new Echo(), "LAST");
        ZAgent agent = actor.agent();
        assertTrue(agent.send("ping"));
        assertEquals("ping echo-actor", agent.recv().popString());
        assertTrue(agent.send("STOP"));
        // the actor closes its own context when it ends: JeroMQ's agent may then fail in ways of its own, so the
        // test only waits for the end
        assertTrue(actor.exit().await(10, TimeUnit.SECONDS));
    }

    @Test
    void recvWithTimeoutGivesNullWhenNothingComes() throws InterruptedException {
        ZActor actor = new ZActor(ctx, new Echo(), "END");
        assertNull(actor.recv(50));
        assertNull(actor.recv(false));
        assertTrue(actor.sign());
        actor.send("STOP");
        assertNull(actor.recv());
        assertTrue(actor.exit().await(10, TimeUnit.SECONDS));
    }

    /** Receives on a PULL socket it binds and forwards each message to the pipe. */
    private static final class Forwarder extends ZActor.SimpleActor {
        private final String endpoint;

        Forwarder(String endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public List<ZMQ.Socket> createSockets(ZContext ctx, Object... args) {
            return List.of(ctx.createSocket(SocketType.PULL));
        }

        @Override
        public void start(ZMQ.Socket pipe, List<ZMQ.Socket> sockets, ZPoller poller) {
            ZMQ.Socket pull = sockets.get(0);
            pull.bind(endpoint);
            poller.register(pull, ZPoller.POLLIN);
            pipe.send("READY");
        }

        @Override
        public boolean stage(ZMQ.Socket socket, ZMQ.Socket pipe, ZPoller poller, int events) {
            assertTrue((events & ZPoller.POLLIN) != 0);
            ZMsg msg = ZMsg.recvMsg(socket);
            msg.addFirst("GOT");
            return msg.send(pipe);
        }
    }

    @Test
    void socketsRegisteredByTheActorReachStage() throws InterruptedException {
        ZActor actor = new ZActor(ctx, new Forwarder("inproc://tier2-actor-stage"), null);
        assertEquals("READY", actor.recv().popString());
        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
        push.connect("inproc://tier2-actor-stage");
        push.sendMore("a");
        push.send("b");
        ZMsg got = actor.recv();
        assertEquals(List.of("GOT", "a", "b"), got.stream().map(f -> f.getString(ZMQ.CHARSET)).toList());

        // SimpleActor's backstage stops the actor at the first command; without a last word the pipe just ends
        actor.send("anything");
        assertTrue(actor.exit().await(10, TimeUnit.SECONDS));
    }

    /** Counts shows: the first ends at "RESTART" and asks for another; the second ends at "STOP". */
    private static final class Restarter extends ZActor.SimpleActor {
        private int shows;
        private boolean again;

        @Override
        public List<ZMQ.Socket> createSockets(ZContext ctx, Object... args) {
            shows++;
            return List.of();
        }

        @Override
        public void start(ZMQ.Socket pipe, List<ZMQ.Socket> sockets, ZPoller poller) {
            pipe.send("show " + shows);
        }

        @Override
        public boolean backstage(ZMQ.Socket pipe, ZPoller poller, int events) {
            again = "RESTART".equals(pipe.recvStr());
            return false;
        }

        @Override
        public boolean destroyed(ZContext ctx, ZMQ.Socket pipe, ZPoller poller) {
            return again;
        }
    }

    @Test
    void destroyedTrueStartsANewShow() throws InterruptedException {
        ZActor actor = new ZActor(ctx, new Restarter(), "DONE");
        assertEquals("show 1", actor.recv().popString());
        actor.send("RESTART");
        assertEquals("show 2", actor.recv().popString());
        actor.send("STOP");
        assertNull(actor.recv());
        assertTrue(actor.exit().await(10, TimeUnit.SECONDS));
    }

    /** Records the callbacks it gets and reads nothing, so that it can shadow another actor. */
    private static final class Recorder extends ZActor.SimpleActor {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public String premiere(ZMQ.Socket pipe) {
            calls.add("premiere");
            return "ignored";
        }

        @Override
        public boolean backstage(ZMQ.Socket pipe, ZPoller poller, int events) {
            calls.add("backstage");
            return false;   // ignored: the main actor's answer counts
        }

        @Override
        public boolean finished(ZMQ.Socket pipe) {
            calls.add("finished");
            return false;
        }
    }

    @Test
    void duoCallsTheShadowFirstAndTheMainActorDecides() throws InterruptedException {
        Echo main = new Echo();
        Recorder shadow = new Recorder();
        ZActor actor = new ZActor(ctx, new ZActor.Duo(main, shadow), "DUO");
        actor.send("x");
        assertEquals("x echo-actor", actor.recv().popString());   // the main actor named the thread
        actor.send("STOP");
        assertNull(actor.recv());
        assertTrue(actor.exit().await(10, TimeUnit.SECONDS));
        assertEquals(List.of("premiere", "backstage", "backstage", "finished"), shadow.calls);
        assertTrue(main.calls.contains("finished"));
    }

    @Test
    void simpleSetNamesUnnamedStars() {
        assertEquals("Star-7", ZStar.SimpleSet.createDefaultName("Star-%d", 7));
    }
}
