package io.jzmtp.mechanism;

import io.jzmtp.msg.Metadata;
import io.jzmtp.wire.Command;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;

import java.util.Arrays;
import java.util.List;

/**
 * The client side of CURVE (RFC 25/26, ZMTP.md §13): HELLO from a fresh transient key pair, then, with the server's
 * transient key and cookie from WELCOME, INITIATE carrying our permanent key, a vouch and our metadata; done when READY
 * opens. Every box that does not open (a wrong server key shows here first, at WELCOME) ends the handshake.
 */
public final class CurveClientMechanism implements Mechanism {

    /** The mechanism name in the greeting. */
    public static final String NAME = "CURVE";
    private static final int HELLO_PADDING = 72;
    private static final int WELCOME_SIZE = CurveNonce.LONG_SIZE + SecretBox.MAC_SIZE + 32 + 96;

    private final Metadata localMetadata;
    private final byte[] serverKey;
    private final byte[] publicKey;
    private final byte[] secretKey;
    private final byte[] transientPublic;
    private final byte[] transientSecret;
    private byte[] messageKey;
    private long lastSent;
    private long lastReceived;
    private boolean expectReady;
    private boolean done;

    /**
     * A client announcing {@code localMetadata}, with its permanent key pair, that trusts the server whose permanent
     * public key is {@code serverKey} (each 32 bytes; the arrays are copied).
     */
    public CurveClientMechanism(Metadata localMetadata, byte[] serverKey, byte[] publicKey, byte[] secretKey) {
        this.localMetadata = localMetadata;
        this.serverKey = serverKey.clone();
        this.publicKey = publicKey.clone();
        this.secretKey = secretKey.clone();
        this.transientSecret = CurveNonce.random(NaclBox.KEY_SIZE);
        this.transientPublic = NaclBox.publicKey(transientSecret);
    }

