package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * A lazy pirate client in the style of the classic guide: a REQ client polls for each reply with a timeout and, when
 * none comes, closes its socket, opens a new one and resends; the server (a ROUTER, so that it may simply not answer)
 * drops the first attempt of some requests. Pins that a REQ socket left waiting for a reply can be closed and replaced,
 * and that the poll timeout returns 0.
 */
class GuideLazyPirateTest {
    private static final int REQUESTS = 6;
    private static final int TIMEOUT_MS = 800;
    private static final int RETRIES = 6;

    private final ZContext ctx = new ZContext();
    private final AtomicBoolean running = new AtomicBoolean(true);

    @AfterEach
    void tearDown() {
        running.set(false);
        ctx.close();
    }

    /** Answers each request with its own body, except the first attempt of every third sequence number. */
    private void server(ZMQ.Socket router) {
        Set<String> dropped = new HashSet<>();
        try {
            while (running.get()) {
                ZMsg request = ZMsg.recvMsg(router, true);
                if (request == null) {
                    continue;
                }
                // [client id, "", sequence]
                ZFrame client = request.unwrap();
                String sequence = request.popString();
                if (Integer.parseInt(sequence) % 3 == 0 && dropped.add(sequence)) {
                    continue;
                }
                ZMsg reply = ZMsg.newStringMsg(sequence);
                reply.wrap(client);
                reply.send(router);
            }
        } finally {
            router.close();
        }
    }

    private ZMQ.Socket newClient(String endpoint) {
        ZMQ.Socket req = ctx.createSocket(SocketType.REQ);
        req.connect(endpoint);
        return req;
    }

    @Test
    void clientRetriesWithAFreshSocketUntilAnswered() {
        ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
        router.setReceiveTimeOut(100);
        router.bind("tcp://127.0.0.1:*");
        String endpoint = router.getLastEndpoint();
        int reopened = 0;
        try (Background<Void> server = Background.run("server", () -> server(router))) {
            ZMQ.Socket client = newClient(endpoint);
            for (int sequence = 1; sequence <= REQUESTS; sequence++) {
                String request = String.valueOf(sequence);
                client.send(request);
                String reply = null;
                for (int attempt = 0; attempt < RETRIES && reply == null; attempt++) {
                    ZMQ.Poller poller = ctx.createPoller(1);
                    try {
                        poller.register(client, ZMQ.Poller.POLLIN);
                        int ready = poller.poll(TIMEOUT_MS);
                        if (ready > 0 && poller.pollin(0)) {
                            reply = client.recvStr();
                        } else {
                            assertEquals(0, ready);
                            // no answer: a REQ socket is now stuck, so replace it and resend
                            client.close();
                            client = newClient(endpoint);
                            client.send(request);
                            reopened++;
                        }
                    } finally {
                        poller.close();
                    }
                }
                assertEquals(request, reply, "request " + sequence + " was never answered");
            }
            client.close();
            running.set(false);
            server.get();
        }
        // sequences 3 and 6 lost their first attempt; slow handshakes may add retries, never remove them
        assertTrue(reopened >= 2, "reopened " + reopened + " times");
    }
}
