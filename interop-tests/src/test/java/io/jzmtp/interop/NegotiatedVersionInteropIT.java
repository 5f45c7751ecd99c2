package io.jzmtp.interop;

import io.jzmtp.Socket;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;
import io.jzmtp.msg.Metadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Each connection runs at the version its peer greeted with (ZMTP.md §2.3): 3.1 with libzmq, 3.0 with JeroMQ, which
 * matters for subscriptions and heartbeats later. A received message's metadata says which, under
 * {@link Metadata#PROTOCOL}, as that constant documents.
 */
class NegotiatedVersionInteropIT extends InteropScenario {

    @ParameterizedTest(name = "their {0} PUSH, {1}")
    @MethodSource("peersAndBinders")
    void ourPullTheirPush_tcp(PeerKind kind, Binder binder) {
        Socket pull = ours(SocketType.PULL);
        Peer push = theirs(kind, SocketType.PUSH);
        link(pull, push, binder);

        push.send(Payloads.utf8("which version?"));
        try (Message m = pull.receive()) {
            assertNotNull(m, "nothing arrived within " + TIMEOUT);
            assertEquals(kind.zmtpVersion(), m.metadata().get(Metadata.PROTOCOL).orElse(null),
                    Metadata.PROTOCOL + " in " + m.metadata());
        }
    }
}
