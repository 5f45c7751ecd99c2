package io.jzmtp.netty;

import io.jzmtp.mechanism.CurveClientMechanism;
import io.jzmtp.mechanism.CurveServerMechanism;
import io.jzmtp.mechanism.MechanismFactory;
import io.jzmtp.mechanism.NullMechanism;
import io.jzmtp.mechanism.PlainClientMechanism;
import io.jzmtp.mechanism.PlainServerMechanism;
import io.jzmtp.mechanism.ServerSecurity;
import io.jzmtp.msg.Message;
import io.jzmtp.msg.Metadata;
import io.jzmtp.security.CurveKeyPair;
import io.jzmtp.security.ZapHandler;
import io.jzmtp.security.ZapReply;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.testing.CommandBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PLAIN and CURVE through the whole connection pipeline: PLAIN against the bytes libzmq 4.3.4 sent and expects
 * (security.json), CURVE between our client and our server (its boxes are random, so its bytes cannot be replayed;
 * the interop tests prove it against libzmq), whole and one byte per read, and every bad input a hostile peer can
 * send, each with its specific reason, the connection alone closed, and nothing leaked.
 */
class SecureHandshakeTest {

    private static final HexFormat HEX = HexFormat.of();
    /** libzmq's PLAIN greeting (as-server 0, as it always sends). */
    private static final byte[] LIBZMQ_PLAIN_GREETING = HEX.parseHex("ff00000000000000017f0301504c41494e"
            + "0".repeat(2 * 47));
    private static final byte[] HELLO_ADMIN_SECRET = HEX.parseHex("04130548454c4c4f0561646d696e06736563726574");
    private static final byte[] WELCOME = HEX.parseHex("04080757454c434f4d45");
    private static final CurveKeyPair SERVER = CurveKeyPair.generate();
    private static final CurveKeyPair CLIENT = CurveKeyPair.generate();

    @AfterEach
    void releaseUnfinished() {
        EmbeddedConnection.releaseUnfinished();
    }

    private static ConnectionConfig config(String type, byte[] routingId, MechanismFactory mechanism) {
        return new ConnectionConfig(type, Set.of("DEALER", "ROUTER", "REP", "REQ", "PUB", "SUB", "XPUB", "XSUB"),
                routingId, !type.endsWith("PUB") && !type.endsWith("SUB"), Metadata.EMPTY, -1, 0, mechanism);
    }

    private static ZapHandler answering(ZapReply reply) {
        return r -> CompletableFuture.completedFuture(reply);
    }

    // ---- PLAIN against libzmq's bytes --------------------------------------------------------------------------------

    /** security.json "plain_libzmq_server_zap_200": our HELLO and INITIATE are the bytes libzmq accepted. */
    @Test
    void ourPlainClientSendsWhatLibzmqsServerAccepts() {
        EmbeddedConnection c = new EmbeddedConnection(config("DEALER", ascii("cli-id"),
                PlainClientMechanism.factory("admin", "secret")));
        c.takeSent();
        c.feed(LIBZMQ_PLAIN_GREETING);
        assertArrayEquals(HELLO_ADMIN_SECRET, afterGreeting(c.takeSent()), "HELLO");
        c.feed(WELCOME);
        assertEquals("043208494e4954494154450b536f636b65742d5479706500000006444541"
                + "4c4552084964656e74697479000000066" + "36c692d6964", HEX.formatHex(c.takeSent()), "INITIATE");
        c.feed(HEX.parseHex("042f0552454144590b536f636b65742d5479706500000006444541"
                + "4c4552084964656e7469747900000006737276" + "2d6964"));
        assertEquals(1, c.handler.peers.size(), "READY completed the handshake");
        assertEquals("srv-id", new String(c.handler.peers.get(0).metadata().identity().orElseThrow(),
                StandardCharsets.US_ASCII));
        c.finish();
    }

