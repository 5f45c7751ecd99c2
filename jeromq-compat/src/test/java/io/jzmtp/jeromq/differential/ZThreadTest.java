package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZThread;

/**
 * Pins {@code ZThread}: fork gives the child its arguments, a shadow context and a PAIR pipe connected to the PAIR it
 * returns to the parent, runs it on a non-daemon thread and destroys the shadow when the child returns; start runs a
 * detached task on a daemon thread.
 */
class ZThreadTest {
    private final ZContext ctx = new ZContext();
    private final List<Thread> children = new ArrayList<>();

    @AfterEach
    void tearDown() {
        ctx.close();
        children.forEach(Await::join);
    }

    private synchronized void track(Thread thread) {
        children.add(thread);
    }

    @Test
    void forkGivesTheChildAPipeArgumentsAndAShadowContext() {
        AtomicReference<ZContext> childContext = new AtomicReference<>();
        AtomicReference<Boolean> daemon = new AtomicReference<>();
        ZMQ.Socket pipe = ZThread.fork(ctx, (args, shadow, childPipe) -> {
            track(Thread.currentThread());
            daemon.set(Thread.currentThread().isDaemon());
            childContext.set(shadow);
            childPipe.send("ready " + args[0] + " " + args[1]);
            String command = childPipe.recvStr();
            childPipe.send("echo " + command);
        }, "first", 2);
        assertNotNull(pipe);
        assertEquals(SocketType.PAIR, pipe.getSocketType());
        pipe.setReceiveTimeOut(5000);
        assertEquals("ready first 2", pipe.recvStr());
        assertTrue(pipe.send("hello"));
        assertEquals("echo hello", pipe.recvStr());

        assertFalse(daemon.get());
        assertFalse(childContext.get().isMain());
        assertEquals(ctx.getContext(), childContext.get().getContext());
        // the parent context owns only its end of the pipe
        assertEquals(List.of(pipe), ctx.getSockets());
    }

    @Test
    void childShadowIsDestroyedWhenTheChildReturns() {
        ZMQ.Socket pipe = ctx.fork((args, shadow, childPipe) -> {
            track(Thread.currentThread());
            childPipe.send("done");
        });
        pipe.setReceiveTimeOut(5000);
        assertEquals("done", pipe.recvStr());
        pipe.close();
        Await.until("the child's shadow context to go", ctx::isEmpty);
    }

    @Test
    void childUsesItsShadowForMoreSockets() {
        ZMQ.Socket results = ctx.createSocket(SocketType.PULL);
        results.bind("inproc://zthread-results");
        results.setReceiveTimeOut(5000);
        ZMQ.Socket pipe = ctx.fork((args, shadow, childPipe) -> {
            track(Thread.currentThread());
            ZMQ.Socket push = shadow.createSocket(SocketType.PUSH);
            push.connect((String) args[0]);
            while (true) {
                String command = childPipe.recvStr();
                if ("$TERM".equals(command)) {
                    childPipe.send("bye");
                    return;
                }
                push.send(command.toUpperCase(Locale.ROOT));
            }
        }, "inproc://zthread-results");
        pipe.setReceiveTimeOut(5000);
        pipe.send("one");
        pipe.send("two");
        assertEquals("ONE", results.recvStr());
        assertEquals("TWO", results.recvStr());
        pipe.send("$TERM");
        assertEquals("bye", pipe.recvStr());
    }

    @Test
    void startRunsADetachedDaemonThread() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<Thread> thread = new AtomicReference<>();
        AtomicReference<Object[]> received = new AtomicReference<>();
        ZThread.start(args -> {
            thread.set(Thread.currentThread());
            received.set(args);
            ran.countDown();
        }, "a", 1);
        assertTrue(ran.await(5, TimeUnit.SECONDS));
        Await.join(thread.get());
        assertTrue(thread.get().isDaemon());
        assertEquals(2, received.get().length);
        assertEquals("a", received.get()[0]);
        assertEquals(1, received.get()[1]);
    }

    @Test
    void detachedThreadTalksOverItsOwnContext() {
        ZMQ.Socket rep = ctx.createSocket(SocketType.REP);
        int port = rep.bindToRandomPort("tcp://127.0.0.1");
        rep.setReceiveTimeOut(10000);
        rep.setHandshakeIvl(1000);   // JeroMQ's own handshake sometimes stalls; its timer retries (JeromqPeer)
        AtomicReference<Thread> thread = new AtomicReference<>();
        AtomicReference<String> answer = new AtomicReference<>();
        ZThread.start(args -> {
            thread.set(Thread.currentThread());
            try (ZContext own = new ZContext()) {
                ZMQ.Socket req = own.createSocket(SocketType.REQ);
                req.setReceiveTimeOut(10000);
                req.setHandshakeIvl(1000);   // as on the REP: a stalled JeroMQ handshake is dropped and made again
                req.connect("tcp://127.0.0.1:" + args[0]);
                req.send("from a detached thread");
                // wait for the answer before closing: JeroMQ may drop a message still queued at close
                answer.set(req.recvStr());
            }
        }, port);
        assertEquals("from a detached thread", rep.recvStr());
        rep.send("answer");
        Await.until("detached thread to start", () -> thread.get() != null);
        Await.join(thread.get());
        assertEquals("answer", answer.get());
    }
}
