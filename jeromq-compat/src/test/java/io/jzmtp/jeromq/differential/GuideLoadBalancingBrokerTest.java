package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * A load-balancing broker in the style of the classic guide: REQ workers announce themselves with "READY" to a ROUTER
 * backend, REQ clients send to a ROUTER frontend, and the broker hands each request to the least recently used worker,
 * polling the frontend only while a worker is free, with a new {@code Poller} on every loop turn. Pins ROUTER envelope
 * handling on both sides ([worker id, "", client id, "", body]) and that every worker gets work.
 */
class GuideLoadBalancingBrokerTest {
    private static final int CLIENTS = 4;
    private static final int WORKERS = 3;
    private static final int REQUESTS_PER_CLIENT = 6;

    private final ZContext ctx = new ZContext();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger announced = new AtomicInteger();
    private final List<Background<?>> threads = new ArrayList<>();

    @AfterEach
    void tearDown() {
        running.set(false);
        threads.forEach(Background::close);
        ctx.close();
    }

    private void worker(String name, String backend) {
        ZMQ.Socket req = ctx.createSocket(SocketType.REQ);
        req.setIdentity(name.getBytes(ZMQ.CHARSET));
        req.setReceiveTimeOut(100);
        req.connect(backend);
        try {
            req.send("READY");
            while (running.get()) {
                ZMsg request = ZMsg.recvMsg(req, true);
                if (request == null) {
                    continue;
                }
                // [client id, "", body]
                ZFrame client = request.unwrap();
                String body = request.popString();
                ZMsg reply = ZMsg.newStringMsg(body + " done by " + name);
                reply.wrap(client);
                reply.send(req);
            }
        } finally {
            req.close();
        }
    }

    private void broker(ZMQ.Socket frontend, ZMQ.Socket backend) {
        Deque<ZFrame> idle = new ArrayDeque<>();
        while (running.get()) {
            // the guide re-creates its poller on every turn; this must be cheap and must not leak
            ZMQ.Poller poller = ctx.createPoller(2);
            try {
                int back = poller.register(backend, ZMQ.Poller.POLLIN);
                int front = idle.isEmpty() ? -1 : poller.register(frontend, ZMQ.Poller.POLLIN);
                if (poller.poll(100) <= 0) {
                    continue;
                }
                if (poller.pollin(back)) {
                    // [worker id, "", "READY"] or [worker id, "", client id, "", reply]
                    ZMsg msg = ZMsg.recvMsg(backend);
                    idle.add(msg.unwrap());
                    if ("READY".equals(msg.getFirst().toString())) {
                        announced.incrementAndGet();
                    } else {
                        msg.send(frontend);
                    }
                }
                if (front >= 0 && poller.pollin(front)) {
                    ZMsg request = ZMsg.recvMsg(frontend);
                    request.wrap(idle.poll());
                    request.send(backend);
                }
            } finally {
                poller.close();
            }
        }
    }

    @Test
    void requestsAreSpreadOverTheWorkersAndRepliesFindTheirClients() throws Exception {
        ZMQ.Socket frontend = ctx.createSocket(SocketType.ROUTER);
        frontend.bind("tcp://127.0.0.1:*");
        String frontendEndpoint = frontend.getLastEndpoint();
        ZMQ.Socket backend = ctx.createSocket(SocketType.ROUTER);
        backend.bind("inproc://lbbroker-backend");
        threads.add(Background.run("broker", () -> broker(frontend, backend)));
        for (int w = 0; w < WORKERS; w++) {
            String name = "worker-" + w;
            threads.add(Background.run(name, () -> worker(name, "inproc://lbbroker-backend")));
        }

        // with every worker queued before the first request, the LRU rotation gives each of them work
        Await.until("all workers to announce themselves", () -> announced.get() == WORKERS);

        List<Background<List<String>>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String name = "client-" + c;
            clients.add(Background.call(name, () -> {
                List<String> replies = new ArrayList<>();
                ZMQ.Socket req = ctx.createSocket(SocketType.REQ);
                req.setReceiveTimeOut(10000);
                req.connect(frontendEndpoint);
                try {
                    for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                        req.send(name + "/" + r);
                        replies.add(req.recvStr());
                    }
                } finally {
                    req.close();
                }
                return replies;
            }));
        }

        Map<String, Integer> perWorker = new HashMap<>();
        for (int c = 0; c < CLIENTS; c++) {
            List<String> replies = clients.get(c).get();
            clients.get(c).close();
            assertEquals(REQUESTS_PER_CLIENT, replies.size());
            for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                String reply = replies.get(r);
                assertTrue(reply != null && reply.startsWith("client-" + c + "/" + r + " done by worker-"),
                        "reply " + reply);
                perWorker.merge(reply.substring(reply.lastIndexOf(' ') + 1), 1, Integer::sum);
            }
        }
        assertEquals(CLIENTS * REQUESTS_PER_CLIENT, perWorker.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(WORKERS, perWorker.size(), perWorker.toString());
    }
}
