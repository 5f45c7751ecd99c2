package io.jzmtp.jeromq;

import io.jzmtp.interop.LibzmqPeer;
import io.jzmtp.interop.Peer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drop-in's sockets, used the JeroMQ way (frame at a time, ZMsg), against libzmq 4.3 (python3-zmq) on the wire:
 * every pattern, each side binding in turn, over tcp and over real ipc (which JeroMQ itself cannot do).
 */
class LibzmqInteropIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Which side binds, and on which transport. */
    enum Layout {
        FACADE_BINDS_TCP(true, false),
        LIBZMQ_BINDS_TCP(false, false),
        FACADE_BINDS_IPC(true, true),
        LIBZMQ_BINDS_IPC(false, true);

        final boolean facadeBinds;
        final boolean ipc;

        Layout(boolean facadeBinds, boolean ipc) {
            this.facadeBinds = facadeBinds;
            this.ipc = ipc;
        }
    }

    @TempDir
    Path dir;

    private ZContext ctx;
    private LibzmqPeer peer;

    @BeforeEach
    void open() {
        ctx = new ZContext();
    }

    @AfterEach
    void close() {
        if (peer != null) {
            peer.close();
        }
        ctx.close();
    }

    /** Links {@code ours} and a new libzmq socket of {@code theirs} as {@code layout} says. */
    private ZMQ.Socket link(SocketType ours, io.jzmtp.SocketType theirs, Layout layout) {
        return link(ours, theirs, layout, p -> { });
    }

    /** {@link #link} with options set on libzmq's socket before it binds or connects. */
    private ZMQ.Socket link(SocketType ours, io.jzmtp.SocketType theirs, Layout layout,
            Consumer<LibzmqPeer> configure) {
        ZMQ.Socket socket = ctx.createSocket(ours);
        socket.setReceiveTimeOut((int) WAIT.toMillis());
        socket.setSendTimeOut((int) WAIT.toMillis());
        peer = LibzmqPeer.open(theirs);
        configure.accept(peer);
        String endpoint = layout.ipc ? "ipc://" + dir.resolve("facade.ipc") : "tcp://127.0.0.1:*";
        if (layout.facadeBinds) {
            socket.bind(endpoint);
            peer.connect(socket.getLastEndpoint());
        } else {
            socket.connect(peer.bind(endpoint));
        }
        return socket;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Peer.Received theirs() {
        Peer.Received r = peer.receive(WAIT);
        assertNotNull(r, peer.describe() + " received nothing");
        return r;
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void requestReplyBothWays(Layout layout) {
        ZMQ.Socket req = link(SocketType.REQ, io.jzmtp.SocketType.REP, layout);
        assertTrue(req.sendMore("hello"));
        assertTrue(req.send("world"));
        Peer.Received request = theirs();
        assertEquals(2, request.frames().size());
        assertArrayEquals(bytes("world"), request.frames().get(1));
        peer.send(bytes("re"), bytes("ply"));
        assertEquals("re", req.recvStr());
        assertTrue(req.hasReceiveMore());
        assertEquals("ply", req.recvStr());
        assertFalse(req.hasReceiveMore());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void replierAnswersLibzmqRequests(Layout layout) {
        ZMQ.Socket rep = link(SocketType.REP, io.jzmtp.SocketType.REQ, layout);
        for (int i = 0; i < 3; i++) {
            peer.send(bytes("q" + i));
            ZMsg request = ZMsg.recvMsg(rep);
            assertNotNull(request);
            assertEquals("q" + i, request.popString());
            assertTrue(rep.send("a" + i));
            assertArrayEquals(bytes("a" + i), theirs().frames().get(0));
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void publisherReachesLibzmqSubscriber(Layout layout) {
        ZMQ.Socket pub = link(SocketType.PUB, io.jzmtp.SocketType.SUB, layout);
        peer.subscribe(bytes("news"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        Peer.Received got = null;
        while (got == null && System.nanoTime() < deadline) {   // the subscription travels while we publish
            pub.sendMore("weather");
            pub.send("rain");
            pub.sendMore("news");
            pub.send("today");
            got = peer.receive(Duration.ofMillis(50));
        }
        assertNotNull(got, "libzmq's SUB never received a message");
        assertEquals(List.of("news", "today"), got.frames().stream().map(String::new).toList());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void subscriberHearsLibzmqPublisher(Layout layout) {
        ZMQ.Socket sub = link(SocketType.SUB, io.jzmtp.SocketType.PUB, layout);
        sub.subscribe("a");
        sub.setReceiveTimeOut(50);
        long deadline = System.nanoTime() + WAIT.toNanos();
        String got = null;
        while (got == null && System.nanoTime() < deadline) {
            peer.send(bytes("b-ignored"));
            peer.send(bytes("a-wanted"));
            got = sub.recvStr();
        }
        assertEquals("a-wanted", got);
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void pushesToLibzmq(Layout layout) {
        ZMQ.Socket push = link(SocketType.PUSH, io.jzmtp.SocketType.PULL, layout);
        for (int i = 0; i < 20; i++) {
            assertTrue(push.send("job " + i));
        }
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(bytes("job " + i), theirs().frames().get(0));
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void pullsFromLibzmq(Layout layout) {
        ZMQ.Socket pull = link(SocketType.PULL, io.jzmtp.SocketType.PUSH, layout);
        for (int i = 0; i < 20; i++) {
            peer.send(bytes("result " + i), bytes("part two"));
        }
        for (int i = 0; i < 20; i++) {
            assertEquals("result " + i, pull.recvStr());
            assertTrue(pull.hasReceiveMore());
            assertEquals("part two", pull.recvStr());
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void dealerAndRouterRouteByIdentity(Layout layout) {
        ZMQ.Socket router = link(SocketType.ROUTER, io.jzmtp.SocketType.DEALER, layout,
                p -> p.setOption("ROUTING_ID", bytes("libzmq-dealer")));
        peer.send(bytes(""), bytes("ping"));
        ZMsg request = ZMsg.recvMsg(router);
        assertNotNull(request, "no request within the receive timeout");
        byte[] identity = request.pop().getData();
        assertArrayEquals(bytes("libzmq-dealer"), identity);
        assertEquals("", request.popString());
        assertEquals("ping", request.popString());
        ZMsg reply = new ZMsg();
        reply.add(identity);
        reply.add("");
        reply.add("pong");
        assertTrue(reply.send(router));
        assertTrue(reply.isEmpty(), "ZMsg.send clears the message");
        Peer.Received answer = theirs();
        assertEquals(List.of("", "pong"), answer.frames().stream().map(String::new).toList());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void dealerTalksToLibzmqRouter(Layout layout) {
        ZMQ.Socket dealer = link(SocketType.DEALER, io.jzmtp.SocketType.ROUTER, layout);
        assertTrue(dealer.sendMore(""));
        assertTrue(dealer.send("hi"));
        Peer.Received r = theirs();
        assertEquals(3, r.frames().size(), "routing id, delimiter, body");
        peer.send(r.frames().get(0), bytes(""), bytes("back"));
        assertEquals("", dealer.recvStr());
        assertEquals("back", dealer.recvStr());
    }
}