    /** security.json "plain_libzmq_client": libzmq's HELLO and INITIATE get WELCOME, then READY; ZAP is asked. */
    @Test
    void ourPlainServerAnswersLibzmqsClient() {
        List<String> asked = new ArrayList<>();
        ZapHandler zap = r -> {
            asked.add(r.username() + "/" + r.password() + "@" + r.domain() + "/" + new String(r.routingId(),
                    StandardCharsets.US_ASCII));
            return CompletableFuture.completedFuture(new ZapReply(200, "OK", "user-42", Map.of("X-Role", "admin")));
        };
        EmbeddedConnection c = new EmbeddedConnection(config("DEALER", ascii("srv-id"),
                PlainServerMechanism.factory(new ServerSecurity(zap, "global", ascii("srv-id")))));
        c.takeSent();
        c.feed(concat(LIBZMQ_PLAIN_GREETING, HELLO_ADMIN_SECRET));
        c.runTasks();
        assertArrayEquals(WELCOME, afterGreeting(c.takeSent()));
        assertEquals(List.of("admin/secret@global/srv-id"), asked);
        c.feed(HEX.parseHex("042c08494e4954494154450b536f636b65742d5479706500000006444541"
                + "4c4552084964656e7469747900000000"));
        Metadata ours = Metadata.of(List.of(new Metadata.Property("Socket-Type", ascii("DEALER")),
                new Metadata.Property("Identity", ascii("srv-id"))));
        assertArrayEquals(CommandBytes.encode(new Command.Ready(ours)), c.takeSent(), "READY");
        Metadata peer = c.handler.peers.get(0).metadata();
        assertEquals("user-42", peer.get("User-Id").orElseThrow());
        assertEquals("admin", peer.get("X-Role").orElseThrow());
        c.finish();
    }

    /** libzmq's whole PLAIN side of each exchange, in every fragmentation, completes both of our roles alike. */
    @Test
    void everyFragmentationOfLibzmqsPlainBytesCompletesTheHandshake() {
        byte[] serverBytes = concat(concat(LIBZMQ_PLAIN_GREETING, WELCOME), HEX.parseHex(
                "042f0552454144590b536f636b65742d54797065000000064445414c4552084964656e7469747900000006737276"
                        + "2d6964"));
        byte[] clientBytes = concat(concat(LIBZMQ_PLAIN_GREETING, HELLO_ADMIN_SECRET), HEX.parseHex(
                "042c08494e4954494154450b536f636b65742d5479706500000006444541"
                        + "4c4552084964656e7469747900000000"));
        ServerSecurity security = new ServerSecurity(answering(ZapReply.allow("admin")), "", new byte[0]);
        for (io.jzmtp.wire.Splits.Split split : io.jzmtp.wire.Splits.of(serverBytes)) {
            EmbeddedConnection c = new EmbeddedConnection(config("DEALER", ascii("cli-id"),
                    PlainClientMechanism.factory("admin", "secret")));
            c.feed(split.chunks());
            assertEquals(1, c.handler.peers.size(), "client, " + split);
            c.finish();
        }
        for (io.jzmtp.wire.Splits.Split split : io.jzmtp.wire.Splits.of(clientBytes)) {
            EmbeddedConnection c = new EmbeddedConnection(config("DEALER", new byte[0],
                    PlainServerMechanism.factory(security)));
            for (byte[] chunk : split.chunks()) {
                c.feed(chunk);
                c.runTasks();   // the ZAP answer resumes the handshake on the event loop
            }
            assertEquals(1, c.handler.peers.size(), "server, " + split);
            assertEquals("admin", c.handler.peers.get(0).metadata().get("User-Id").orElseThrow());
            c.finish();
        }
    }

    /** A refusal is the ERROR libzmq sends ({@code 04 0a 05 "ERROR" 03 "400"}), and the connection closes. */
    @Test
    void aZapRefusalSendsErrorWithTheCodeOnly() {
        EmbeddedConnection c = new EmbeddedConnection(config("DEALER", new byte[0], PlainServerMechanism.factory(
                new ServerSecurity(answering(ZapReply.deny("password expired")), "", new byte[0]))));
        c.takeSent();
        c.feed(concat(LIBZMQ_PLAIN_GREETING, HELLO_ADMIN_SECRET));
        c.runTasks();
        assertEquals("040a054552524f5203343030", HEX.formatHex(afterGreeting(c.takeSent())));
        assertFalse(c.ch.isOpen());
        assertEquals(ZmtpError.AUTHENTICATION_FAILED, c.handler.closed.get(0).failure().reason());
        assertTrue(c.handler.closed.get(0).failure().detail().contains("password expired"));
        c.finish();
    }

