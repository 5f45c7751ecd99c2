package io.jzmtp;

import io.jzmtp.msg.Message;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import static io.jzmtp.TestSupport.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An I/O thread never waits for a user thread. A user thread that holds one socket for a long time (as a long fan-out
 * under the socket's lock would) must not hold up anything else on the same I/O thread: messages for that socket keep
 * arriving (queued in its pipe), and another socket served by the same I/O thread keeps doing request-reply round
 * trips, all while the lock is held. (When the I/O thread took the socket's lock to announce a message, everything on
 * that thread stopped here.)
 */
class IoThreadNeverWaitsIT {

    @Test
    void aUserThreadHoldingOneSocketDoesNotStallAnotherOnTheSameIoThread() throws Exception {
        try (Context ctx = Context.create(1)) {   // one I/O thread serves all four sockets
            Socket slowSocket = ctx.socket(SocketType.PULL);
            Socket feeder = ctx.socket(SocketType.PUSH);
            feeder.connect(slowSocket.bind("tcp://127.0.0.1:*"));
            Socket rep = ctx.socket(SocketType.REP);
            Socket req = ctx.socket(SocketType.REQ);
            req.connect(rep.bind("tcp://127.0.0.1:*"));
            roundTrip(req, rep, "warm-up");
            assertTrue(feeder.send(Message.of("warm-up")));
            try (Message m = slowSocket.receive(PATIENCE)) {
                assertNotNull(m);
            }

            ReentrantLock lock = lockOf(slowSocket);
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread slowUser = new Thread(() -> {
                lock.lock();
                try {
                    held.countDown();
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    lock.unlock();
                }
            }, "slow-user");
            slowUser.start();
            assertTrue(held.await(10, TimeUnit.SECONDS));
            try {
                for (int i = 0; i < 100; i++) {
                    assertTrue(feeder.send(Message.of("for the busy socket " + i), PATIENCE));
                }
                for (int i = 0; i < 100; i++) {
                    roundTrip(req, rep, "ping " + i);   // same I/O thread, while the other socket is held
                }
                assertTrue(lock.isLocked() && slowUser.isAlive(), "all of it happened while the lock was held");
            } finally {
                release.countDown();
                slowUser.join(10_000);
            }
            for (int i = 0; i < 100; i++) {
                try (Message m = slowSocket.receive(PATIENCE)) {
                    assertNotNull(m, "message " + i + " arrived while the socket was held, and is there now");
                    assertEquals("for the busy socket " + i, m.first().toUtf8());
                }
            }
        }
    }

    private static void roundTrip(Socket req, Socket rep, String text) {
        assertTrue(req.send(Message.of(text), PATIENCE));
        try (Message request = rep.receive(PATIENCE)) {
            assertNotNull(request, "request '" + text + "'");
        }
        assertTrue(rep.send(Message.of("re: " + text), PATIENCE));
        try (Message reply = req.receive(PATIENCE)) {
            assertNotNull(reply, "reply to '" + text + "'");
            assertEquals("re: " + text, reply.first().toUtf8());
        }
    }

    /** The socket's user-side lock (the one pattern code runs under), reached by reflection: a white-box test. */
    private static ReentrantLock lockOf(Socket socket) throws ReflectiveOperationException {
        Field core = Socket.class.getDeclaredField("core");
        core.setAccessible(true);
        Field lock = SocketCore.class.getDeclaredField("lock");
        lock.setAccessible(true);
        return (ReentrantLock) lock.get(core.get(socket));
    }
}
