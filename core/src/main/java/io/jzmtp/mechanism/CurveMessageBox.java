package io.jzmtp.mechanism;

import io.jzmtp.wire.FrameHeader;
import io.jzmtp.wire.ZmtpError;
import io.jzmtp.wire.ZmtpProtocolException;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * CURVE's data phase (RFC 26, ZMTP.md §13.2–13.4): every frame, commands included, travels as a MESSAGE command
 * {@code 07 "MESSAGE" nonce(8) box(flags(1) + body)} under the key the two transient key pairs share. As libzmq does,
 * the MESSAGE goes out in an ordinary frame (flags 00, or 02 when long; never MORE or COMMAND), MORE and COMMAND
 * travel inside the box (bits 0 and 1 of its first byte), and a received MESSAGE is accepted whatever its frame's
 * flags. Nonces count up from where the handshake left them; one that does not grow closes the connection.
 */
final class CurveMessageBox implements FrameBox {

    private static final byte[] NAME = "\7MESSAGE".getBytes(StandardCharsets.US_ASCII);
    private static final int INNER_MORE = 1;
    private static final int INNER_COMMAND = 2;
    /** Name (8), nonce (8), MAC (16), inner flags (1). */
    static final int OVERHEAD = NAME.length + CurveNonce.SHORT_SIZE + SecretBox.MAC_SIZE + 1;

    private final SecretBox sending;
    private final SecretBox receiving;
    private final byte[] sendSuffix = new byte[CurveNonce.SHORT_SIZE];
    private final byte[] receiveSuffix = new byte[CurveNonce.SHORT_SIZE];
    private long lastSent;
    private long lastReceived;
    /** Scratch arrays for the copy in and out of BouncyCastle's byte[] API, kept up to {@link #KEPT_SCRATCH}. */
    private byte[] plain = new byte[256];
    private byte[] sealed = new byte[256];
    private static final int KEPT_SCRATCH = 64 * 1024 + 64;

    /**
     * A box under {@code key}, the transient keys' shared key.
     *
     * @param client       whether this side is the CURVE client (it picks the nonce prefixes)
     * @param lastSent     the short nonce of the last handshake command this side sent
     * @param lastReceived the short nonce of the last handshake command the peer sent
     */
    CurveMessageBox(byte[] key, boolean client, long lastSent, long lastReceived) {
        byte[] fromClient = CurveNonce.MESSAGE_FROM_CLIENT;
        byte[] fromServer = CurveNonce.MESSAGE_FROM_SERVER;
        this.sending = SecretBox.create(key, client ? fromClient : fromServer);
        this.receiving = SecretBox.create(key, client ? fromServer : fromClient);
        this.lastSent = lastSent;
        this.lastReceived = lastReceived;
    }

    @Override
    public int overhead() {
        return OVERHEAD;
    }

    @Override
    public void seal(int flags, ByteBuf body, ByteBuf out) {
        int length = body.readableBytes();
        int size = OVERHEAD + length;
        if (size <= 255) {
            out.writeByte(0).writeByte(size);
        } else {
            out.writeByte(FrameHeader.FLAG_LONG).writeLong(size);
        }
        out.writeBytes(NAME);
        CurveNonce.putLong(sendSuffix, 0, ++lastSent);
        out.writeBytes(sendSuffix);
        int inner = innerFlags(flags);
        if (length >= SecretBox.NATIVE_FROM && sending instanceof SodiumSecretBox sodium && out.hasMemoryAddress()) {
            int box = out.writerIndex();   // a large frame: copied once, into place, and sealed there
            out.writeZero(SecretBox.MAC_SIZE).writeByte(inner).writeBytes(body, body.readerIndex(), length);
            sodium.sealInPlace(sendSuffix, out.memoryAddress() + box, 1 + length);
            return;
        }
        byte[] plain = plainScratch(1 + length);
        byte[] sealed = sealedScratch(SecretBox.MAC_SIZE + 1 + length);
        plain[0] = (byte) inner;
        body.getBytes(body.readerIndex(), plain, 1, length);
        sending.seal(sendSuffix, plain, 0, 1 + length, sealed, 0);
        out.writeBytes(sealed, 0, SecretBox.MAC_SIZE + 1 + length);
    }

