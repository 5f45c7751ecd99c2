package io.jzmtp;

import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.msg.Metadata;
import io.jzmtp.security.ZapHandler;
import io.jzmtp.security.ZapReply;
import io.jzmtp.security.ZapRequest;
import io.jzmtp.wire.PropertyCodec;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ZAP over {@code inproc://zeromq.zap.01} (RFC 27), for handlers written the libzmq way: a REP or ROUTER socket of
 * the same context bound at that name, answering each request {@code "1.0", id, domain, address, identity,
 * mechanism, credentials...} with {@code "1.0", id, status, text, user id, metadata}. Requests go out through one
 * DEALER socket, made on first use; replies are matched to requests by id, so they may come in any order.
 *
 * <p>{@link #authenticate} is called on an I/O thread: it only queues the request for the context's async executor,
 * which does the socket work, so an I/O thread never waits for the handler's socket.
 */
final class InprocZapClient implements ZapHandler {

    /** The name libzmq's ZAP handlers bind. */
    static final String NAME = "zeromq.zap.01";
    private static final byte[] VERSION = "1.0".getBytes(StandardCharsets.US_ASCII);
    /** How long a request waits for the handler at most (HANDSHAKE_IVL usually ends the wait first). */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final Context context;
    private final Map<String, CompletableFuture<ZapReply>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private Socket dealer;

    InprocZapClient(Context context) {
        this.context = context;
    }

    @Override
    public CompletionStage<ZapReply> authenticate(ZapRequest request) {
        String id = Long.toString(ids.incrementAndGet());
        CompletableFuture<ZapReply> reply = new CompletableFuture<>();
        pending.put(id, reply);
        // A handler that never answers must not pin its requests: each gives up after a while, and leaves the map
        // however it ends (the handshake's own timer closes the connection sooner, by default).
        reply.completeOnTimeout(new ZapReply(500, "no answer from inproc://" + NAME + " within "
                + ANSWER_TIMEOUT.toSeconds() + " s", "", Map.of()), ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> pending.remove(id));
        context.asyncExecutor().execute(() -> send(id, request));
        return reply;
    }

    private void send(String id, ZapRequest request) {
        try {
            List<byte[]> frames = new ArrayList<>(List.of(new byte[0], VERSION, ascii(id), utf8(request.domain()),
                    utf8(request.address()), request.routingId(), ascii(request.mechanism())));
            frames.addAll(request.credentials());
            Message message = Message.of(frames.toArray(new byte[0][]));
            if (!dealer().trySend(message)) {   // never blocks the shared pool; a refused message stays ours
                message.close();
                fail(id, "the ZAP handler at inproc://" + NAME + " is not taking requests");
            }
        } catch (RuntimeException e) {
            fail(id, "cannot ask the ZAP handler at inproc://" + NAME + ": " + e.getMessage());
        }
    }

    /** The DEALER that talks to the handler, connected and reading on first use. */
    private synchronized Socket dealer() {
        if (dealer == null) {
            dealer = context.socket(SocketType.DEALER);
            dealer.set(SocketOption.LINGER, Duration.ZERO);
            dealer.connect("inproc://" + NAME);
            readNext(dealer);
        }
        return dealer;
    }

    /** Reads the next reply; a loop through the executor, since replies already queued complete at once. */
    private void readNext(Socket socket) {
        socket.receiveAsync().whenCompleteAsync((message, failure) -> {
            if (failure != null) {   // the context is closing: nobody waits for these answers any more
                pending.keySet().forEach(id -> fail(id, "the ZAP client closed"));
                return;
            }
            try (message) {
                answer(message);
            }
            readNext(socket);
        }, context.asyncExecutor());
    }

    /** A reply: {@code "", "1.0", id, status, text, user id, metadata}; a malformed one fails its request. */
    private void answer(Message m) {
        int at = m.size() > 0 && m.frame(0).size() == 0 ? 1 : 0;   // the delimiter a REP handler adds
        if (m.size() - at < 6) {
            return;   // cannot tell which request it answers
        }
        String id = m.frame(at + 1).toUtf8();
        CompletableFuture<ZapReply> reply = pending.remove(id);
        if (reply == null) {
            return;
        }
        try {
            if (!m.frame(at).toUtf8().equals("1.0")) {
                throw new IllegalArgumentException("version '" + m.frame(at).toUtf8() + "'");
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            if (m.size() - at > 6) {
                byte[] encoded = m.frame(at + 6).toBytes();
                for (Metadata.Property p : PropertyCodec.read(Unpooled.wrappedBuffer(encoded)).properties()) {
                    metadata.put(p.name(), p.valueAsString());
                }
            }
            reply.complete(new ZapReply(Integer.parseInt(m.frame(at + 2).toUtf8()), m.frame(at + 3).toUtf8(),
                    m.frame(at + 4).toUtf8(), metadata));
        } catch (RuntimeException e) {
            reply.complete(new ZapReply(500, "malformed ZAP reply: " + e.getMessage(), "", Map.of()));
        }
    }

    private void fail(String id, String why) {
        CompletableFuture<ZapReply> reply = pending.remove(id);
        if (reply != null) {
            reply.complete(new ZapReply(500, why, "", Map.of()));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
