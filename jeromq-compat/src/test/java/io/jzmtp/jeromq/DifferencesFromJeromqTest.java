package io.jzmtp.jeromq;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the drop-in deliberately does better than JeroMQ 0.6.0 (the module README's "differences from JeroMQ"), so
 * these run on the drop-in only: an interrupt leaves the socket usable, pollers hold no file descriptor, ipc is a real
 * Unix domain socket, termination does not hang on unsent messages, and
 * what jzmtp cannot do fails loudly instead of being ignored.
 */
class DifferencesFromJeromqTest {

    private ZContext ctx;

    @BeforeEach
    void open() {
        ctx = new ZContext();
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void anInterruptedReceiveThrowsEintrAndTheSocketStaysUsable() throws Exception {
        ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
        String endpoint = "inproc://interrupt";
        pull.bind(endpoint);
        CompletableFuture<Integer> code = new CompletableFuture<>();
        Thread receiver = new Thread(() -> {
            try {
                pull.recv();
                code.complete(0);
            } catch (ZMQException e) {
                code.complete(e.getErrorCode());
            }
        });
        receiver.start();
        awaitBlocked(receiver);
        receiver.interrupt();
        assertEquals(ZMQ.Error.EINTR.getCode(), code.get(10, TimeUnit.SECONDS));
        receiver.join(10_000);

        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
        push.connect(endpoint);
        assertTrue(push.send("after the interrupt"));
        pull.setReceiveTimeOut(10_000);
        assertEquals("after the interrupt", pull.recvStr());
    }

    private static void awaitBlocked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "the receiver never blocked: " + t.getState());
            Thread.onSpinWait();
            Thread.sleep(1);
        }
    }

    @Test
    void pollersHoldNoFileDescriptor() throws IOException {
        ZMQ.Socket socket = ctx.createSocket(SocketType.PULL);
        socket.bind("inproc://pollers");
        long before = openDescriptors();
        for (int i = 0; i < 5_000; i++) {
            ZMQ.Poller poller = ctx.createPoller(1);   // never closed, as in many guide-style loops
            poller.register(socket, ZMQ.Poller.POLLIN);
            assertEquals(0, poller.poll(0));
        }
        assertTrue(openDescriptors() - before < 50, "pollers leaked descriptors: " + before + " -> "
                + openDescriptors());
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void ipcIsAUnixDomainSocket(@TempDir Path dir) {
        Path file = dir.resolve("real.ipc");
        ZMQ.Socket rep = ctx.createSocket(SocketType.REP);
        rep.bind("ipc://" + file);
        assertTrue(Files.exists(file), "a socket file, not a TCP port hashed from the name");
        ZMQ.Socket req = ctx.createSocket(SocketType.REQ);
        req.connect("ipc://" + file);
        rep.setReceiveTimeOut(10_000);
        req.setReceiveTimeOut(10_000);
        req.send("over ipc");
        assertEquals("over ipc", rep.recvStr());
        rep.send("back");
        assertEquals("back", req.recvStr());
    }

    @Test
    void termDoesNotHangOnMessagesNobodyTakes() throws Exception {
        ZMQ.Context context = ZMQ.context(1);
        ZMQ.Socket push = context.socket(SocketType.PUSH);
        push.setLinger(200);
        push.connect("tcp://127.0.0.1:1");   // nobody listens: the message can never leave
        assertTrue(push.send("stuck"));
        push.close();
        CompletableFuture<Void> term = CompletableFuture.runAsync(context::term);
        term.get(10, TimeUnit.SECONDS);
        assertTrue(context.isTerminated());
    }

    @Test
    void whatJzmtpCannotDoFailsLoudly() throws IOException {
        ZMQException stream = assertThrows(ZMQException.class, () -> ctx.createSocket(SocketType.STREAM));
        assertEquals(ZMQ.Error.ENOTSUP.getCode(), stream.getErrorCode());
        assertTrue(stream.getMessage().contains("STREAM"), stream.getMessage());

        ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
        assertEquals(ZMQ.Error.ENOTSUP.getCode(),
                assertThrows(ZMQException.class, () -> router.setRouterRaw(true)).getErrorCode());
        assertTrue(router.setRouterRaw(false));
        assertEquals(ZMQ.Error.ENOTSUP.getCode(),
                assertThrows(ZMQException.class, () -> router.setSocksProxy("127.0.0.1:1080")).getErrorCode());

        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
            assertTrue(sink.isOpen());
            source.configureBlocking(false);
            ZMQ.Poller poller = ctx.createPoller(1);
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> poller.register(source, ZMQ.Poller.POLLIN));
            assertTrue(e.getMessage().contains("SelectableChannel"), e.getMessage());
            assertEquals(0, poller.getSize());
        }
    }

    @Test
    void aPollerWaitsOnReadinessAndSeesHalfReadMessages() {
        ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
        pull.bind("inproc://half-read");
        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
        push.connect("inproc://half-read");
        push.sendMore("one");
        push.send("two");
        ZMQ.Poller poller = ctx.createPoller(1);
        poller.register(pull, ZMQ.Poller.POLLIN);
        assertEquals(1, poller.poll(10_000));
        assertEquals("one", pull.recvStr());
        assertEquals(1, poller.poll(0), "the second frame is still to be read");
        assertEquals("two", pull.recvStr());
        assertFalse(pull.hasReceiveMore());
        assertEquals(0, poller.poll(0));
    }
}
