package io.jzmtp.mechanism;

import io.jzmtp.msg.Metadata;
import io.jzmtp.security.Z85;
import io.jzmtp.security.ZapHandler;
import io.jzmtp.security.ZapReply;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * The server side of CURVE (RFC 25/26, ZMTP.md §13): opens HELLO with its permanent key, answers WELCOME with a fresh
 * transient key and a cookie, checks INITIATE (the cookie is ours, the vouch proves the client holds the permanent key
 * it shows), asks the ZAP handler about that key if the context has one, and answers READY. Without a handler every
 * client that completes the exchange is let in, as in libzmq.
 */
public final class CurveServerMechanism implements Mechanism {

    private static final int HELLO_SIZE = 2 + 72 + 32 + CurveNonce.SHORT_SIZE + SecretBox.MAC_SIZE + 64;
    private static final int COOKIE_SIZE = CurveNonce.LONG_SIZE + SecretBox.MAC_SIZE + 64;
    private static final int VOUCH_SIZE = CurveNonce.LONG_SIZE + SecretBox.MAC_SIZE + 64;
    private static final int MIN_INITIATE_SIZE = COOKIE_SIZE + CurveNonce.SHORT_SIZE + SecretBox.MAC_SIZE + 32
            + VOUCH_SIZE;

    private enum Phase { EXPECT_HELLO, EXPECT_INITIATE, ASKING, DONE }

    private final Metadata localMetadata;
    private final byte[] publicKey;
    private final byte[] secretKey;
    private final ServerSecurity security;
    private String peerAddress = "";
    private Phase phase = Phase.EXPECT_HELLO;
    private byte[] clientTransient;
    private byte[] transientSecret;
    private byte[] cookieKey;
    private byte[] messageKey;
    private long lastReceived;
    private long lastSent;

    /** A server announcing {@code localMetadata} with its permanent key pair (copied), asking {@code security}. */
    public CurveServerMechanism(Metadata localMetadata, byte[] publicKey, byte[] secretKey, ServerSecurity security) {
        this.localMetadata = localMetadata;
        this.publicKey = publicKey.clone();
        this.secretKey = secretKey.clone();
        this.security = security;
    }

    /**
     * Factory for server sockets with this key pair. The secret key array is kept as it is, not copied, so that its
     * owner (the socket) can zero it when it closes; each connection works on a copy of its own.
     */
    public static MechanismFactory factory(byte[] publicKey, byte[] secretKey, ServerSecurity security) {
        byte[] pub = publicKey.clone();
        return local -> new CurveServerMechanism(local, pub, secretKey, security);
    }

    @Override
    public String name() {
        return CurveClientMechanism.NAME;
    }

    @Override
    public boolean asServer() {
        return true;
    }

    @Override
    public boolean readsUndecodedCommands() {
        return true;
    }

    @Override
    public void peerGreeting(boolean peerAsServer, String address) {
        this.peerAddress = address;
    }

    @Override
    public FrameBox frameBox() {
        return new CurveMessageBox(messageKey, false, lastSent, lastReceived);
    }

    @Override
    public void dispose() {
        CurveClientMechanism.wipe(secretKey, transientSecret, cookieKey, messageKey);
    }

    @Override
    public List<Command> start() {
        return List.of();
    }

    @Override
    public Step receive(Command command) {
        if (phase == Phase.EXPECT_HELLO) {
            byte[] hello = HandshakeCommands.dataOf(command, "HELLO");
            if (hello == null) {
                throw HandshakeCommands.unexpected(name(), command, "HELLO");
            }
            return Step.reply(welcome(hello));
        }
        if (phase == Phase.EXPECT_INITIATE) {
            byte[] initiate = HandshakeCommands.dataOf(command, "INITIATE");
            if (initiate == null) {
                throw HandshakeCommands.unexpected(name(), command, "INITIATE");
            }
            return initiate(initiate);
        }
        throw HandshakeCommands.unexpected(name(), command, "nothing: the handshake is over");
    }