    /** libzmq's malformed ERROR ({@code 5E "RROR"}, ZMTP.md §12) is read as the refusal it means. */
    @Test
    void libzmqsMalformedPlainErrorIsReadAsARefusal() {
        EmbeddedConnection c = new EmbeddedConnection(config("DEALER", new byte[0],
                PlainClientMechanism.factory("admin", "secret")));
        c.feed(concat(LIBZMQ_PLAIN_GREETING, HEX.parseHex("04095e52524f5203343030")));
        assertFalse(c.ch.isOpen());
        assertEquals(ZmtpError.PEER_ERROR, c.handler.closed.get(0).failure().reason());
        assertTrue(c.handler.closed.get(0).failure().detail().contains("'400'"));
        c.finish();
    }

    @Test
    void badPlainHellosAreRefusedWithTheirReason() {
        ServerSecurity security = new ServerSecurity(answering(ZapReply.allow("x")), "", new byte[0]);
        for (String hello : List.of("04070548454c4c4f05", "04090548454c4c4f05616200",
                "04090548454c4c4f0061000000", "04080557454c434f4d45")) {
            EmbeddedConnection c = new EmbeddedConnection(config("DEALER", new byte[0],
                    PlainServerMechanism.factory(security)));
            c.feed(concat(LIBZMQ_PLAIN_GREETING, HEX.parseHex(hello)));
            assertFalse(c.ch.isOpen(), hello);
            ZmtpError reason = c.handler.closed.get(0).failure().reason();
            assertTrue(reason == ZmtpError.MALFORMED_COMMAND || reason == ZmtpError.UNEXPECTED_COMMAND, hello + ": "
                    + reason);
            c.finish();
        }
    }

    // ---- CURVE between our two sides ---------------------------------------------------------------------------------

    private static MechanismFactory curveClient(byte[] serverKey) {
        return CurveClientMechanism.factory(serverKey, CLIENT.publicKey(), CLIENT.secretKey());
    }

    private static MechanismFactory curveServer(ZapHandler zap) {
        return CurveServerMechanism.factory(SERVER.publicKey(), SERVER.secretKey(),
                new ServerSecurity(zap, "", new byte[0]));
    }

    /** Moves bytes both ways until neither side has anything more to say; one byte per read if asked. */
    private static void pump(EmbeddedConnection a, EmbeddedConnection b, boolean bytewise) {
        for (int round = 0; round < 50; round++) {
            a.runTasks();
            b.runTasks();
            byte[] toB = a.takeSent();
            byte[] toA = b.takeSent();
            if (toA.length == 0 && toB.length == 0) {
                return;
            }
            deliver(b, toB, bytewise);
            deliver(a, toA, bytewise);
        }
        throw new AssertionError("the two sides never went quiet");
    }

    private static void deliver(EmbeddedConnection c, byte[] bytes, boolean bytewise) {
        if (!bytewise) {
            c.feed(bytes);
            return;
        }
        for (byte b : bytes) {
            c.feed(new byte[] {b});
        }
    }

    @Test
    void curveCarriesMessagesBothWaysWholeAndOneBytePerRead() {
        for (boolean bytewise : new boolean[] {false, true}) {
            EmbeddedConnection client = new EmbeddedConnection(config("DEALER", new byte[0],
                    curveClient(SERVER.publicKey())));
            EmbeddedConnection server = new EmbeddedConnection(config("ROUTER", new byte[0],
                    curveServer(answering(new ZapReply(200, "OK", "curve-user", Map.of("X-Tier", "gold"))))));
            pump(client, server, bytewise);
            assertEquals(1, client.handler.peers.size(), "client handshake");
            assertEquals(1, server.handler.peers.size(), "server handshake");
            assertEquals("curve-user", server.handler.peers.get(0).metadata().get("User-Id").orElseThrow());
            assertEquals("gold", server.handler.peers.get(0).metadata().get("X-Tier").orElseThrow());
            assertEquals("ROUTER", client.handler.peers.get(0).metadata().socketType().orElseThrow());

            byte[] big = new byte[bytewise ? 3_000 : 70_000];   // long frames either way; one read per byte is slow
            Arrays.fill(big, (byte) 'z');
            assertTrue(client.handler.pipe.offer(Message.of(ascii("a"), new byte[0], big)));
            assertTrue(server.handler.pipe.offer(Message.of("reply")));
            pump(client, server, bytewise);
            List<Message> atServer = server.handler.received();
            List<Message> atClient = client.handler.received();
            try {
                assertEquals(1, atServer.size());
                assertEquals(3, atServer.get(0).size());
                assertArrayEquals(big, atServer.get(0).frame(2).toBytes());
                assertEquals("reply", atClient.get(0).frame(0).toUtf8());
            } finally {
                atServer.forEach(Message::close);
                atClient.forEach(Message::close);
            }
            client.finish();
            server.finish();
        }
    }

