package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * An asynchronous client/server in the style of the classic guide: DEALER clients with identities send requests
 * without waiting, the server's ROUTER frontend is joined to an inproc DEALER backend by {@code ZMQ.proxy}, and
 * DEALER workers answer each request several times. Pins that [identity, body] envelopes cross a proxy both ways and
 * that replies reach the right asynchronous client; the proxy ends with a TERMINATE on its control socket.
 */
class GuideAsyncServerTest {
    private static final int CLIENTS = 3;
    private static final int REQUESTS = 4;
    private static final int REPLIES_PER_REQUEST = 2;

    private final ZContext ctx = new ZContext();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Background<?>> threads = new ArrayList<>();

    @AfterEach
    void tearDown() {
        running.set(false);
        threads.forEach(Background::close);
        ctx.close();
    }

    private void worker(String backend) {
        ZMQ.Socket dealer = ctx.createSocket(SocketType.DEALER);
        dealer.setReceiveTimeOut(100);
        dealer.connect(backend);
        try {
            while (running.get()) {
                ZMsg request = ZMsg.recvMsg(dealer, true);
                if (request == null) {
                    continue;
                }
                // [client identity, body]: no delimiter between DEALER and ROUTER
                ZFrame identity = request.pop();
                String body = request.popString();
                for (int i = 0; i < REPLIES_PER_REQUEST; i++) {
                    ZMsg reply = new ZMsg();
                    reply.add(identity.duplicate());
                    reply.add(body + " reply " + i);
                    reply.send(dealer);
                }
            }
        } finally {
            dealer.close();
        }
    }

    @Test
    void asynchronousClientsGetAllTheirReplies() {
        ZMQ.Socket frontend = ctx.createSocket(SocketType.ROUTER);
        frontend.bind("tcp://127.0.0.1:*");
        String endpoint = frontend.getLastEndpoint();
        ZMQ.Socket backend = ctx.createSocket(SocketType.DEALER);
        backend.bind("inproc://async-backend");
        ZMQ.Socket control = ctx.createSocket(SocketType.PAIR);
        control.bind("inproc://async-control");
        ZMQ.Socket controller = ctx.createSocket(SocketType.PAIR);
        controller.connect("inproc://async-control");
        Background<Boolean> proxy = Background.call("proxy", () -> ZMQ.proxy(frontend, backend, null, control));
        for (int w = 0; w < 2; w++) {
            threads.add(Background.run("worker-" + w, () -> worker("inproc://async-backend")));
        }

        List<ZMQ.Socket> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            ZMQ.Socket dealer = ctx.createSocket(SocketType.DEALER);
            dealer.setIdentity(("client-" + c).getBytes(ZMQ.CHARSET));
            dealer.connect(endpoint);
            clients.add(dealer);
        }
        // fire all requests first, as an asynchronous client does
        for (int r = 0; r < REQUESTS; r++) {
            for (int c = 0; c < CLIENTS; c++) {
                assertTrue(clients.get(c).send("client-" + c + " request " + r));
            }
        }

        int expected = REQUESTS * REPLIES_PER_REQUEST;
        int[] received = new int[CLIENTS];
        ZMQ.Poller poller = ctx.createPoller(CLIENTS);
        try {
            for (ZMQ.Socket client : clients) {
                poller.register(client, ZMQ.Poller.POLLIN);
            }
            long deadline = System.nanoTime() + Await.DEFAULT.toNanos();
            while (sum(received) < CLIENTS * expected) {
                assertTrue(System.nanoTime() < deadline, "only " + sum(received) + " replies arrived");
                if (poller.poll(200) <= 0) {
                    continue;
                }
                for (int c = 0; c < CLIENTS; c++) {
                    if (poller.pollin(c)) {
                        String reply = clients.get(c).recvStr(ZMQ.DONTWAIT);
                        if (reply != null) {
                            assertTrue(reply.startsWith("client-" + c + " request "), "client " + c + " got " + reply);
                            received[c]++;
                        }
                    }
                }
            }
        } finally {
            poller.close();
        }
        for (int c = 0; c < CLIENTS; c++) {
            assertEquals(expected, received[c], "replies of client " + c);
        }

        controller.send(ZMQ.PROXY_TERMINATE);
        assertTrue(proxy.get());
        proxy.close();
    }

    private static int sum(int[] values) {
        int total = 0;
        for (int v : values) {
            total += v;
        }
        return total;
    }
}
