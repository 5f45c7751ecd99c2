package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A parallel pipeline with a kill signal in the style of the classic guide: a PUSH ventilator hands out tasks to PULL
 * workers, which PUSH results to a PULL sink; when the sink has every result it publishes "KILL" on a PUB socket that
 * each worker polls next to its task socket. The kill is repeated until every worker has gone (slow joiners), within
 * a deadline.
 */
class GuidePipelineKillTest {
    private static final int TASKS = 40;
    private static final int WORKERS = 3;

    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** Squares numbers until killed; returns how many tasks it did. */
    private int worker(String tasks, String results, String control) {
        ZMQ.Socket receiver = ctx.createSocket(SocketType.PULL);
        receiver.connect(tasks);
        ZMQ.Socket sender = ctx.createSocket(SocketType.PUSH);
        sender.connect(results);
        ZMQ.Socket controller = ctx.createSocket(SocketType.SUB);
        controller.subscribe("");
        controller.connect(control);
        ZMQ.Poller poller = ctx.createPoller(2);
        int done = 0;
        try {
            int in = poller.register(receiver, ZMQ.Poller.POLLIN);
            int kill = poller.register(controller, ZMQ.Poller.POLLIN);
            long deadline = System.nanoTime() + Await.DEFAULT.toNanos() * 2;
            while (System.nanoTime() < deadline) {
                poller.poll(100);
                if (poller.pollin(in)) {
                    int n = Integer.parseInt(receiver.recvStr());
                    sender.send(n + "=" + (n * n));
                    done++;
                }
                if (poller.pollin(kill)) {
                    assertEquals("KILL", controller.recvStr());
                    return done;
                }
            }
            throw new AssertionError("never killed");
        } finally {
            poller.close();
            receiver.close();
            sender.close();
            controller.close();
        }
    }

    @Test
    void workersProcessEveryTaskAndStopOnKill() {
        ZMQ.Socket ventilator = ctx.createSocket(SocketType.PUSH);
        ventilator.bind("tcp://127.0.0.1:*");
        ZMQ.Socket sink = ctx.createSocket(SocketType.PULL);
        sink.setReceiveTimeOut(10000);
        sink.bind("tcp://127.0.0.1:*");
        ZMQ.Socket killer = ctx.createSocket(SocketType.PUB);
        killer.bind("inproc://pipeline-control");

        List<Background<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(Background.call("worker-" + w, () -> worker(ventilator.getLastEndpoint(),
                    sink.getLastEndpoint(), "inproc://pipeline-control")));
        }
        try {
            for (int n = 1; n <= TASKS; n++) {
                assertTrue(ventilator.send(String.valueOf(n)));
            }
            Set<String> results = new HashSet<>();
            for (int i = 0; i < TASKS; i++) {
                String result = sink.recvStr();
                assertTrue(result != null, "only " + i + " results arrived");
                results.add(result);
            }
            for (int n = 1; n <= TASKS; n++) {
                assertTrue(results.contains(n + "=" + (n * n)), "missing result for " + n);
            }

            // a worker whose subscription has not reached the PUB yet misses a KILL: repeat it
            Await.until("every worker to stop", () -> {
                killer.send("KILL");
                return workers.stream().allMatch(Background::isDone);
            });
            int total = 0;
            for (Background<Integer> worker : workers) {
                total += worker.get();
            }
            assertEquals(TASKS, total);
        } finally {
            workers.forEach(Background::close);
        }
    }
}