    /** Opens HELLO's box of zeros (the client knows our public key) and answers WELCOME with S' and a cookie. */
    private Command welcome(byte[] hello) {
        if (hello.length != HELLO_SIZE) {
            throw HandshakeCommands.malformed(name(), "HELLO has " + hello.length + " bytes of data, not "
                    + HELLO_SIZE);
        }
        if (hello[0] != 1 || hello[1] != 0) {
            throw HandshakeCommands.malformed(name(), "HELLO is CurveZMQ version " + hello[0] + "." + hello[1]
                    + ", not 1.0");
        }
        int at = 2 + 72;
        clientTransient = Arrays.copyOfRange(hello, at, at + 32);
        lastReceived = CurveNonce.getLong(hello, at + 32);
        byte[] zeros = SecretBox.open(NaclBox.sharedKey(secretKey, clientTransient),
                CurveNonce.shortNonce(CurveNonce.HELLO, lastReceived), hello, at + 32 + CurveNonce.SHORT_SIZE,
                SecretBox.MAC_SIZE + 64);
        if (zeros == null) {
            throw new ZmtpProtocolException(ZmtpError.AUTHENTICATION_FAILED, "CURVE HELLO from " + peerAddress
                    + " did not open: the client was given a server key that is not ours", "wrong server key");
        }
        transientSecret = CurveNonce.random(NaclBox.KEY_SIZE);
        byte[] transientPublic = NaclBox.publicKey(transientSecret);
        cookieKey = CurveNonce.random(NaclBox.KEY_SIZE);
        byte[] cookieNonce = CurveNonce.random(CurveNonce.LONG_SIZE);
        byte[] cookiePlain = concat(clientTransient, transientSecret);
        byte[] cookie = concat(cookieNonce, SecretBox.seal(cookieKey,
                CurveNonce.longNonce(CurveNonce.COOKIE, cookieNonce, 0), cookiePlain));
        Arrays.fill(cookiePlain, (byte) 0);
        byte[] welcomeNonce = CurveNonce.random(CurveNonce.LONG_SIZE);
        byte[] box = SecretBox.seal(NaclBox.sharedKey(secretKey, clientTransient),
                CurveNonce.longNonce(CurveNonce.WELCOME, welcomeNonce, 0), concat(transientPublic, cookie));
        phase = Phase.EXPECT_INITIATE;
        return new Command.Unknown("WELCOME", concat(welcomeNonce, box));
    }

    /** Checks the cookie, opens the box for S', checks the vouch, then asks ZAP (if any) before READY. */
    private Step initiate(byte[] initiate) {
        if (initiate.length < MIN_INITIATE_SIZE) {
            throw HandshakeCommands.malformed(name(), "INITIATE has only " + initiate.length + " bytes of data");
        }
        byte[] cookie = SecretBox.open(cookieKey, CurveNonce.longNonce(CurveNonce.COOKIE, initiate, 0), initiate,
                CurveNonce.LONG_SIZE, COOKIE_SIZE - CurveNonce.LONG_SIZE);
        byte[] expected = concat(clientTransient, transientSecret);
        boolean ours = cookie != null && MessageDigest.isEqual(cookie, expected);
        CurveClientMechanism.wipe(cookie, expected);
        if (!ours) {
            throw refusal("its cookie is not the one we gave it");
        }
        long nonce = CurveNonce.getLong(initiate, COOKIE_SIZE);
        if (Long.compareUnsigned(nonce, lastReceived) <= 0) {
            throw refusal("its INITIATE nonce " + nonce + " does not follow HELLO's " + lastReceived);
        }
        lastReceived = nonce;
        messageKey = NaclBox.sharedKey(transientSecret, clientTransient);
        int boxAt = COOKIE_SIZE + CurveNonce.SHORT_SIZE;
        byte[] inner = SecretBox.open(messageKey, CurveNonce.shortNonce(CurveNonce.INITIATE, nonce), initiate, boxAt,
                initiate.length - boxAt);
        if (inner == null) {
            throw refusal("its INITIATE box did not open");
        }
        byte[] clientKey = Arrays.copyOfRange(inner, 0, 32);
        byte[] vouch = SecretBox.open(NaclBox.sharedKey(transientSecret, clientKey),
                CurveNonce.longNonce(CurveNonce.VOUCH, inner, 32), inner, 32 + CurveNonce.LONG_SIZE,
                VOUCH_SIZE - CurveNonce.LONG_SIZE);
        if (vouch == null || !MessageDigest.isEqual(vouch, concat(clientTransient, publicKey))) {
            throw refusal("its vouch does not prove it holds the key it shows");
        }
        Arrays.fill(transientSecret, (byte) 0);
        Arrays.fill(cookieKey, (byte) 0);
        Metadata peer = HandshakeCommands.decode(inner, 32 + VOUCH_SIZE, inner.length - 32 - VOUCH_SIZE);
        ZapHandler handler = security.handler();
        if (handler == null) {
            if (security.enforceDomain()) {
                throw ZapCheck.noHandlerEnforced(name(), peerAddress);
            }
            return ready(peer, null);   // as libzmq: without a handler, knowing our public key is enough
        }
        phase = Phase.ASKING;
        return Step.later(ZapCheck.ask(handler, security, peerAddress, name(), List.of(clientKey)).thenApply(reply -> {
            ZapCheck.requireAllowed(reply, name(), "with key " + Z85.encode(clientKey) + " from " + peerAddress);
            return ready(peer, reply);
        }));
    }

    /** READY: our metadata in a box, under the next short nonce. */
    private Step ready(Metadata peer, ZapReply approval) {
        byte[] nonce = CurveNonce.shortNonce(CurveNonce.READY, ++lastSent);
        byte[] box = SecretBox.seal(messageKey, nonce, HandshakeCommands.encode(localMetadata));
        phase = Phase.DONE;
        Arrays.fill(secretKey, (byte) 0);
        return Step.complete(ZapCheck.peerMetadata(peer, approval),
                new Command.Unknown("READY", concat(Arrays.copyOfRange(nonce, 16, 24), box)));
    }

    private ZmtpProtocolException refusal(String why) {
        return new ZmtpProtocolException(ZmtpError.AUTHENTICATION_FAILED, "CURVE client from " + peerAddress
                + " refused: " + why, "CURVE handshake refused");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
