package io.jzmtp.interop;

import io.jzmtp.Socket;
import io.jzmtp.SocketType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PUSH → PULL on the wire against libzmq and JeroMQ, ours on either end and either side binding: every payload of
 * {@link Payloads} arrives byte for byte and in order, and each side's library reports the other's socket type.
 */
class PushPullInteropIT extends InteropScenario {

    @ParameterizedTest(name = "their {0} PULL, {1}")
    @MethodSource("peersAndBinders")
    void theirPullOurPush_tcp(PeerKind kind, Binder binder) {
        Socket push = ours(SocketType.PUSH);
        Peer pull = theirs(kind, SocketType.PULL);
        link(push, pull, binder);

        for (Payloads.Sample s : Payloads.all()) {
            sendOurs(push, s);
        }
        for (Payloads.Sample s : Payloads.all()) {
            expectTheirs(pull, s, SocketType.PUSH);
        }
        assertTheirHandshakeSucceeded(pull);
    }

    @ParameterizedTest(name = "their {0} PUSH, {1}")
    @MethodSource("peersAndBinders")
    void ourPullTheirPush_tcp(PeerKind kind, Binder binder) {
        Socket pull = ours(SocketType.PULL);
        Peer push = theirs(kind, SocketType.PUSH);
        link(pull, push, binder);

        for (Payloads.Sample s : Payloads.all()) {
            push.send(s.frames());
        }
        for (Payloads.Sample s : Payloads.all()) {
            expectOurs(pull, s, SocketType.PUSH);
        }
        assertNoMoreOurs(pull);
        assertTheirHandshakeSucceeded(push);
    }
}
