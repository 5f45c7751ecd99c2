package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A request-reply broker in the style of the classic guide: REQ clients talk to a ROUTER frontend, REP workers sit
 * behind a DEALER backend, and the broker shuttles multipart messages (envelopes included) between the two with a
 * {@code ZMQ.Poller}. Pins that the envelopes survive the trip so that every reply reaches the client that asked.
 */
class GuideRequestReplyBrokerTest {
    private static final int CLIENTS = 3;
    private static final int REQUESTS = 5;

    private final ZContext ctx = new ZContext();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Background<?>> threads = new ArrayList<>();

    @AfterEach
    void tearDown() {
        running.set(false);
        threads.forEach(Background::close);
        ctx.close();
    }

    /** Moves every frame of one message from {@code from} to {@code to}, keeping the more flags. */
    private static void forward(ZMQ.Socket from, ZMQ.Socket to) {
        while (true) {
            byte[] frame = from.recv(0);
            boolean more = from.hasReceiveMore();
            to.send(frame, more ? ZMQ.SNDMORE : 0);
            if (!more) {
                return;
            }
        }
    }

    /** The broker loop; it owns the two sockets from now on. */
    private void broker(ZMQ.Socket frontend, ZMQ.Socket backend) {
        ZMQ.Poller poller = ctx.createPoller(2);
        try {
            int front = poller.register(frontend, ZMQ.Poller.POLLIN);
            int back = poller.register(backend, ZMQ.Poller.POLLIN);
            while (running.get()) {
                // a bounded poll so that the broker notices the end of the test
                if (poller.poll(100) > 0) {
                    if (poller.pollin(front)) {
                        forward(frontend, backend);
                    }
                    if (poller.pollin(back)) {
                        forward(backend, frontend);
                    }
                }
            }
        } finally {
            poller.close();
            frontend.close();
            backend.close();
        }
    }

    private void worker(String name, String backendEndpoint) {
        ZMQ.Socket rep = ctx.createSocket(SocketType.REP);
        rep.setReceiveTimeOut(100);
        rep.connect(backendEndpoint);
        try {
            while (running.get()) {
                String request = rep.recvStr();
                if (request != null) {
                    rep.send(request + " handled by " + name);
                }
            }
        } finally {
            rep.close();
        }
    }

    @Test
    void everyClientGetsItsOwnReplies() {
        // bind here, then hand the sockets over to the broker thread
        ZMQ.Socket frontendSocket = ctx.createSocket(SocketType.ROUTER);
        frontendSocket.bind("tcp://127.0.0.1:*");
        String frontend = frontendSocket.getLastEndpoint();
        ZMQ.Socket backendSocket = ctx.createSocket(SocketType.DEALER);
        String backend = "inproc://rrbroker-backend";
        backendSocket.bind(backend);
        threads.add(Background.run("broker", () -> broker(frontendSocket, backendSocket)));
        for (String name : new String[] {"w1", "w2"}) {
            threads.add(Background.run(name, () -> worker(name, backend)));
        }

        List<ZMQ.Socket> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            ZMQ.Socket req = ctx.createSocket(SocketType.REQ);
            req.setReceiveTimeOut(10000);
            req.connect(frontend);
            clients.add(req);
        }
        Set<String> workersSeen = new HashSet<>();
        for (int r = 0; r < REQUESTS; r++) {
            for (int c = 0; c < CLIENTS; c++) {
                String request = "client " + c + " request " + r;
                clients.get(c).send(request);
            }
            for (int c = 0; c < CLIENTS; c++) {
                String reply = clients.get(c).recvStr();
                String request = "client " + c + " request " + r;
                assertTrue(reply != null && reply.startsWith(request + " handled by "), "reply " + reply);
                workersSeen.add(reply.substring(reply.lastIndexOf(' ') + 1));
            }
        }
        assertTrue(workersSeen.size() >= 1);
        assertEquals(CLIENTS, clients.size());
    }
}
