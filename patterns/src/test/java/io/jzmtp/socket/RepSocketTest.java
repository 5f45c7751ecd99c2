package io.jzmtp.socket;

import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.routing.MemoryPipes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jzmtp.routing.MemoryPipes.consume;
import static io.jzmtp.routing.MemoryPipes.deliver;
import static io.jzmtp.routing.MemoryPipes.drainOutbound;
import static io.jzmtp.routing.MemoryPipes.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** REP (RFC 28, ZMTP.md §9) over in-memory pipes: envelopes, replying to the asker, lock-step, dropping. */
class RepSocketTest {

    private final RepSocket rep = new RepSocket();
    private final MemoryPipes pipes = new MemoryPipes().onReadable(rep::readable);

    @AfterEach
    void releaseQueued() {
        pipes.releaseAll();
    }

    private Pipe peer(int sendHwm) {
        Pipe p = pipes.pipe(sendHwm, 0);
        rep.attach(p);
        return p;
    }

    private void reply(String... parts) {
        assertTrue(rep.send(message(parts)), "REP never blocks");
    }

    @Test
    void envelopeIsStrippedAndPutBackOnTheReply() {
        Pipe router = peer(0);
        deliver(router, "id1", "", "q");   // ZMTP.md §9: REP reply to ["id1","","q"]
        assertEquals("q", consume(rep.receive()));
        reply("answer");
        assertEquals(List.of("id1||answer"), drainOutbound(router));
    }

    @Test
    void multiHopEnvelopeEndsAtTheFirstEmptyFrame() {
        Pipe router = peer(0);
        deliver(router, "hop2", "hop1", "", "body", "", "more body");
        assertEquals("body||more body", consume(rep.receive()));
        reply("r1", "r2");
        assertEquals(List.of("hop2|hop1||r1|r2"), drainOutbound(router));
    }

    @Test
    void eachReplyGoesToThePeerThatAsked() {
        Pipe a = peer(0);
        Pipe b = peer(0);
        Pipe c = peer(0);
        deliver(a, "", "from a");
        deliver(b, "", "from b");
        deliver(c, "", "from c");
        deliver(a, "", "from a again");
        for (int i = 0; i < 4; i++) {
            String request = consume(rep.receive());
            reply("re: " + request);
        }
        assertEquals(List.of("|re: from a", "|re: from a again"), drainOutbound(a));
        assertEquals(List.of("|re: from b"), drainOutbound(b));
        assertEquals(List.of("|re: from c"), drainOutbound(c));
    }

    @Test
    void requestsAreFairQueued() {
        Pipe a = peer(0);
        Pipe b = peer(0);
        deliver(a, "", "a0");
        deliver(a, "", "a1");
        deliver(b, "", "b0");
        deliver(b, "", "b1");
        for (String expected : List.of("a0", "b0", "a1", "b1")) {
            assertEquals(expected, consume(rep.receive()));
            reply("ok");
        }
        assertNull(rep.receive());
    }

    @Test
    void malformedRequestsAreDropped() {
        Pipe p = peer(0);
        deliver(p, "no delimiter");
        deliver(p, "id", "");   // delimiter but no body
        deliver(p, "", "good");
        assertEquals("good", consume(rep.receive()));
        reply("r");
        assertNull(rep.receive());
        assertEquals(List.of("|r"), drainOutbound(p));
    }

    @Test
    void receivingTwiceWithoutReplyingNamesTheState() {
        Pipe p = peer(0);
        deliver(p, "", "q1");
        deliver(p, "", "q2");
        assertEquals("q1", consume(rep.receive()));
        assertFalse(rep.canReceive());
        IllegalStateException e = assertThrows(IllegalStateException.class, rep::receive);
        assertTrue(e.getMessage().contains("must send the reply"), e.getMessage());
        reply("r1");
        assertTrue(rep.canReceive());
        assertEquals("q2", consume(rep.receive()));
        reply("r2");
    }

    @Test
    void replyingWithoutARequestNamesTheStateAndTheCallerKeepsTheMessage() {
        peer(0);
        assertFalse(rep.canSend());
        try (Message m = message("unasked")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rep.send(m));
            assertEquals("REP socket has no request to reply to; receive one first", e.getMessage());
            assertEquals("unasked", MemoryPipes.text(m));
        }
    }

    @Test
    void replyToAPeerThatLeftIsDropped() {
        Pipe p = peer(0);
        deliver(p, "", "q");
        assertEquals("q", consume(rep.receive()));
        rep.detach(p);
        p.terminate();
        assertTrue(rep.canSend());
        reply("nobody hears this");   // released by the socket: the leak check would notice otherwise
        assertFalse(rep.canSend(), "the exchange is over");
        assertNull(p.pollOutbound());
    }

    @Test
    void replyToAPeerAtSndhwmIsDropped() {
        Pipe p = peer(1);
        assertTrue(p.offer(message("filler")));
        deliver(p, "", "q");
        assertEquals("q", consume(rep.receive()));
        reply("dropped");
        assertEquals(List.of("filler"), drainOutbound(p));
        deliver(p, "", "q2");
        assertEquals("q2", consume(rep.receive()), "the next exchange works normally");
        reply("delivered");
        assertEquals(List.of("|delivered"), drainOutbound(p));
    }
}
