package io.jzmtp.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Golden byte vectors captured from libzmq 4.3.4, read from {@code libzmq-4.3.4-null.vectors} next to this class (a
 * copy of {@code shared/spec/vectors/null.json} in {@code name: hex} lines, so tests need nothing outside the module),
 * plus small byte helpers for tests.
 */
public final class Vectors {

    private static final String RESOURCE = "libzmq-4.3.4-null.vectors";
    private static final Map<String, byte[]> VECTORS = load();

    private Vectors() {
    }

    /** The captured bytes called {@code name}; fails loudly when there is no such vector. */
    public static byte[] get(String name) {
        byte[] v = VECTORS.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no vector '" + name + "' in " + RESOURCE);
        }
        return v.clone();
    }

    /** Bytes from hex text; spaces are ignored. */
    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** Lower-case hex of {@code bytes}, for assertion messages. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The concatenation of {@code parts}. */
    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** {@code count} copies of {@code b}. */
    public static byte[] repeat(char b, int count) {
        byte[] r = new byte[count];
        Arrays.fill(r, (byte) b);
        return r;
    }

    /** The ASCII bytes of {@code s}. */
    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The body of the single frame {@code frame} (its header stripped; the frame must be exactly one frame). */
    public static byte[] body(byte[] frame) {
        boolean isLong = (frame[0] & FrameHeader.FLAG_LONG) != 0;
        int header = isLong ? 9 : 2;
        long size = isLong ? ByteBuffer.wrap(frame, 1, 8).getLong() : frame[1] & 0xff;
        if (header + size != frame.length) {
            throw new IllegalArgumentException("not exactly one frame: " + hex(frame));
        }
        return Arrays.copyOfRange(frame, header, frame.length);
    }

    private static Map<String, byte[]> load() {
        Map<String, byte[]> map = new HashMap<>();
        try (InputStream in = Vectors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).strip();
                if (map.put(name, hex(line.substring(colon + 1).strip())) != null) {
                    throw new IllegalStateException("duplicate vector " + name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }
}
