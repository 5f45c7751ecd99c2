package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZLoop;
import org.zeromq.ZMQ;

/**
 * Pins {@code ZLoop}: timers fire {@code times} times after their delay, pollers call their handler with the item and
 * argument when the socket is ready, a handler returning -1 stops {@code start()}, which then returns -1, and
 * removeTimer cancels by argument.
 * {@code ZLoop.destroy} is deprecated but is how existing reactors release their poller.
 */
@SuppressWarnings("deprecation")
class ZLoopTest {
    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /**
     * A loop with one silent socket registered: JeroMQ's ZLoop builds its poll set only when a poller is added (a loop
     * with timers alone fails with a NullPointerException), and real reactors always poll something.
     */
    private ZLoop newLoopWithIdlePoller() {
        ZMQ.Socket idle = ctx.createSocket(SocketType.PULL);
        idle.bind("inproc://zloop-idle-" + System.identityHashCode(idle));
        ZLoop loop = new ZLoop(ctx);
        loop.addPoller(new ZMQ.PollItem(idle, ZMQ.Poller.POLLIN), (l, item, arg) -> {
            throw new AssertionError("nothing is ever sent to the idle socket");
        }, null);
        return loop;
    }

    @Test
    void timerFiresTheRequestedNumberOfTimes() {
        ZLoop loop = newLoopWithIdlePoller();
        List<Object> ticks = new ArrayList<>();
        long[] thirdTickAt = {0};
        loop.addTimer(10, 3, (l, item, arg) -> {
            ticks.add(arg);
            if (ticks.size() == 3) {
                thirdTickAt[0] = System.nanoTime();
            }
            return 0;
        }, "tick");
        // a watcher ends the loop once the ticker has had 100 ms (ten more periods) to fire a fourth time
        loop.addTimer(10, 0, (l, item, arg) -> {
            boolean quietLongEnough = thirdTickAt[0] != 0 && System.nanoTime() - thirdTickAt[0] > 100_000_000L;
            return quietLongEnough ? -1 : 0;
        }, null);
        assertEquals(-1, loop.start());
        assertEquals(List.of("tick", "tick", "tick"), ticks);
        loop.destroy();
    }

    @Test
    void pollerHandlerGetsTheItemAndArgumentAndCanStopTheLoop() {
        ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
        pull.bind("inproc://zloop");
        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
        push.connect("inproc://zloop");
        ZLoop loop = new ZLoop(ctx);
        ZMQ.PollItem item = new ZMQ.PollItem(pull, ZMQ.Poller.POLLIN);
        List<String> received = new ArrayList<>();
        Object marker = new Object();
        loop.addPoller(item, (l, ready, arg) -> {
            assertSame(marker, arg);
            assertSame(pull, ready.getSocket());
            String message = ready.getSocket().recvStr();
            received.add(message);
            return "last".equals(message) ? -1 : 0;
        }, marker);
        // a timer feeds the socket from inside the loop
        loop.addTimer(5, 3, (l, none, arg) -> {
            push.send(received.size() < 2 ? "msg" : "last");
            return 0;
        }, null);
        // a safety net in case the poller never fires
        loop.addTimer(10000, 1, (l, none, arg) -> -1, null);
        assertEquals(-1, loop.start());
        assertTrue(received.size() >= 1 && "last".equals(received.get(received.size() - 1)), received.toString());
        loop.destroy();
    }

    @Test
    void removeTimerCancelsByArgument() {
        ZLoop loop = newLoopWithIdlePoller();
        List<String> fired = new ArrayList<>();
        String cancelled = "cancelled";
        loop.addTimer(500, 1, (l, item, arg) -> {
            fired.add((String) arg);
            return 0;
        }, cancelled);
        loop.addTimer(5, 1, (l, item, arg) -> {
            l.removeTimer(cancelled);
            return 0;
        }, "canceller");
        loop.addTimer(600, 1, (l, item, arg) -> -1, "stop");
        assertEquals(-1, loop.start());
        assertTrue(fired.isEmpty(), fired.toString());
        loop.destroy();
    }

    @Test
    void timersRunInDelayOrder() {
        ZLoop loop = newLoopWithIdlePoller();
        List<String> order = new ArrayList<>();
        // added first, so it would also run first if both were due in the same turn
        loop.addTimer(300, 1, (l, item, arg) -> {
            order.add("slow");
            return -1;
        }, null);
        loop.addTimer(5, 1, (l, item, arg) -> {
            order.add("fast");
            return 0;
        }, null);
        assertEquals(-1, loop.start());
        assertEquals(List.of("fast", "slow"), order);
        loop.destroy();
    }
}
