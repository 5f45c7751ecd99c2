package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Pins JeroMQ's {@code ZContext} bookkeeping (socket set, linger and HWM defaults applied by createSocket, shadows),
 * the raw {@code ZMQ.Context} life cycle and the {@code SocketType} numbering.
 * The deprecated int socket-type constants and createSocket(int) are used on purpose: real programs still call them.
 */
@SuppressWarnings("deprecation")
class ContextTest {
    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void createSocketBySocketTypeAndByInt() {
        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
        ZMQ.Socket pull = ctx.createSocket(ZMQ.PULL);
        assertEquals(SocketType.PUSH, push.getSocketType());
        assertEquals(ZMQ.PUSH, push.getType());
        assertEquals(SocketType.PULL, pull.getSocketType());
        assertEquals(7, pull.getType());
    }

    @Test
    void socketsCreatedByZContextLingerZeroAndUseTheContextHwms() {
        ZMQ.Socket before = ctx.createSocket(SocketType.DEALER);
        assertEquals(0, before.getLinger());
        assertEquals(1000, before.getSndHWM());
        assertEquals(1000, before.getRcvHWM());

        ctx.setSndHWM(17);
        ctx.setRcvHWM(23);
        ctx.setLinger(250);
        assertEquals(250, ctx.getLinger());
        ZMQ.Socket after = ctx.createSocket(SocketType.DEALER);
        assertEquals(17, after.getSndHWM());
        assertEquals(23, after.getRcvHWM());
        assertEquals(250, after.getLinger());
        // the settings only apply to sockets created afterwards
        assertEquals(1000, before.getSndHWM());
        assertEquals(1000, before.getRcvHWM());
        assertEquals(0, before.getLinger());
    }

    @Test
    void zcontextTracksItsSockets() {
        assertTrue(ctx.isEmpty());
        assertTrue(ctx.getSockets().isEmpty());
        ZMQ.Socket a = ctx.createSocket(SocketType.PAIR);
        ZMQ.Socket b = ctx.createSocket(SocketType.PAIR);
        assertFalse(ctx.isEmpty());
        List<ZMQ.Socket> sockets = ctx.getSockets();
        assertEquals(2, sockets.size());
        assertTrue(sockets.contains(a));
        assertTrue(sockets.contains(b));

        // getSockets returns a copy
        sockets.clear();
        assertEquals(2, ctx.getSockets().size());

        // Socket.close forgets the socket too
        a.close();
        assertEquals(List.of(b), ctx.getSockets());
        ctx.destroySocket(b);
        assertTrue(ctx.getSockets().isEmpty());
        assertTrue(ctx.isEmpty());
    }

    @Test
    void closeMarksTheContextClosedAndTerminated() {
        ZContext other = new ZContext();
        other.createSocket(SocketType.PUB).bind("inproc://context-close");
        assertFalse(other.isClosed());
        assertFalse(other.getContext().isTerminated());
        other.close();
        assertTrue(other.isClosed());
        assertTrue(other.getContext().isTerminated());
        assertTrue(other.getSockets().isEmpty());
        // closing again is harmless
        other.destroy();
        assertTrue(other.isClosed());
    }

    @Test
    void createPollerStartsEmpty() {
        ZMQ.Poller poller = ctx.createPoller(4);
        try {
            assertEquals(0, poller.getSize());
            assertEquals(0, poller.poll(0));
        } finally {
            poller.close();
        }
    }

    @Test
    void shadowSharesTheContextButNotTheSockets() {
        ZContext shadow = ctx.shadow();
        assertTrue(ctx.isMain());
        assertFalse(shadow.isMain());
        assertSame(ctx.getContext(), shadow.getContext());
        assertThrows(IllegalStateException.class, shadow::shadow);

        // inproc works across the two because they share one ZMQ.Context
        ZMQ.Socket server = ctx.createSocket(SocketType.PAIR);
        server.bind("inproc://shadow");
        ZMQ.Socket client = shadow.createSocket(SocketType.PAIR);
        client.connect("inproc://shadow");
        assertEquals(List.of(server), ctx.getSockets());
        assertEquals(List.of(client), shadow.getSockets());
        assertTrue(client.send("through the shadow"));
        server.setReceiveTimeOut(5000);
        assertEquals("through the shadow", server.recvStr());

        // closing a shadow closes its sockets but leaves the shared context running
        shadow.close();
        assertTrue(shadow.getSockets().isEmpty());
        assertFalse(ctx.isClosed());
        assertFalse(shadow.isClosed());
        ZMQ.Socket later = ctx.createSocket(SocketType.PAIR);
        assertNotNull(later);
    }

