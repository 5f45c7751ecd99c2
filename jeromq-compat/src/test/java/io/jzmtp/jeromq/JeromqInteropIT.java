package io.jzmtp.jeromq;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drop-in against real JeroMQ 0.6.0 on the wire: a JeroMQ program ({@link JeromqSide}) in a child JVM and the
 * drop-in here, every pattern, each side binding in turn. The two {@code org.zeromq} implementations cannot share a
 * class path, hence the second JVM.
 */
class JeromqInteropIT {

    private static final int COUNT = 5;

    private ZContext ctx;
    private JeromqProcess jeromq;

    @BeforeEach
    void open() {
        ctx = new ZContext();
    }

    @AfterEach
    void close() {
        if (jeromq != null) {
            jeromq.close();
        }
        ctx.close();
    }

    /** Our socket of {@code type}, linked to JeroMQ running {@code mode}; {@code weBind} says who binds. */
    private ZMQ.Socket link(SocketType type, String mode, boolean weBind) {
        return link(type, mode, weBind, s -> { });
    }

    private ZMQ.Socket link(SocketType type, String mode, boolean weBind, Consumer<ZMQ.Socket> configure) {
        ZMQ.Socket socket = ctx.createSocket(type);
        configure.accept(socket);
        socket.setReceiveTimeOut(20_000);
        socket.setSendTimeOut(20_000);
        if (type == SocketType.SUB) {
            socket.subscribe("");
        }
        if (weBind) {
            socket.bind("tcp://127.0.0.1:*");
            jeromq = JeromqProcess.start(mode, false, socket.getLastEndpoint(), COUNT);
            jeromq.ready();
        } else {
            jeromq = JeromqProcess.start(mode, true, "tcp://127.0.0.1:*", COUNT);
            socket.connect(jeromq.ready());
        }
        return socket;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void ourRequestsJeromqReplies(boolean weBind) {
        ZMQ.Socket req = link(SocketType.REQ, "rep", weBind);
        for (int i = 0; i < COUNT; i++) {
            req.sendMore("q" + i);
            req.send("from jzmtp");
            assertEquals("q" + i + "|from jzmtp", jeromq.nextLine());
            assertEquals(List.of("q" + i, "from jzmtp", "jeromq"), strings(ZMsg.recvMsg(req)));
        }
        jeromq.awaitSuccess();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void jeromqRequestsWeReply(boolean weBind) {
        ZMQ.Socket rep = link(SocketType.REP, "req", weBind);
        for (int i = 0; i < COUNT; i++) {
            ZMsg request = ZMsg.recvMsg(rep);
            assertEquals(List.of("q" + i, "from jeromq"), strings(request));
            assertTrue(ZMsg.newStringMsg("a" + i).send(rep));
            assertEquals("a" + i, jeromq.nextLine());
        }
        jeromq.awaitSuccess();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void wePushJeromqPulls(boolean weBind) {
        ZMQ.Socket push = link(SocketType.PUSH, "pull", weBind);
        for (int i = 0; i < COUNT; i++) {
            push.sendMore("m" + i);
            assertTrue(push.send("from jzmtp"));
        }
        for (int i = 0; i < COUNT; i++) {
            assertEquals("m" + i + "|from jzmtp", jeromq.nextLine());
        }
        jeromq.awaitSuccess();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void jeromqPushesWePull(boolean weBind) {
        ZMQ.Socket pull = link(SocketType.PULL, "push", weBind);
        for (int i = 0; i < COUNT; i++) {
            assertEquals(List.of("m" + i, "from jeromq"), strings(ZMsg.recvMsg(pull)));
        }
        jeromq.awaitSuccess();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void jeromqPublishesWeSubscribe(boolean weBind) {
        ZMQ.Socket sub = link(SocketType.SUB, "pub", weBind);
        for (int i = 0; i < COUNT; i++) {
            assertEquals(List.of("m" + i, "from jeromq"), strings(ZMsg.recvMsg(sub)));
        }
        jeromq.awaitSuccess();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void wePublishJeromqSubscribes(boolean weBind) {
        ZMQ.Socket pub = link(SocketType.XPUB, "sub", weBind);
        assertNotNull(pub.recv(), "JeroMQ's subscription");
        for (int i = 0; i < COUNT; i++) {
            pub.sendMore("m" + i);
            pub.send("from jzmtp");
        }
        for (int i = 0; i < COUNT; i++) {
            assertEquals("m" + i + "|from jzmtp", jeromq.nextLine());
        }
        jeromq.awaitSuccess();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void ourDealerJeromqRouter(boolean weBind) {
        ZMQ.Socket dealer = link(SocketType.DEALER, "router", weBind,
                s -> s.setIdentity("jzmtp-dealer".getBytes(ZMQ.CHARSET)));
        for (int i = 0; i < COUNT; i++) {
            dealer.sendMore("");
            dealer.send("d" + i);
            assertEquals("jzmtp-dealer||d" + i, jeromq.nextLine(), "JeroMQ's ROUTER saw [our identity, '', d" + i
                    + "]");
            assertEquals(List.of("", "d" + i, "jeromq"), strings(ZMsg.recvMsg(dealer)));
        }
        jeromq.awaitSuccess();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void jeromqDealerOurRouter(boolean weBind) {
        ZMQ.Socket router = link(SocketType.ROUTER, "dealer", weBind);
        for (int i = 0; i < COUNT; i++) {
            ZMsg request = ZMsg.recvMsg(router);
            assertNotNull(request);
            assertEquals("jeromq-dealer", request.peekFirst().toString(), "the identity JeroMQ announced");
            assertEquals(List.of("jeromq-dealer", "", "q" + i, "from jeromq"), strings(request));
            request.removeLast();
            request.removeLast();
            request.addString("r" + i);
            assertTrue(request.send(router));
            assertEquals("|r" + i, jeromq.nextLine());
        }
        jeromq.awaitSuccess();
    }

    private static List<String> strings(ZMsg m) {
        assertNotNull(m, "no message within the receive timeout");
        return m.stream().map(Object::toString).toList();
    }
}
