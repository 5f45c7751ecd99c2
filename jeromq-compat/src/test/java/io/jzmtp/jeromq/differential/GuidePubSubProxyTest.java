package io.jzmtp.jeromq.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Pub/sub through an XSUB/XPUB proxy in the style of the classic guide's weather-update forwarder: subscriptions
 * travel upstream from SUB through XPUB and XSUB to the PUB, and only matching updates travel down. The slow-joiner
 * problem is handled by publishing until each subscriber has seen enough updates, within a deadline.
 */
class GuidePubSubProxyTest {
    private final ZContext ctx = new ZContext();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void subscribersReceiveOnlyTheirTopicsThroughTheProxy() {
        ZMQ.Socket publisher = ctx.createSocket(SocketType.PUB);
        publisher.bind("tcp://127.0.0.1:*");

        ZMQ.Socket xsub = ctx.createSocket(SocketType.XSUB);
        xsub.connect(publisher.getLastEndpoint());
        ZMQ.Socket xpub = ctx.createSocket(SocketType.XPUB);
        xpub.bind("tcp://127.0.0.1:*");
        ZMQ.Socket control = ctx.createSocket(SocketType.PAIR);
        control.bind("inproc://pubsub-control");
        ZMQ.Socket controller = ctx.createSocket(SocketType.PAIR);
        controller.connect("inproc://pubsub-control");

        try (Background<Boolean> proxy = Background.call("proxy", () -> ZMQ.proxy(xsub, xpub, null, control))) {
            String[] topics = {"weather.", "sports."};
            List<ZMQ.Socket> subscribers = new ArrayList<>();
            for (String topic : topics) {
                ZMQ.Socket sub = ctx.createSocket(SocketType.SUB);
                sub.subscribe(topic);
                sub.connect(xpub.getLastEndpoint());
                subscribers.add(sub);
            }

            int[] received = new int[topics.length];
            long deadline = System.nanoTime() + Await.DEFAULT.toNanos();
            int sequence = 0;
            while (received[0] < 5 || received[1] < 5) {
                assertTrue(System.nanoTime() < deadline,
                        "updates received: weather " + received[0] + ", sports " + received[1]);
                sequence++;
                publisher.send("weather.paris " + sequence);
                publisher.send("sports.rugby " + sequence);
                publisher.send("news.ignored " + sequence);
                for (int i = 0; i < topics.length; i++) {
                    ZMQ.Socket sub = subscribers.get(i);
                    sub.setReceiveTimeOut(20);
                    for (String update = sub.recvStr(); update != null; update = sub.recvStr(ZMQ.DONTWAIT)) {
                        assertTrue(update.startsWith(topics[i]), "subscriber of " + topics[i] + " got " + update);
                        received[i]++;
                    }
                }
            }

            controller.send(ZMQ.PROXY_TERMINATE);
            assertTrue(proxy.get());
        }
    }
}
