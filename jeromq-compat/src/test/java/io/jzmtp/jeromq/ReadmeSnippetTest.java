package io.jzmtp.jeromq;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JeroMQ snippet of the project README and the module README, run as printed, against a REQ client. */
class ReadmeSnippetTest {

    @Test
    void theWorkerAnswersOneRequest() throws Exception {
        String endpoint = "tcp://127.0.0.1:" + zmq.util.Utils.findOpenPort();
        try (ZContext client = new ZContext()) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> worker(endpoint));
            ZMQ.Socket req = client.createSocket(SocketType.REQ);
            req.setReceiveTimeOut(10_000);
            req.connect(endpoint);
            req.send("job");
            assertEquals(List.of("job", "done"), List.of(req.recvStr(), req.recvStr()));
            served.get(10, TimeUnit.SECONDS);
        }
    }

    /** The README's lines. */
    private static void worker(String endpoint) {
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket worker = ctx.createSocket(SocketType.REP);
            worker.bind(endpoint);
            ZMsg request = ZMsg.recvMsg(worker);    // every frame of one message
            request.addLast("done");
            request.send(worker);                   // sends, then clears the message, as in JeroMQ
        }
    }
}