    /** HELLO is libzmq's 200-byte body with its padding; MESSAGEs go in ordinary frames, nonces counting on. */
    @Test
    void curveCommandsAndMessagesLookLikeLibzmqs() {
        EmbeddedConnection client = new EmbeddedConnection(config("DEALER", new byte[0],
                curveClient(SERVER.publicKey())));
        EmbeddedConnection server = new EmbeddedConnection(config("DEALER", new byte[0], curveServer(null)));
        byte[] hello = untilClientSends(client, server, "HELLO");
        assertEquals(202, hello.length);
        assertEquals("04c80548454c4c4f0100" + "00".repeat(72), HEX.formatHex(Arrays.copyOf(hello, 82)));
        assertEquals("0000000000000001", HEX.formatHex(Arrays.copyOfRange(hello, 114, 122)), "HELLO's nonce is 1");
        server.feed(hello);
        pump(client, server, false);
        assertEquals(1, server.handler.peers.size());

        assertTrue(client.handler.pipe.offer(Message.of("hello")));
        client.runTasks();
        byte[] first = client.takeSent();
        assertEquals("0026074d455353414745" + "0000000000000003", HEX.formatHex(Arrays.copyOf(first, 18)));
        assertTrue(client.handler.pipe.offer(Message.of(new byte[300])));
        client.runTasks();
        byte[] second = client.takeSent();
        assertEquals("02000000000000014d074d455353414745" + "0000000000000004",
                HEX.formatHex(Arrays.copyOf(second, 25)));
        server.feed(concat(first, second));
        List<Message> got = server.handler.received();
        assertEquals(2, got.size());
        got.forEach(Message::close);
        client.finish();
        server.finish();
    }

