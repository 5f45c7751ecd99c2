package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;
import org.zeromq.ZMQQueue;
import org.zeromq.ZMsg;

/**
 * Pins {@code ZMQ.proxy}: forwarding both ways, copying every forwarded message (and every control command) to the
 * capture socket, the PAUSE/RESUME/TERMINATE control commands (TERMINATE makes proxy return true), returning false when
 * the context terminates; and {@code ZMQQueue} as a runnable proxy.
 */
class ProxyTest {
    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void controlCommandsAreTheirNames() {
        assertArrayEquals("PAUSE".getBytes(StandardCharsets.UTF_8), ZMQ.PROXY_PAUSE);
        assertArrayEquals("RESUME".getBytes(StandardCharsets.UTF_8), ZMQ.PROXY_RESUME);
        assertArrayEquals("TERMINATE".getBytes(StandardCharsets.UTF_8), ZMQ.PROXY_TERMINATE);
    }

    @Test
    void requestReplyThroughAProxyWithCaptureAndTerminate() {
        ZMQ.Socket frontend = ctx.createSocket(SocketType.ROUTER);
        frontend.bind("inproc://proxy-front");
        ZMQ.Socket backend = ctx.createSocket(SocketType.DEALER);
        backend.bind("inproc://proxy-back");
        ZMQ.Socket capture = ctx.createSocket(SocketType.PUSH);
        capture.bind("inproc://proxy-capture");
        ZMQ.Socket captured = ctx.createSocket(SocketType.PULL);
        captured.setReceiveTimeOut(5000);
        captured.connect("inproc://proxy-capture");
        ZMQ.Socket control = ctx.createSocket(SocketType.PAIR);
        control.bind("inproc://proxy-control");
        ZMQ.Socket controller = ctx.createSocket(SocketType.PAIR);
        controller.connect("inproc://proxy-control");

        try (Background<Boolean> proxy = Background.call("proxy",
                () -> ZMQ.proxy(frontend, backend, capture, control))) {
            ZMQ.Socket client = ctx.createSocket(SocketType.REQ);
            client.setReceiveTimeOut(5000);
            client.connect("inproc://proxy-front");
            ZMQ.Socket worker = ctx.createSocket(SocketType.REP);
            worker.setReceiveTimeOut(5000);
            worker.connect("inproc://proxy-back");

            assertTrue(client.send("ping"));
            assertEquals("ping", worker.recvStr());
            assertTrue(worker.send("pong"));
            assertEquals("pong", client.recvStr());

            // the capture sees the request as the ROUTER read it: identity, delimiter, body
            ZMsg request = ZMsg.recvMsg(captured);
            assertEquals(3, request.size());
            assertEquals(0, request.toArray(new ZFrame[0])[1].size());
            assertEquals("ping", request.getLast().toString());
            ZMsg reply = ZMsg.recvMsg(captured);
            assertEquals("pong", reply.getLast().toString());

            assertTrue(controller.send(ZMQ.PROXY_TERMINATE));
            assertTrue(proxy.get());
            assertEquals("TERMINATE", captured.recvStr());
        }
    }

