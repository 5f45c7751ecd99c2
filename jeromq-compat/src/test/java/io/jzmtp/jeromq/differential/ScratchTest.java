package io.jzmtp.jeromq.differential;

import java.util.Arrays;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

class ScratchTest {
    static void p(String k, Object v) {
        System.out.println("PROBE " + k + " = " + (v instanceof byte[] b ? Arrays.toString(b) : v));
    }

    static Object t(Callable<?> c) {
        try {
            return c.call();
        } catch (Throwable e) {
            return e instanceof ZMQException z ? "ZMQException " + z.getErrorCode() : e.toString();
        }
    }

    @Test
    void probe() throws Exception {
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket s = ctx.createSocket(SocketType.DEALER);
            s.setImmediate(false);
            p("delayattach", s.getDelayAttachOnConnect());
            p("hbttl set", s.setHeartbeatTtl(2000));
            p("hbttl", s.getHeartbeatTtl());
            p("hbttl set odd", t(() -> s.setHeartbeatTtl(150)));
            p("hbttl", s.getHeartbeatTtl());
            p("hbttl big", t(() -> s.setHeartbeatTtl(7000000)));
            p("hbtimeout", t(() -> s.setHeartbeatTimeout(300)));
            p("hbtimeout", s.getHeartbeatTimeout());
            p("hbctx", t(() -> s.setHeartbeatContext("abc".getBytes())));
            p("hbctx", s.getHeartbeatContext());
            p("keepalive cnt", t(() -> s.setTCPKeepAliveCount(5)));
            p("keepalive cnt", s.getTCPKeepAliveCount());
            p("keepalive idle", t(() -> s.setTCPKeepAliveIdle(60)));
            p("keepalive idle", s.getTCPKeepAliveIdle());
            p("keepalive intvl", t(() -> s.setTCPKeepAliveInterval(7)));
            p("keepalive intvl", s.getTCPKeepAliveInterval());
            p("setReqCorrelate on dealer", t(() -> s.setReqCorrelate(true)));
            p("setRouterMandatory on dealer", t(() -> s.setRouterMandatory(true)));
            p("setXpubVerbose on dealer", t(() -> s.setXpubVerbose(true)));
            p("setConflate", t(() -> s.setConflate(true)));
            p("conflate", s.isConflate());
            p("plain user", t(() -> s.setPlainUsername("admin")));
            p("mech", s.getMechanism());
            p("plain user", s.getPlainUsername());
            p("plainserver", s.isAsServerPlain());
            ZMQ.Curve.KeyPair kp = ZMQ.Curve.generateKeyPair();
            p("curve pub", t(() -> s.setCurvePublicKey(ZMQ.Curve.z85Decode(kp.publicKey))));
            p("mech", s.getMechanism());
            p("curve server", t(() -> s.setCurveServer(true)));
            p("mech", s.getMechanism());
            p("curve server", s.isAsServerCurve());
            p("curve pub z85 str set", t(() -> s.setCurvePublicKey(kp.publicKey.getBytes())));
            p("curve pub", s.getCurvePublicKey().length);

            // immediate behaviour
            int port = zmq.util.Utils.findOpenPort();
            ZMQ.Socket dflt = ctx.createSocket(SocketType.PUSH);
            dflt.connect("tcp://127.0.0.1:" + port);
            p("immediate default send", dflt.send("x", ZMQ.DONTWAIT));
            ZMQ.Socket delayed = ctx.createSocket(SocketType.PUSH);
            delayed.setImmediate(false);
            delayed.connect("tcp://127.0.0.1:" + port);
            p("immediate false send", delayed.send("x", ZMQ.DONTWAIT));
            ZMQ.Socket none = ctx.createSocket(SocketType.PUSH);
            p("no connect send", none.send("x", ZMQ.DONTWAIT));

            // inproc hwm
            ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
            pull.setRcvHWM(5);
            pull.bind("inproc://hwm");
            ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
            push.setSndHWM(5);
            push.connect("inproc://hwm");
            int n = 0;
            while (n < 100000 && push.send("m", ZMQ.DONTWAIT)) {
                n++;
            }
            p("inproc hwm sent", n);
            p("errno", push.errno());

            // conflate inproc
            ZMQ.Socket cpull = ctx.createSocket(SocketType.PULL);
            cpull.setConflate(true);
            cpull.bind("inproc://conflate");
            ZMQ.Socket cpush = ctx.createSocket(SocketType.PUSH);
            cpush.connect("inproc://conflate");
            for (int i = 1; i <= 10; i++) {
                p("c send " + i, cpush.send("m" + i, ZMQ.DONTWAIT));
            }
            p("conflate recv", cpull.recvStr(ZMQ.DONTWAIT));
            p("conflate recv", cpull.recvStr(ZMQ.DONTWAIT));
            ZMQ.Socket cpush2 = ctx.createSocket(SocketType.PUSH);
            cpush2.setConflate(true);
            cpush2.bind("inproc://conflate2");
            for (int i = 1; i <= 10; i++) {
                p("c2 send " + i, cpush2.send("m" + i, ZMQ.DONTWAIT));
            }
            ZMQ.Socket cpull2 = ctx.createSocket(SocketType.PULL);
            cpull2.connect("inproc://conflate2");
            cpull2.setReceiveTimeOut(500);
            p("conflate push recv", cpull2.recvStr());
            p("conflate push recv", cpull2.recvStr(ZMQ.DONTWAIT));

            // xpub nodrop
            ZMQ.Socket xpub = ctx.createSocket(SocketType.XPUB);
            xpub.setXpubNoDrop(true);
            xpub.setSndHWM(5);
            xpub.bind("inproc://xpub");
            ZMQ.Socket sub = ctx.createSocket(SocketType.SUB);
            sub.setRcvHWM(5);
            sub.subscribe("");
            sub.connect("inproc://xpub");
            xpub.setReceiveTimeOut(2000);
            p("xpub sub", xpub.recv());
            n = 0;
            while (n < 100000 && xpub.send("m", ZMQ.DONTWAIT)) {
                n++;
            }
            p("xpub nodrop sent", n);
            p("errno", xpub.errno());
            ZMQ.Socket xpub2 = ctx.createSocket(SocketType.XPUB);
            xpub2.setSndHWM(5);
            xpub2.bind("inproc://xpub2");
            ZMQ.Socket sub2 = ctx.createSocket(SocketType.SUB);
            sub2.setRcvHWM(5);
            sub2.subscribe("");
            sub2.connect("inproc://xpub2");
            xpub2.setReceiveTimeOut(2000);
            p("xpub2 sub", xpub2.recv());
            n = 0;
            while (n < 1000 && xpub2.send("m", ZMQ.DONTWAIT)) {
                n++;
            }
            p("xpub drop sent", n);
            int got = 0;
            while (sub2.recv(ZMQ.DONTWAIT) != null) {
                got++;
            }
            p("xpub drop got", got);
        }
    }
}
