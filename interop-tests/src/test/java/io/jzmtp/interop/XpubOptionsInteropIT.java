package io.jzmtp.interop;

import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static io.jzmtp.interop.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Our XPUB with a libzmq SUB (ZMTP 3.1, SUBSCRIBE commands) and a JeroMQ SUB (3.0, {@code 01 topic} messages)
 * subscribed to the same topic (ZMTP.md §8.2): by default the application sees the first subscription and the cancel
 * that leaves the topic without subscribers, once each; with XPUB_VERBOSE every subscription; with XPUB_VERBOSER
 * every cancel too. Both wire forms count as the same topic.
 */
class XpubOptionsInteropIT extends InteropScenario {

    private static final byte[] TOPIC = utf8("weather");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"default", "XPUB_VERBOSE", "XPUB_VERBOSER"})
    void ourXpubTheirSubsOnTheSameTopic_tcp(String mode) {
        Socket xpub = ours(SocketType.XPUB);
        xpub.set(SocketOption.XPUB_VERBOSE, mode.equals("XPUB_VERBOSE"));
        xpub.set(SocketOption.XPUB_VERBOSER, mode.equals("XPUB_VERBOSER"));
        Side pub = Side.ours(xpub);
        String endpoint = xpub.bind(ANY_PORT);
        Side libzmq = theirSide(PeerKind.LIBZMQ, SocketType.SUB);
        Side jeromq = theirSide(PeerKind.JEROMQ, SocketType.SUB);

        libzmq.subscribe(TOPIC);
        libzmq.connect(endpoint);
        PubSubInteropIT.expectSubscriptions(pub, libzmq, PubSubInteropIT.subscription(1, TOPIC));
        jeromq.subscribe(TOPIC);
        jeromq.connect(endpoint);
        if (!mode.equals("default")) {
            PubSubInteropIT.expectSubscriptions(pub, jeromq, PubSubInteropIT.subscription(1, TOPIC));
        }
        // Both are subscribed once a message reaches both.
        PubSubInteropIT.awaitDelivery(pub, jeromq, TOPIC);
        PubSubInteropIT.awaitDelivery(pub, libzmq, TOPIC);
        assertNoSubscriptionMessage(xpub);

        libzmq.unsubscribe(TOPIC);
        jeromq.unsubscribe(TOPIC);
        // The last cancel leaves the topic without subscribers: every mode reports it; XPUB_VERBOSER the other too.
        if (mode.equals("XPUB_VERBOSER")) {
            PubSubInteropIT.expectSubscriptions(pub, jeromq, PubSubInteropIT.subscription(0, TOPIC));
        }
        PubSubInteropIT.expectSubscriptions(pub, jeromq, PubSubInteropIT.subscription(0, TOPIC));
        assertNoSubscriptionMessage(xpub);
    }

    private static void assertNoSubscriptionMessage(Socket xpub) {
        try (Message m = xpub.receive(Duration.ofMillis(100))) {
            assertNull(m, "our XPUB handed on an unexpected subscription message: " + m);
        }
    }
}