    @Test
    void pauseHoldsMessagesUntilResume() {
        ZMQ.Socket frontend = ctx.createSocket(SocketType.PULL);
        frontend.bind("inproc://pause-front");
        ZMQ.Socket backend = ctx.createSocket(SocketType.PUSH);
        backend.bind("inproc://pause-back");
        ZMQ.Socket capture = ctx.createSocket(SocketType.PUSH);
        capture.bind("inproc://pause-capture");
        ZMQ.Socket captured = ctx.createSocket(SocketType.PULL);
        captured.setReceiveTimeOut(5000);
        captured.connect("inproc://pause-capture");
        ZMQ.Socket control = ctx.createSocket(SocketType.PAIR);
        control.bind("inproc://pause-control");
        ZMQ.Socket controller = ctx.createSocket(SocketType.PAIR);
        controller.connect("inproc://pause-control");
        ZMQ.Socket producer = ctx.createSocket(SocketType.PUSH);
        producer.connect("inproc://pause-front");
        ZMQ.Socket consumer = ctx.createSocket(SocketType.PULL);
        consumer.setReceiveTimeOut(5000);
        consumer.connect("inproc://pause-back");

        try (Background<Boolean> proxy = Background.call("proxy",
                () -> ZMQ.proxy(frontend, backend, capture, control))) {
            producer.send("before");
            assertEquals("before", consumer.recvStr());
            assertEquals("before", captured.recvStr());

            controller.send(ZMQ.PROXY_PAUSE);
            // control commands are captured right after the proxy applied them
            assertEquals("PAUSE", captured.recvStr());
            producer.send("held");
            consumer.setReceiveTimeOut(300);
            assertNull(consumer.recvStr(), "a paused proxy forwarded a message");

            controller.send(ZMQ.PROXY_RESUME);
            assertEquals("RESUME", captured.recvStr());
            consumer.setReceiveTimeOut(5000);
            assertEquals("held", consumer.recvStr());

            controller.send(ZMQ.PROXY_TERMINATE);
            assertTrue(proxy.get());
        }
    }

    @Test
    void proxyReturnsFalseWhenTheContextTerminates() throws Exception {
        ZMQ.Context context = ZMQ.context(1);
        ZMQ.Socket frontend = context.socket(SocketType.PULL);
        frontend.setLinger(0);
        frontend.bind("inproc://term-front");
        ZMQ.Socket backend = context.socket(SocketType.PUSH);
        backend.setLinger(0);
        backend.bind("inproc://term-back");
        ZMQ.Socket producer = context.socket(SocketType.PUSH);
        producer.setLinger(0);
        producer.connect("inproc://term-front");
        ZMQ.Socket consumer = context.socket(SocketType.PULL);
        consumer.setLinger(0);
        consumer.setReceiveTimeOut(5000);
        consumer.connect("inproc://term-back");

        Background<Boolean> proxy = Background.call("proxy", () -> {
            try {
                return ZMQ.proxy(frontend, backend, null);
            } finally {
                frontend.close();
                backend.close();
            }
        });
        producer.send("through");
        assertEquals("through", consumer.recvStr());
        producer.close();
        consumer.close();
        try (Background<Void> terminator = Background.run("terminator", context::term); proxy) {
            assertFalse(proxy.get());
            terminator.get();
        }
    }

    @Test
    void zmqQueueForwardsUntilTermination() throws Exception {
        ZMQ.Context context = ZMQ.context(1);
        ZMQ.Socket router = context.socket(SocketType.ROUTER);
        router.setLinger(0);
        router.bind("tcp://127.0.0.1:*");
        String front = router.getLastEndpoint();
        ZMQ.Socket dealer = context.socket(SocketType.DEALER);
        dealer.setLinger(0);
        dealer.bind("inproc://queue-back");
        ZMQQueue queue = new ZMQQueue(context, router, dealer);
        Background<Void> running = Background.run("queue", () -> {
            try {
                queue.run();
            } finally {
                router.close();
                dealer.close();
            }
        });

        ZMQ.Socket worker = context.socket(SocketType.REP);
        worker.setLinger(0);
        worker.setReceiveTimeOut(10000);
        worker.connect("inproc://queue-back");
        ZMQ.Socket client = context.socket(SocketType.REQ);
        client.setLinger(0);
        client.setReceiveTimeOut(10000);
        client.connect(front);
        for (int i = 0; i < 3; i++) {
            client.send("request " + i);
            assertEquals("request " + i, worker.recvStr());
            worker.send("reply " + i);
            assertEquals("reply " + i, client.recvStr());
        }
        client.close();
        worker.close();
        try (Background<Void> terminator = Background.run("terminator", context::term); running) {
            running.get(Duration.ofSeconds(10));
            terminator.get();
        }
    }
}