    /**
     * Factory for client sockets with these keys. The secret key array is kept as it is, not copied, so that its owner
     * (the socket) can zero it when it closes; each connection works on a copy of its own.
     */
    public static MechanismFactory factory(byte[] serverKey, byte[] publicKey, byte[] secretKey) {
        byte[] s = serverKey.clone();
        byte[] pub = publicKey.clone();
        return local -> new CurveClientMechanism(local, s, pub, secretKey);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean asServer() {
        return false;
    }

    @Override
    public boolean readsUndecodedCommands() {
        return true;
    }

    @Override
    public FrameBox frameBox() {
        return new CurveMessageBox(messageKey, true, lastSent, lastReceived);
    }

    @Override
    public void dispose() {
        wipe(secretKey, transientSecret, messageKey);
    }

    /** Zeroes each array that exists. */
    static void wipe(byte[]... secrets) {
        for (byte[] s : secrets) {
            if (s != null) {
                Arrays.fill(s, (byte) 0);
            }
        }
    }

    /** HELLO: version 1.0, 72 bytes of padding (so it is no smaller than WELCOME), C', and a box of 64 zeros. */
    @Override
    public List<Command> start() {
        byte[] nonce = CurveNonce.shortNonce(CurveNonce.HELLO, ++lastSent);
        byte[] box = SecretBox.seal(NaclBox.sharedKey(transientSecret, serverKey), nonce, new byte[64]);
        byte[] hello = new byte[2 + HELLO_PADDING + 32 + CurveNonce.SHORT_SIZE + box.length];
        hello[0] = 1;
        int at = 2 + HELLO_PADDING;
        System.arraycopy(transientPublic, 0, hello, at, 32);
        System.arraycopy(nonce, 16, hello, at + 32, CurveNonce.SHORT_SIZE);
        System.arraycopy(box, 0, hello, at + 32 + CurveNonce.SHORT_SIZE, box.length);
        return List.of(new Command.Unknown("HELLO", hello));
    }

    @Override
    public Step receive(Command command) {
        if (done) {
            throw HandshakeCommands.unexpected(NAME, command, "nothing: the handshake is over");
        }
        if (!expectReady) {
            byte[] welcome = HandshakeCommands.dataOf(command, "WELCOME");
            if (welcome == null) {
                throw HandshakeCommands.unexpected(NAME, command, "WELCOME or ERROR");
            }
            expectReady = true;
            return Step.reply(initiate(welcome));
        }
        byte[] ready = HandshakeCommands.dataOf(command, "READY");
        if (ready == null) {
            throw HandshakeCommands.unexpected(NAME, command, "READY or ERROR");
        }
        done = true;
        return Step.complete(ZapCheck.peerMetadata(readReady(ready), null));
    }

    /** Opens WELCOME (S' and the cookie) and builds INITIATE: cookie, C + vouch + metadata in a box for S'. */
    private Command initiate(byte[] welcome) {
        if (welcome.length != WELCOME_SIZE) {
            throw HandshakeCommands.malformed(NAME, "WELCOME has " + welcome.length + " bytes of data, not "
                    + WELCOME_SIZE);
        }
        byte[] nonce = CurveNonce.longNonce(CurveNonce.WELCOME, welcome, 0);
        byte[] opened = SecretBox.open(NaclBox.sharedKey(transientSecret, serverKey), nonce, welcome,
                CurveNonce.LONG_SIZE, welcome.length - CurveNonce.LONG_SIZE);
        if (opened == null) {
            throw new ZmtpProtocolException(ZmtpError.AUTHENTICATION_FAILED, "the server's WELCOME did not open: "
                    + "it does not hold the secret key of the CURVE_SERVERKEY we were given");
        }
        byte[] serverTransient = Arrays.copyOfRange(opened, 0, 32);
        byte[] cookie = Arrays.copyOfRange(opened, 32, 128);
        messageKey = NaclBox.sharedKey(transientSecret, serverTransient);
        Arrays.fill(transientSecret, (byte) 0);

        byte[] vouchNonce = CurveNonce.random(CurveNonce.LONG_SIZE);
        byte[] vouchPlain = new byte[64];
        System.arraycopy(transientPublic, 0, vouchPlain, 0, 32);
        System.arraycopy(serverKey, 0, vouchPlain, 32, 32);
        byte[] vouchBox = SecretBox.seal(NaclBox.sharedKey(secretKey, serverTransient),
                CurveNonce.longNonce(CurveNonce.VOUCH, vouchNonce, 0), vouchPlain);
        Arrays.fill(secretKey, (byte) 0);   // the vouch was its last use

        byte[] metadata = HandshakeCommands.encode(localMetadata);
        byte[] inner = new byte[32 + CurveNonce.LONG_SIZE + vouchBox.length + metadata.length];
        System.arraycopy(publicKey, 0, inner, 0, 32);
        System.arraycopy(vouchNonce, 0, inner, 32, CurveNonce.LONG_SIZE);
        System.arraycopy(vouchBox, 0, inner, 32 + CurveNonce.LONG_SIZE, vouchBox.length);
        System.arraycopy(metadata, 0, inner, 32 + CurveNonce.LONG_SIZE + vouchBox.length, metadata.length);
        byte[] initiateNonce = CurveNonce.shortNonce(CurveNonce.INITIATE, ++lastSent);
        byte[] box = SecretBox.seal(messageKey, initiateNonce, inner);

        byte[] data = new byte[cookie.length + CurveNonce.SHORT_SIZE + box.length];
        System.arraycopy(cookie, 0, data, 0, cookie.length);
        System.arraycopy(initiateNonce, 16, data, cookie.length, CurveNonce.SHORT_SIZE);
        System.arraycopy(box, 0, data, cookie.length + CurveNonce.SHORT_SIZE, box.length);
        return new Command.Unknown("INITIATE", data);
    }

    /** READY: a short nonce and the server's metadata in a box. */
    private Metadata readReady(byte[] ready) {
        if (ready.length < CurveNonce.SHORT_SIZE + SecretBox.MAC_SIZE) {
            throw HandshakeCommands.malformed(NAME, "READY has only " + ready.length + " bytes of data");
        }
        long nonce = CurveNonce.getLong(ready, 0);
        byte[] plain = SecretBox.open(messageKey, CurveNonce.shortNonce(CurveNonce.READY, nonce), ready,
                CurveNonce.SHORT_SIZE, ready.length - CurveNonce.SHORT_SIZE);
        if (plain == null) {
            throw new ZmtpProtocolException(ZmtpError.AUTHENTICATION_FAILED, "the server's READY did not open");
        }
        lastReceived = nonce;
        return HandshakeCommands.decode(plain, 0, plain.length);
    }
}