    @Override
    public int open(ByteBuf frame, ByteBuf out) {
        int size = frame.readableBytes();
        int at = frame.readerIndex();
        if (size < OVERHEAD || !isMessage(frame, at)) {
            throw new ZmtpProtocolException(ZmtpError.MALFORMED_COMMAND, "a frame of " + size
                    + " bytes after the CURVE handshake that is not a MESSAGE command");
        }
        long nonce = frame.getLong(at + NAME.length);
        if (Long.compareUnsigned(nonce, lastReceived) <= 0) {
            throw new ZmtpProtocolException(ZmtpError.AUTHENTICATION_FAILED, "CURVE MESSAGE nonce " + nonce
                    + " does not follow " + lastReceived + " (replayed or reordered)");
        }
        int boxLength = size - NAME.length - CurveNonce.SHORT_SIZE;
        CurveNonce.putLong(receiveSuffix, 0, nonce);
        if (boxLength - SecretBox.MAC_SIZE >= SecretBox.NATIVE_FROM && receiving instanceof SodiumSecretBox sodium
                && frame.hasMemoryAddress() && out.hasMemoryAddress()) {
            return openInPlace(sodium, frame, at, boxLength, out, nonce);
        }
        byte[] sealed = sealedScratch(boxLength);
        byte[] plain = plainScratch(boxLength - SecretBox.MAC_SIZE);
        frame.getBytes(at + NAME.length + CurveNonce.SHORT_SIZE, sealed, 0, boxLength);
        if (!receiving.open(receiveSuffix, sealed, 0, boxLength, plain, 0)) {
            throw new ZmtpProtocolException(ZmtpError.AUTHENTICATION_FAILED, "a CURVE MESSAGE box of " + boxLength
                    + " bytes did not open (forged or damaged)");
        }
        lastReceived = nonce;
        out.writeBytes(plain, 1, boxLength - SecretBox.MAC_SIZE - 1);
        return outerFlags(plain[0]);
    }

    /** A large frame opened by libsodium straight from the received bytes into {@code out}, no copy in between. */
    private int openInPlace(SodiumSecretBox sodium, ByteBuf frame, int at, int boxLength, ByteBuf out, long nonce) {
        int plainLength = boxLength - SecretBox.MAC_SIZE;
        out.ensureWritable(plainLength);
        int to = out.writerIndex();
        long from = frame.memoryAddress() + at + NAME.length + CurveNonce.SHORT_SIZE;
        if (!sodium.openTo(receiveSuffix, from, boxLength, out.memoryAddress() + to)) {
            throw new ZmtpProtocolException(ZmtpError.AUTHENTICATION_FAILED, "a CURVE MESSAGE box of " + boxLength
                    + " bytes did not open (forged or damaged)");
        }
        lastReceived = nonce;
        out.writerIndex(to + plainLength);
        int inner = out.getByte(to);
        out.readerIndex(to + 1);   // the flags byte is ours, not the application's
        return outerFlags(inner);
    }

    private static int innerFlags(int flags) {
        return ((flags & FrameHeader.FLAG_MORE) != 0 ? INNER_MORE : 0)
                | ((flags & FrameHeader.FLAG_COMMAND) != 0 ? INNER_COMMAND : 0);
    }

    private static int outerFlags(int inner) {
        return ((inner & INNER_MORE) != 0 ? FrameHeader.FLAG_MORE : 0)
                | ((inner & INNER_COMMAND) != 0 ? FrameHeader.FLAG_COMMAND : 0);
    }

    private static boolean isMessage(ByteBuf frame, int at) {
        for (int i = 0; i < NAME.length; i++) {
            if (frame.getByte(at + i) != NAME[i]) {
                return false;
            }
        }
        return true;
    }

    private byte[] plainScratch(int size) {
        byte[] a = scratch(plain, size);
        if (a.length <= KEPT_SCRATCH) {
            plain = a;
        }
        return a;
    }

    private byte[] sealedScratch(int size) {
        byte[] a = scratch(sealed, size);
        if (a.length <= KEPT_SCRATCH) {
            sealed = a;
        }
        return a;
    }

    /** {@code current} if it holds {@code size} bytes, else a larger array (a rare large frame gets its own). */
    private static byte[] scratch(byte[] current, int size) {
        if (size <= current.length) {
            return current;
        }
        return new byte[size > KEPT_SCRATCH ? size : Math.min(Math.max(size, current.length * 2), KEPT_SCRATCH)];
    }
}
