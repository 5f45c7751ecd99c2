package io.jzmtp.security;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Z85 and key pairs against the values libzmq 4.3.4 gives (ZMTP.md §13.6, security.json "z85_and_keys"). */
class Z85Test {

    private static final byte[] SECRET_0_TO_31 = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            SECRET_0_TO_31[i] = (byte) i;
        }
    }

    @Test
    void encodesAndDecodesRfc32sVector() {
        byte[] data = HexFormat.of().parseHex("864fd26fb559f75b");
        assertEquals("HelloWorld", Z85.encode(data));
        assertArrayEquals(data, Z85.decode("HelloWorld"));
    }

    @Test
    void aSecretKeyAndItsPublicKeyMatchLibzmq() {
        assertEquals("009c61o!#m2NH?C3>iWS5d]J*6CRx17-skh9337x", Z85.encode(SECRET_0_TO_31));
        CurveKeyPair pair = CurveKeyPair.fromSecretKey(SECRET_0_TO_31);
        assertEquals("K3HW^WVq.zo69t)(umF>:XvwTj:QGN^yKlWaVH(S", pair.publicKeyZ85());
        assertArrayEquals(HexFormat.of().parseHex("8f40c5adb68f25624ae5b214ea767a6ec94d829d3d7b5e1ad1ba6f3e2138285f"),
                pair.publicKey());
        assertEquals(pair.publicKeyZ85(), CurveKeyPair.fromSecretKey("009c61o!#m2NH?C3>iWS5d]J*6CRx17-skh9337x")
                .publicKeyZ85());
    }

    @Test
    void everyByteValueRoundTrips() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        assertArrayEquals(all, Z85.decode(Z85.encode(all)));
    }

    @Test
    void badInputIsRefusedWithItsReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Z85.encode(new byte[3])).getMessage()
                .contains("multiple of 4"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Z85.decode("Hell")).getMessage()
                .contains("multiple of 5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Z85.decode("Hell\"")).getMessage()
                .contains("'\"' at position 4"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Z85.decode("#####")).getMessage()
                .contains("larger than 4 bytes"));
    }

    @Test
    void keysAreTakenAs32Bytes40CharactersOr41WithANul() {
        String z85 = "K3HW^WVq.zo69t)(umF>:XvwTj:QGN^yKlWaVH(S";
        byte[] raw = Z85.decode(z85);
        assertArrayEquals(raw, CurveKeyPair.key(raw, "k"));
        assertArrayEquals(raw, CurveKeyPair.key(z85.getBytes(), "k"));
        assertArrayEquals(raw, CurveKeyPair.key((z85 + "\0").getBytes(), "k"));
        assertArrayEquals(raw, CurveKeyPair.key(z85, "k"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CurveKeyPair.key(z85.substring(1).getBytes(), "CURVE_SERVERKEY"));
        assertEquals("CURVE_SERVERKEY must be 32 bytes or 40 Z85 characters, not 39 bytes", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CurveKeyPair.key(z85.substring(1), "K"))
                .getMessage().contains("40 characters, not 39"));
    }

    @Test
    void aPairShowsItsPublicKeyOnlyAndCanBeDestroyed() {
        CurveKeyPair pair = CurveKeyPair.generate();
        assertEquals(40, pair.secretKeyZ85().length());
        assertTrue(pair.toString().contains(pair.publicKeyZ85()));
        assertTrue(!pair.toString().contains(pair.secretKeyZ85()), "no secret in toString");
        assertNotEquals(pair.publicKeyZ85(), CurveKeyPair.generate().publicKeyZ85());
        pair.destroy();
        assertArrayEquals(new byte[32], pair.secretKey());
    }
}
