package io.jzmtp.mechanism;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The crypto_box pieces built from BouncyCastle against libsodium's output (the library libzmq's CURVE uses),
 * computed with libsodium 1.0.18 for RFC 7748's X25519 keys of Alice and Bob.
 */
class NaclBoxTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ALICE_SECRET = HEX.parseHex(
            "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final byte[] BOB_PUBLIC = HEX.parseHex(
            "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    /** {@code crypto_box_beforenm(bob_public, alice_secret)}. */
    private static final byte[] SHARED = HEX.parseHex(
            "1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");

    @Test
    void theSharedKeyIsCryptoBoxBeforenm() {
        assertArrayEquals(SHARED, NaclBox.sharedKey(ALICE_SECRET, BOB_PUBLIC));
    }

    /** {@code crypto_box_afternm} of flags 01 + "hello world" under nonce "CurveZMQMESSAGEC" + 3, MAC first. */
    @Test
    void aSealedMessageIsLibsodiumsBox() {
        byte[] nonce = CurveNonce.shortNonce(CurveNonce.MESSAGE_FROM_CLIENT, 3);
        byte[] plain = concat(new byte[] {1}, "hello world".getBytes(StandardCharsets.US_ASCII));
        byte[] expected = HEX.parseHex("67d9eeda7345b4a14447967912565f8799fb82f7753a9c123f5b4d87");
        assertArrayEquals(expected, SecretBox.seal(SHARED, nonce, plain));
        assertArrayEquals(plain, SecretBox.open(SHARED, nonce, expected, 0, expected.length));
    }

    @Test
    void aBoxDoesNotOpenUnderAnotherNonceOrWhenAnyBitChanges() {
        byte[] nonce = CurveNonce.shortNonce(CurveNonce.MESSAGE_FROM_CLIENT, 3);
        byte[] box = SecretBox.seal(SHARED, nonce, "payload".getBytes(StandardCharsets.US_ASCII));
        assertNull(SecretBox.open(SHARED, CurveNonce.shortNonce(CurveNonce.MESSAGE_FROM_CLIENT, 4), box, 0,
                box.length));
        for (int bit = 0; bit < box.length * 8; bit++) {
            byte[] damaged = box.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            assertNull(SecretBox.open(SHARED, nonce, damaged, 0, damaged.length), "bit " + bit);
        }
        assertNull(SecretBox.open(SHARED, nonce, box, 0, 15), "shorter than a MAC");
    }

    /**
     * libsodium, when it loads, gives the same boxes as the Java implementation at every size around the switch-over,
     * and each opens the other's; on CI (Debian's libzmq brings libsodium) it must load.
     */
    @Test
    void libsodiumAndJavaBoxesAreTheSame() {
        if ("true".equals(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.assertTrue(Libsodium.isAvailable(),
                    "libsodium did not load: " + Libsodium.unavailableReason());
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Libsodium.isAvailable(), "no libsodium here");
        byte[] prefix = CurveNonce.MESSAGE_FROM_SERVER;
        SecretBox java = new JavaSecretBox(SHARED, prefix);
        SecretBox sodium = SecretBox.create(SHARED, prefix);
        java.util.Random random = new java.util.Random(7);
        for (int size : new int[] {0, 1, 63, 64, 1023, 1024, 1025, 4096, 65_536, 200_001}) {
            byte[] plain = new byte[size];
            random.nextBytes(plain);
            byte[] suffix = new byte[8];
            random.nextBytes(suffix);
            byte[] a = new byte[size + 16];
            byte[] b = new byte[size + 16];
            java.seal(suffix, plain, 0, size, a, 0);
            sodium.seal(suffix, plain, 0, size, b, 0);
            assertArrayEquals(a, b, "size " + size);
            byte[] opened = new byte[size];
            org.junit.jupiter.api.Assertions.assertTrue(sodium.open(suffix, a, 0, a.length, opened, 0));
            assertArrayEquals(plain, opened, "size " + size);
            a[a.length - 1] ^= 1;
            org.junit.jupiter.api.Assertions.assertFalse(sodium.open(suffix, a, 0, a.length, opened, 0));
            org.junit.jupiter.api.Assertions.assertFalse(java.open(suffix, a, 0, a.length, opened, 0));
        }
    }

    @Test
    void aLowOrderPublicKeyIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(io.jzmtp.wire.ZmtpProtocolException.class,
                () -> NaclBox.sharedKey(ALICE_SECRET, new byte[32]));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
