package io.jzmtp.interop;

import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

/**
 * PUSH ↔ PUSH against libzmq and JeroMQ: the handshake fails on the socket-type check (ZMTP.md §6), our side logs
 * INCOMPATIBLE_PEER once, and libzmq's monitor reports the connection dropped, never a handshake that succeeded. When
 * we connect, the refusal is permanent (ZMTP.md §11): we do not reconnect over and over. When libzmq connects, it
 * does not reconnect either.
 */
class IncompatiblePeerInteropIT extends InteropScenario {

    /** Ten reconnect intervals: long enough for a reconnect storm to show. */
    private static final Duration WATCH = Duration.ofSeconds(1);

    private GuardLog log;

    @BeforeEach
    void captureLog() {
        log = GuardLog.capture();
    }

    @AfterEach
    void stopCapture() {
        log.close();
    }

    /**
     * Every peer and bind direction but one: a connecting JeroMQ that reads our READY before sending its own drops
     * the connection without ever sending it (its monitor shows the disconnect), so our side may never learn its type
     * and there is nothing deterministic to check here.
     */
    static Stream<Arguments> refusals() {
        return peersAndBinders().filter(a -> !(a.get()[0] == PeerKind.JEROMQ && a.get()[1] == Binder.OURS));
    }

    @ParameterizedTest(name = "their {0} PUSH, {1}")
    @MethodSource("refusals")
    void theirPushOurPush_tcp(PeerKind kind, Binder binder) {
        Socket ourPush = ours(SocketType.PUSH);
        ourPush.set(SocketOption.RECONNECT_IVL, Duration.ofMillis(100));
        Peer theirPush = theirs(kind, SocketType.PUSH);
        link(ourPush, theirPush, binder);

        log.awaitReasonCount("INCOMPATIBLE_PEER", 1, TIMEOUT);
        if (theirPush instanceof LibzmqPeer libzmq) {
            // libzmq 4.3.4 just drops the connection here, without a HANDSHAKE_FAILED_* event.
            libzmq.awaitEvent(Set.of("DISCONNECTED", "HANDSHAKE_FAILED_PROTOCOL", "HANDSHAKE_FAILED_NO_DETAIL"),
                    Set.of("HANDSHAKE_SUCCEEDED"), TIMEOUT);
        }
        log.assertReasonCountStays("INCOMPATIBLE_PEER", 1, WATCH);
    }
}