    @Test
    void shadowInheritsLingerAndHwms() {
        ctx.setLinger(77);
        ctx.setSndHWM(11);
        ctx.setRcvHWM(12);
        ZContext shadow = ctx.shadow();
        assertEquals(77, shadow.getLinger());
        ZMQ.Socket socket = shadow.createSocket(SocketType.DEALER);
        assertEquals(77, socket.getLinger());
        assertEquals(11, socket.getSndHWM());
        assertEquals(12, socket.getRcvHWM());
        shadow.close();
    }

    @Test
    void closingTheMainContextClosesItsShadows() {
        ZContext main = new ZContext();
        ZContext shadow = main.shadow();
        shadow.createSocket(SocketType.REP).bind("inproc://shadow-closed");
        main.close();
        assertTrue(main.isClosed());
        assertTrue(shadow.getSockets().isEmpty());
        assertTrue(shadow.isClosed());
    }

    @Test
    void rawContextLifeCycle() {
        ZMQ.Context context = ZMQ.context(1);
        assertFalse(context.isTerminated());
        assertFalse(context.isClosed());
        ZMQ.Socket pull = context.socket(SocketType.PULL);
        // a raw context socket waits forever on close by default
        assertEquals(-1, pull.getLinger());
        pull.bind("inproc://raw");
        ZMQ.Socket push = context.socket(SocketType.PUSH);
        push.setLinger(0);
        push.connect("inproc://raw");
        assertTrue(push.send("raw"));
        pull.setReceiveTimeOut(5000);
        assertEquals("raw", pull.recvStr());

        ZMQ.Poller poller = context.poller();
        assertEquals(0, poller.getSize());
        assertEquals(0, poller.register(pull, ZMQ.Poller.POLLIN));
        poller.close();
        ZMQ.Poller sized = context.poller(8);
        assertEquals(0, sized.getSize());
        sized.close();

        pull.setLinger(0);
        pull.close();
        push.close();
        context.term();
        assertTrue(context.isTerminated());
        assertTrue(context.isClosed());
        // term is idempotent
        context.term();
        context.close();
        assertTrue(context.isTerminated());
    }

    @Test
    void rawContextSocketByInt() {
        ZMQ.Context context = ZMQ.context(1);
        try {
            ZMQ.Socket dealer = context.socket(ZMQ.DEALER);
            assertEquals(SocketType.DEALER, dealer.getSocketType());
            dealer.close();
        } finally {
            context.term();
        }
    }

    @Test
    void socketTypeNumbering() {
        SocketType[] ordered = {
            SocketType.PAIR, SocketType.PUB, SocketType.SUB, SocketType.REQ, SocketType.REP, SocketType.DEALER,
            SocketType.ROUTER, SocketType.PULL, SocketType.PUSH, SocketType.XPUB, SocketType.XSUB, SocketType.STREAM,
        };
        for (int i = 0; i < ordered.length; i++) {
            assertEquals(i, ordered[i].type);
            assertEquals(i, ordered[i].type());
            assertSame(ordered[i], SocketType.type(i));
        }
        assertEquals(ZMQ.PAIR, SocketType.PAIR.type());
        assertEquals(ZMQ.XREQ, SocketType.DEALER.type());
        assertEquals(ZMQ.XREP, SocketType.ROUTER.type());
        assertEquals(ZMQ.UPSTREAM, SocketType.PULL.type());
        assertEquals(ZMQ.DOWNSTREAM, SocketType.PUSH.type());
        assertThrows(IllegalArgumentException.class, () -> SocketType.type(-1));
        assertThrows(IllegalArgumentException.class, () -> SocketType.type(1000));
    }

    @Test
    void socketTypeIntsAreTheLibzmqOnes() {
        int[] constants = {
            ZMQ.PAIR, ZMQ.PUB, ZMQ.SUB, ZMQ.REQ, ZMQ.REP, ZMQ.DEALER, ZMQ.ROUTER, ZMQ.PULL, ZMQ.PUSH, ZMQ.XPUB,
            ZMQ.XSUB, ZMQ.STREAM,
        };
        int[] expected = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        assertArrayEquals(expected, constants);
        assertNotSame(SocketType.PUB, SocketType.XPUB);
    }
}
