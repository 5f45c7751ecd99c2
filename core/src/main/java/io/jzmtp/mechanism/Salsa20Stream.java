package io.jzmtp.mechanism;

import org.bouncycastle.crypto.engines.Salsa20Engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Salsa20 key stream under one 32-byte key, generated a 64-byte block at a time with BouncyCastle's Salsa20 block
 * function ({@link Salsa20Engine#salsaCore}) and XORed into the data four bytes at a time. BouncyCastle's own engine
 * XORs one byte per call through its buffer, which made it the slowest step of a CURVE box (350 MB/s here against
 * Poly1305's 950); the block function is the same, only the loop around it differs.
 *
 * <p>For a secretbox: block 0's first 32 bytes are the Poly1305 key and its last 32 encrypt the first 32 bytes of the
 * data, as NaCl's {@code crypto_secretbox} lays it out. Not thread-safe.
 */
final class Salsa20Stream {

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};   // "expand 32-byte k"

    private final int[] state = new int[16];
    private final int[] block = new int[16];

    /** A stream under {@code key} (32 bytes). */
    Salsa20Stream(byte[] key) {
        keyState(key, state);
    }

    /**
     * Lays out the Salsa20 input words of a 32-byte {@code key} in {@code state}: the constants on the diagonal and the
     * key around them; words 6..9 (nonce and counter, or HSalsa20's input) are left to the caller.
     */
    static void keyState(byte[] key, int[] state) {
        for (int i = 0; i < 4; i++) {
            state[i * 5] = SIGMA[i];
            state[1 + i] = littleEndian(key, i * 4);
            state[11 + i] = littleEndian(key, 16 + i * 4);
        }
    }

    /** The little-endian word at {@code offset} of {@code bytes}. */
    static int littleEndian(byte[] bytes, int offset) {
        return (int) INTS.get(bytes, offset);
    }

    /**
     * Starts the stream for {@code nonce} (8 bytes) at block 0, writes the Poly1305 key (block 0's first 32 bytes)
     * to {@code polyKey}, and XORs {@code length} bytes of {@code in} into {@code out} from block 0's byte 32 on.
     */
    void crypt(byte[] nonce, byte[] polyKey, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        state[6] = littleEndian(nonce, 0);
        state[7] = littleEndian(nonce, 4);
        long counter = 0;
        nextBlock(counter++);
        for (int i = 0; i < 8; i++) {
            INTS.set(polyKey, i * 4, block[i]);
        }
        int head = Math.min(32, length);
        xor(in, inOffset, out, outOffset, head, 8);
        int done = head;
        while (done < length) {
            nextBlock(counter++);
            int n = Math.min(64, length - done);
            xor(in, inOffset + done, out, outOffset + done, n, 0);
            done += n;
        }
    }

    private void nextBlock(long counter) {
        state[8] = (int) counter;
        state[9] = (int) (counter >>> 32);
        Salsa20Engine.salsaCore(20, state, block);
    }

    /** XORs {@code n} bytes with the current block from its word {@code fromWord}; whole words first. */
    private void xor(byte[] in, int inOffset, byte[] out, int outOffset, int n, int fromWord) {
        int words = n >>> 2;
        for (int w = 0; w < words; w++) {
            INTS.set(out, outOffset + w * 4, (int) INTS.get(in, inOffset + w * 4) ^ block[fromWord + w]);
        }
        for (int b = words * 4; b < n; b++) {
            int word = block[fromWord + (b >>> 2)];
            out[outOffset + b] = (byte) (in[inOffset + b] ^ (word >>> ((b & 3) * 8)));
        }
    }
}
