package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.UncheckedZMQException;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import zmq.ZError;

/**
 * Pins JeroMQ's error reporting: which failures throw {@code ZMQException} and with which {@code getErrorCode()}
 * (JeroMQ's own errno numbering, shared by {@code ZMQ.Error} and {@code zmq.ZError}), which return false/null, and the
 * sticky {@code errno()} that a successful send or receive does not clear.
 */
class ErrorsTest {
    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void errorCodesAreJeromqsNumbering() {
        assertEquals(35, ZMQ.Error.EAGAIN.getCode());
        assertEquals(2, ZMQ.Error.ENOENT.getCode());
        assertEquals(4, ZMQ.Error.EINTR.getCode());
        assertEquals(22, ZMQ.Error.EINVAL.getCode());
        assertEquals(43, ZMQ.Error.EPROTONOSUPPORT.getCode());
        assertEquals(48, ZMQ.Error.EADDRINUSE.getCode());
        assertEquals(65, ZMQ.Error.EHOSTUNREACH.getCode());
        assertEquals(156384712 + 51, ZMQ.Error.EFSM.getCode());
        assertEquals(156384765, ZMQ.Error.ETERM.getCode());
        assertEquals(ZError.EAGAIN, ZMQ.Error.EAGAIN.getCode());
        assertEquals(ZError.ETERM, ZMQ.Error.ETERM.getCode());
        assertEquals(ZError.EFSM, ZMQ.Error.EFSM.getCode());
        assertEquals(ZError.EHOSTUNREACH, ZMQ.Error.EHOSTUNREACH.getCode());
        assertSame(ZMQ.Error.ETERM, ZMQ.Error.findByCode(156384765));
        assertSame(ZMQ.Error.EAGAIN, ZMQ.Error.findByCode(35));
    }

    @Test
    void zmqExceptionCarriesItsCode() {
        ZMQException e = new ZMQException(ZMQ.Error.EFSM.getCode());
        assertEquals(ZMQ.Error.EFSM.getCode(), e.getErrorCode());
        assertTrue(e instanceof UncheckedZMQException);
        assertTrue(e instanceof RuntimeException);
        ZMQException withMessage = new ZMQException("custom", 48);
        assertEquals(48, withMessage.getErrorCode());
        assertTrue(withMessage.getMessage().contains("custom"));
    }

    @Test
    void reqSendingTwiceThrowsEfsm() {
        ZMQ.Socket rep = ctx.createSocket(SocketType.REP);
        rep.bind("inproc://efsm");
        ZMQ.Socket req = ctx.createSocket(SocketType.REQ);
        req.connect("inproc://efsm");
        assertTrue(req.send("first"));
        ZMQException e = assertThrows(ZMQException.class, () -> req.send("second"));
        assertEquals(ZMQ.Error.EFSM.getCode(), e.getErrorCode());
        assertEquals(ZMQ.Error.EFSM.getCode(), req.errno());
    }

    @Test
    void repSendingBeforeReceivingThrowsEfsm() {
        ZMQ.Socket rep = ctx.createSocket(SocketType.REP);
        rep.bind("inproc://efsm-rep");
        ZMQException e = assertThrows(ZMQException.class, () -> rep.send("unsolicited"));
        assertEquals(ZMQ.Error.EFSM.getCode(), e.getErrorCode());
    }

    @Test
    void routerMandatoryToAnUnknownIdentityThrowsEhostunreach() {
        ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
        router.setRouterMandatory(true);
        router.bind("inproc://mandatory");
        ZMQException e = assertThrows(ZMQException.class, () -> router.sendMore("nobody"));
        assertEquals(ZMQ.Error.EHOSTUNREACH.getCode(), e.getErrorCode());
        assertEquals(65, router.errno());
    }

    @Test
    void routerWithoutMandatoryDropsUnroutableMessagesSilently() {
        ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
        router.bind("inproc://not-mandatory");
        assertTrue(router.sendMore("nobody"));
        assertTrue(router.send("lost"));
    }

    @Test
    void bindingTheSameEndpointTwiceThrowsEaddrinuse() {
        ZMQ.Socket first = ctx.createSocket(SocketType.PULL);
        first.bind("tcp://127.0.0.1:*");
        String endpoint = first.getLastEndpoint();
        ZMQ.Socket second = ctx.createSocket(SocketType.PULL);
        ZMQException e = assertThrows(ZMQException.class, () -> second.bind(endpoint));
        assertEquals(ZMQ.Error.EADDRINUSE.getCode(), e.getErrorCode());
        // the same holds for the socket that already owns it, and for inproc names
        assertEquals(48, assertThrows(ZMQException.class, () -> first.bind(endpoint)).getErrorCode());
        first.bind("inproc://taken");
        assertEquals(48, assertThrows(ZMQException.class, () -> second.bind("inproc://taken")).getErrorCode());
    }

    @Test
    void unknownSchemeThrowsEprotonosupport() {
        ZMQ.Socket socket = ctx.createSocket(SocketType.DEALER);
        ZMQException onConnect = assertThrows(ZMQException.class, () -> socket.connect("bogus://127.0.0.1:5555"));
        assertEquals(ZMQ.Error.EPROTONOSUPPORT.getCode(), onConnect.getErrorCode());
        ZMQException onBind = assertThrows(ZMQException.class, () -> socket.bind("bogus://127.0.0.1:5555"));
        assertEquals(43, onBind.getErrorCode());
    }

    @Test
    void malformedTcpAddressThrowsIllegalArgumentException() {
        ZMQ.Socket socket = ctx.createSocket(SocketType.DEALER);
        assertThrows(IllegalArgumentException.class, () -> socket.connect("tcp://"));
        assertThrows(IllegalArgumentException.class, () -> socket.bind("tcp://"));
    }

    @Test
    void errnoIsStickyAcrossSuccessfulCalls() {
        ZMQ.Socket a = ctx.createSocket(SocketType.PAIR);
        ZMQ.Socket b = ctx.createSocket(SocketType.PAIR);
        a.bind("inproc://sticky");
        b.connect("inproc://sticky");
        assertNull(a.recv(ZMQ.DONTWAIT));
        assertEquals(35, a.errno());
        // the zguide's eagain example depends on this: success does not reset errno
        assertTrue(a.send("x"));
        assertEquals(35, a.errno());
        b.setReceiveTimeOut(5000);
        assertEquals("x", b.recvStr());
        b.send("y");
        a.setReceiveTimeOut(5000);
        assertEquals("y", a.recvStr());
        assertEquals(35, a.errno());
        // a later different failure replaces it
        assertFalse(a.unbind("inproc://never"));
        assertEquals(ZMQ.Error.ENOENT.getCode(), a.errno());
    }
}