    /**
     * Runs the exchange until the client's next output contains the command {@code name}, and returns that output
     * without delivering it (the greetings are exchanged whole).
     */
    private static byte[] untilClientSends(EmbeddedConnection client, EmbeddedConnection server, String name) {
        byte[] marker = concat(new byte[] {(byte) name.length()}, ascii(name));
        for (int round = 0; round < 10; round++) {
            server.runTasks();
            byte[] fromClient = client.takeSent();
            int at = indexOf(fromClient, marker);
            if (at >= 0) {
                int frameStart = at - (fromClient[at - 2] == 4 || fromClient[at - 2] == 0 ? 2 : 9);
                server.feed(Arrays.copyOf(fromClient, frameStart));
                return Arrays.copyOfRange(fromClient, frameStart, fromClient.length);
            }
            server.feed(fromClient);
            client.feed(server.takeSent());
        }
        throw new AssertionError("the client never sent " + name);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aWrongServerKeyIsRefusedAtHello() {
        EmbeddedConnection client = new EmbeddedConnection(config("DEALER", new byte[0],
                curveClient(CurveKeyPair.generate().publicKey())));
        EmbeddedConnection server = new EmbeddedConnection(config("DEALER", new byte[0], curveServer(null)));
        pump(client, server, false);
        assertFalse(server.ch.isOpen());
        assertTrue(server.handler.closed.get(0).failure().detail().contains("HELLO"));
        assertFalse(client.ch.isOpen(), "the client read the server's ERROR");
        assertEquals(ZmtpError.PEER_ERROR, client.handler.closed.get(0).failure().reason());
        client.finish();
        server.finish();
    }

    /** A client that shows one permanent key but holds another cannot vouch for it. */
    @Test
    void aVouchFromTheWrongSecretKeyIsRefused() {
        MechanismFactory impostor = CurveClientMechanism.factory(SERVER.publicKey(), CLIENT.publicKey(),
                CurveKeyPair.generate().secretKey());
        EmbeddedConnection client = new EmbeddedConnection(config("DEALER", new byte[0], impostor));
        EmbeddedConnection server = new EmbeddedConnection(config("DEALER", new byte[0], curveServer(null)));
        pump(client, server, false);
        assertTrue(server.handler.closed.get(0).failure().detail().contains("vouch"),
                server.handler.closed.get(0).failure().detail());
        assertTrue(server.handler.peers.isEmpty());
        client.finish();
        server.finish();
    }

    /** Damage to any part of the client's INITIATE (cookie, nonce, box) is refused with the part named. */
    @Test
    void aDamagedInitiateIsRefused() {
        for (int offset : new int[] {20, 100, 107, 112, 200}) {   // cookie nonce, cookie box, nonce, box
            EmbeddedConnection client = new EmbeddedConnection(config("DEALER", new byte[0],
                    curveClient(SERVER.publicKey())));
            EmbeddedConnection server = new EmbeddedConnection(config("DEALER", new byte[0], curveServer(null)));
            byte[] initiate = untilClientSends(client, server, "INITIATE");
            initiate[9 + 9 + offset] ^= 1;   // long frame header (9), name (9), then the data
            server.feed(initiate);
            assertFalse(server.ch.isOpen(), "offset " + offset);
            assertEquals(ZmtpError.AUTHENTICATION_FAILED, server.handler.closed.get(0).failure().reason());
            client.finish();
            server.finish();
        }
    }

    @Test
    void aReplayedOrDamagedMessageClosesTheConnection() {
        for (boolean replay : new boolean[] {true, false}) {
            EmbeddedConnection client = new EmbeddedConnection(config("DEALER", new byte[0],
                    curveClient(SERVER.publicKey())));
            EmbeddedConnection server = new EmbeddedConnection(config("DEALER", new byte[0], curveServer(null)));
            pump(client, server, false);
            assertTrue(client.handler.pipe.offer(Message.of("once")));
            client.runTasks();
            byte[] message = client.takeSent();
            server.feed(message);
            List<Message> first = server.handler.received();
            assertEquals(1, first.size());
            first.forEach(Message::close);
            byte[] again = message.clone();
            if (!replay) {
                again[again.length - 1] ^= 1;
                again[17] += 1;   // a fresh nonce, so only the box is wrong
            }
            server.feed(again);
            assertFalse(server.ch.isOpen());
            String detail = server.handler.closed.get(0).failure().detail();
            assertTrue(detail.contains(replay ? "replayed" : "did not open"), detail);
            assertTrue(server.handler.received().isEmpty(), "nothing more delivered");
            client.finish();
            server.finish();
        }
    }

    @Test
    void commandsOutOfOrderOrUnknownAreRefused() {
        List<byte[]> bad = List.of(
                CommandBytes.encode(new Command.Unknown("INITIATE", new byte[300])),   // before HELLO
                CommandBytes.encode(new Command.Unknown("HELLO", new byte[199])),      // short
                CommandBytes.encode(new Command.Unknown("HELLO", new byte[250])),      // long
                CommandBytes.encode(new Command.Ready(Metadata.EMPTY)),               // a NULL READY
                CommandBytes.encode(new Command.Unknown("MESSAGE", new byte[40])));
        for (byte[] command : bad) {
            EmbeddedConnection server = new EmbeddedConnection(config("DEALER", new byte[0], curveServer(null)));
            server.feed(concat(curveGreeting(), command));
            assertFalse(server.ch.isOpen());
            ZmtpError reason = server.handler.closed.get(0).failure().reason();
            assertTrue(reason == ZmtpError.MALFORMED_COMMAND || reason == ZmtpError.UNEXPECTED_COMMAND,
                    reason.toString());
            server.finish();
        }
    }

    /** Downgrade protection: a CURVE server does not talk to a NULL peer (the greeting's mechanism differs). */
    @Test
    void aNullPeerCannotTalkToACurveServer() {
        EmbeddedConnection server = new EmbeddedConnection(config("DEALER", new byte[0], curveServer(null)));
        EmbeddedConnection peer = new EmbeddedConnection(config("DEALER", new byte[0], NullMechanism.FACTORY));
        pump(peer, server, false);
        assertFalse(server.ch.isOpen());
        assertEquals(ZmtpError.MECHANISM_MISMATCH, server.handler.closed.get(0).failure().reason());
        assertTrue(server.handler.peers.isEmpty());
        peer.finish();
        server.finish();
    }

    /** What a side sent after its 10-byte signature was taken: the rest of its greeting is 54 bytes. */
    private static byte[] afterGreeting(byte[] sent) {
        return Arrays.copyOfRange(sent, 54, sent.length);
    }

    private static byte[] curveGreeting() {
        byte[] g = EmbeddedConnection.ourGreeting();
        byte[] name = ascii("CURVE");
        Arrays.fill(g, 12, 32, (byte) 0);
        System.arraycopy(name, 0, g, 12, name.length);
        return g;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
