package io.jzmtp.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Just enough JSON for the PAIR examples ({@link PairJson}, {@link PairFilter}): one flat object whose values are
 * integers or strings, written and read by hand because the examples take no dependencies. Anything else (nesting,
 * arrays, fractions, booleans, duplicate keys, trailing text) is rejected with an {@link IllegalArgumentException}
 * that names the problem, so a garbled message fails an example instead of slipping through.
 */
final class FlatJson {

    private final String text;
    private int pos;

    private FlatJson(String text) {
        this.text = text;
    }

    /** Writes {@code fields} as a JSON object, in iteration order; values must be {@link Long}, Integer or String. */
    static String write(Map<String, ?> fields) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            quote(sb, e.getKey()).append(':');
            Object v = e.getValue();
            if (v instanceof Long || v instanceof Integer) {
                sb.append(v);
            } else if (v instanceof String s) {
                quote(sb, s);
            } else {
                throw new IllegalArgumentException("not a flat JSON value: " + v);
            }
        }
        return sb.append('}').toString();
    }

    /** Parses one flat object; values come back as {@link Long} or {@link String}, keys in their order. */
    static Map<String, Object> parse(String json) {
        FlatJson p = new FlatJson(json);
        Map<String, Object> fields = new LinkedHashMap<>();
        p.expect('{');
        if (p.peek() == '}') {
            p.pos++;
        } else {
            do {
                String key = p.string();
                p.expect(':');
                Object value = p.peek() == '"' ? p.string() : p.number();
                if (fields.put(key, value) != null) {
                    throw p.error("duplicate key \"" + key + "\"");
                }
            } while (p.comma());
            p.expect('}');
        }
        if (p.peek() != 0) {
            throw p.error("trailing text");
        }
        return fields;
    }

    /** The integer {@code key} of a parsed object. */
    static long number(Map<String, Object> fields, String key) {
        if (fields.get(key) instanceof Long n) {
            return n;
        }
        throw new IllegalArgumentException("no number \"" + key + "\" in " + fields);
    }

    /** The string {@code key} of a parsed object. */
    static String text(Map<String, Object> fields, String key) {
        if (fields.get(key) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("no string \"" + key + "\" in " + fields);
    }

    private static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"');
    }

    /** The next non-blank character without consuming it, or 0 at the end. */
    private char peek() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private boolean comma() {
        if (peek() == ',') {
            pos++;
            return true;
        }
        return false;
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            sb.append(c == '\\' ? escape() : c);
        }
        throw error("unterminated string");
    }

    private char escape() {
        char c = pos < text.length() ? text.charAt(pos++) : 0;
        switch (c) {
            case '"', '\\', '/':
                return c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (pos + 4 <= text.length()) {
                    pos += 4;
                    return (char) Integer.parseInt(text, pos - 4, pos, 16);
                }
                throw error("short \\u escape");
            default:
                throw error("bad escape");
        }
    }

    /** An integer; fractions and exponents are not part of this flat dialect. */
    private Long number() {
        peek();
        int start = pos;
        if (pos < text.length() && text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        try {
            return Long.parseLong(text, start, pos, 10);
        } catch (NumberFormatException e) {
            throw error("expected an integer or a string");
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("bad JSON at " + pos + " (" + problem + "): " + text);
    }
}
