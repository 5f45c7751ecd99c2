package io.jzmtp.socket;

import io.jzmtp.SocketOption;
import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.routing.LoadBalancer;

import java.util.concurrent.ThreadLocalRandom;

/**
 * REQ (RFC 28): sends a request round-robin to one peer, then accepts one reply from that peer only; send and receive
 * strictly alternate.
 *
 * <p>A request goes out behind an empty delimiter frame. A reply counts only if it comes from the peer that was
 * asked and starts with the delimiter followed by a body; anything else is silently dropped (ZMTP.md §9). Messages
 * from the other peers are dropped as they arrive, and whatever is left from the previous exchange is dropped when
 * the next request is sent, so a late reply never answers a newer request.
 *
 * <p>Options are read at each send. {@link SocketOption#REQ_CORRELATE} puts a 4-byte request id before the
 * delimiter (little-endian, as libzmq on x86 writes it in host order), counting up from a random start; a reply
 * carrying another id is dropped. {@link SocketOption#REQ_RELAXED} allows a new request while a reply is still due,
 * abandoning the old one (the "lazy pirate" retry without a new socket).
 */
final class ReqSocket implements Pattern {

    private final LoadBalancer out = new LoadBalancer();
    private final PatternOptions options;
    /** The peer the last request went to; kept after the reply so its leftovers are dropped at the next send. */
    private Pipe asked;
    private boolean awaitingReply;
    /** The id the outstanding request carried, or {@code null} when it carried none. */
    private byte[] expectedId;
    private int requestId = ThreadLocalRandom.current().nextInt();
    private boolean relaxed;     // REQ_RELAXED
    private boolean correlate;   // REQ_CORRELATE

    ReqSocket(PatternOptions options) {
        this.options = options;
        optionsChanged();
    }

    @Override
    public void optionsChanged() {
        relaxed = options.get(SocketOption.REQ_RELAXED);
        correlate = options.get(SocketOption.REQ_CORRELATE);
    }

    @Override
    public void attach(Pipe pipe) {
        out.attach(pipe);
    }

    @Override
    public void detach(Pipe pipe) {
        // A reply that arrived before the peer left can still be read from its pipe; nothing more will arrive, so a
        // strict REQ waits (as libzmq does) and a relaxed one may send a new request.
        out.detach(pipe);
    }

    @Override
    public void readable(Pipe pipe) {
        if (pipe != asked) {
            dropInbound(pipe);   // nobody asked this peer
        }
        // The asked peer's pipe is read directly by receive().
    }

    /** Sends {@code request} behind its envelope; the socket owns it once this returns {@code true}. */
    @Override
    public boolean send(Message request) {
        if (awaitingReply && !relaxed) {
            throw new IllegalStateException("REQ socket is waiting for a reply; receive it first, or set"
                    + " REQ_RELAXED");
        }
        byte[] id = correlate ? littleEndian(requestId + 1) : null;
        if (asked != null) {
            dropInbound(asked);   // a late reply to an abandoned or answered request must not answer this one
        }
        request.push(Frame.empty());
        if (id != null) {
            request.push(Frame.of(id.clone()));
        }
        Pipe to = out.sendTo(request);
        if (to == null) {
            request.pop().release();   // give the caller back the message it passed
            if (id != null) {
                request.pop().release();
            }
            return false;
        }
        if (id != null) {
            requestId++;
        }
        asked = to;
        expectedId = id;
        awaitingReply = true;
        return true;
    }

    /** The reply to the outstanding request without its envelope, owned by the caller; {@code null} if none yet. */
    @Override
    public Message receive() {
        if (!awaitingReply) {
            throw new IllegalStateException("REQ socket has no request outstanding; send one before receiving");
        }
        while (true) {
            Message m = asked.poll();
            if (m == null) {
                if (asked.clearReadable()) {
                    continue;   // a message arrived meanwhile
                }
                return null;
            }
            if (!isReply(m)) {
                m.close();
                continue;
            }
            if (expectedId != null) {
                m.pop().release();
            }
            m.pop().release();
            awaitingReply = false;
            return m;
        }
    }

    @Override
    public boolean canSend() {
        return (!awaitingReply || relaxed) && out.canSend();
    }

    @Override
    public boolean canReceive() {
        return awaitingReply && asked.hasInbound();
    }

    /** Whether {@code m} is [request id,] delimiter, body... for the outstanding request. */
    private boolean isReply(Message m) {
        int delimiter = 0;
        if (expectedId != null) {
            if (m.size() < 3 || !m.frame(0).contentEquals(expectedId)) {
                return false;
            }
            delimiter = 1;
        }
        return m.size() > delimiter + 1 && m.frame(delimiter).isEmpty();
    }

    /** Releases what {@code pipe} holds and re-arms its readable announcement. */
    private static void dropInbound(Pipe pipe) {
        do {
            pipe.discardInbound();
        } while (pipe.clearReadable());
    }

    private static byte[] littleEndian(int n) {
        return new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)};
    }
}
