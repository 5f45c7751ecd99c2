package io.jzmtp.interop;

import io.jzmtp.Socket;
import io.jzmtp.SocketType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PAIR ↔ PAIR on the wire against libzmq and JeroMQ, either side binding: every payload of {@link Payloads} goes
 * both ways on the one connection, first as a ping-pong (each message answered before the next), then as two bursts
 * in flight at once, byte for byte and in order.
 */
class PairInteropIT extends InteropScenario {

    @ParameterizedTest(name = "their {0} PAIR, {1}")
    @MethodSource("peersAndBinders")
    void theirPairOurPair_tcp(PeerKind kind, Binder binder) {
        Socket ourPair = ours(SocketType.PAIR);
        Peer theirPair = theirs(kind, SocketType.PAIR);
        link(ourPair, theirPair, binder);

        for (Payloads.Sample s : Payloads.samples()) {
            sendOurs(ourPair, s);
            expectTheirs(theirPair, s, SocketType.PAIR);
            theirPair.send(s.frames());
            expectOurs(ourPair, s, SocketType.PAIR);
        }
        assertTheirHandshakeSucceeded(theirPair);

        for (Payloads.Sample s : Payloads.all()) {
            sendOurs(ourPair, s);
            theirPair.send(s.frames());
        }
        for (Payloads.Sample s : Payloads.all()) {
            expectOurs(ourPair, s, SocketType.PAIR);
            expectTheirs(theirPair, s, SocketType.PAIR);
        }
        assertNoMoreOurs(ourPair);
    }
}
