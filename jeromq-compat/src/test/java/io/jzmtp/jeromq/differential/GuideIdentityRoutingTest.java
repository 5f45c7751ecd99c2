package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Identity routing in the style of the classic guide: DEALER peers with explicit identities connect to a ROUTER, which
 * learns each identity from the first frame of their messages and addresses them by it; an anonymous peer gets a
 * generated identity; ROUTER_MANDATORY rejects unknown ones. (ROUTER to REP routing is left out: JeroMQ 0.6.0 never
 * makes a REP with an identity routable.)
 */
class GuideIdentityRoutingTest {
    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void routerAddressesPeersByTheirIdentities() {
        ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
        router.setRouterMandatory(true);
        router.setReceiveTimeOut(10000);
        router.bind("tcp://127.0.0.1:*");

        Map<String, ZMQ.Socket> peers = new HashMap<>();
        for (String name : new String[] {"alpha", "beta", "gamma"}) {
            ZMQ.Socket dealer = ctx.createSocket(SocketType.DEALER);
            dealer.setIdentity(name.getBytes(ZMQ.CHARSET));
            dealer.setReceiveTimeOut(10000);
            dealer.connect(router.getLastEndpoint());
            dealer.send("hello from " + name);
            peers.put(name, dealer);
        }
        ZMQ.Socket anonymous = ctx.createSocket(SocketType.DEALER);
        anonymous.setReceiveTimeOut(10000);
        anonymous.connect(router.getLastEndpoint());
        anonymous.send("hello from nobody");

        byte[] anonymousId = null;
        for (int i = 0; i < 4; i++) {
            byte[] identity = router.recv();
            String body = router.recvStr();
            String name = new String(identity, ZMQ.CHARSET);
            if (peers.containsKey(name)) {
                assertEquals("hello from " + name, body);
            } else {
                assertEquals("hello from nobody", body);
                // a generated identity starts with a zero byte, so it never collides with a chosen one
                assertEquals(0, identity[0]);
                anonymousId = identity;
            }
        }

        for (String name : new String[] {"gamma", "alpha", "beta"}) {
            router.sendMore(name);
            router.send("for " + name);
        }
        router.sendMore(anonymousId);
        router.send("for the anonymous peer");
        for (Map.Entry<String, ZMQ.Socket> peer : peers.entrySet()) {
            assertEquals("for " + peer.getKey(), peer.getValue().recvStr());
            assertNull(peer.getValue().recv(ZMQ.DONTWAIT));
        }
        assertEquals("for the anonymous peer", anonymous.recvStr());

        ZMQException unknown = assertThrows(ZMQException.class, () -> router.sendMore("delta"));
        assertEquals(ZMQ.Error.EHOSTUNREACH.getCode(), unknown.getErrorCode());
    }

    @Test
    void peersWithTheSameRouterExchangeThroughIt() {
        ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
        router.setReceiveTimeOut(10000);
        router.bind("inproc://identity-chat");
        ZMQ.Socket left = ctx.createSocket(SocketType.DEALER);
        left.setIdentity("left".getBytes(ZMQ.CHARSET));
        left.setReceiveTimeOut(10000);
        left.connect("inproc://identity-chat");
        ZMQ.Socket right = ctx.createSocket(SocketType.DEALER);
        right.setIdentity("right".getBytes(ZMQ.CHARSET));
        right.setReceiveTimeOut(10000);
        right.connect("inproc://identity-chat");

        // each peer names the recipient in its first frame; the router swaps sender and recipient
        left.sendMore("right");
        left.send("hi right");
        right.sendMore("left");
        right.send("hi left");
        for (int i = 0; i < 2; i++) {
            String sender = router.recvStr();
            String recipient = router.recvStr();
            String text = router.recvStr();
            router.sendMore(recipient);
            router.sendMore(sender);
            router.send(text);
        }
        assertEquals("left", right.recvStr());
        assertEquals("hi right", right.recvStr());
        assertEquals("right", left.recvStr());
        assertEquals("hi left", left.recvStr());
    }
}
