package org.zeromq;

import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tree of named values in the ZeroMQ Property Language (ZPL, RFC 4), the format of CZMQ's configuration files
 * and certificates: one name per line, four spaces of indent per level, {@code name = "value"} for a value.
 * Paths name nodes from this one down, e.g. {@code curve/public-key}. Not thread-safe.
 *
 * <p>As in JeroMQ, children are kept in a hash map, so {@link #save} writes siblings in hash order (the same order
 * JeroMQ writes them in); lines that start with a digit are skipped by {@link #load}, and a value line may not have
 * children. Differs from JeroMQ: {@code load} also accepts {@code name=value} without spaces around {@code =}, files
 * are read and written in UTF-8 whatever the platform charset, and saving to a bare file name works.
 */
public class ZConfig {

    /** A ZPL name: the characters RFC 4 allows. */
    private static final Pattern NAME = Pattern.compile("^( *)([0-9a-zA-Z$\\-_@.&+/]+)");
    private static final Pattern CONTAINER_REST = Pattern.compile("^ *(#.*)?$");
    private static final Pattern VALUE_REST = Pattern.compile("^ *= *(.*)$");
    private static final Pattern IGNORED = Pattern.compile("^ *#.*|^ *[0-9]+.*");

    private final String name;
    private final Map<String, ZConfig> children = new HashMap<>();
    private final List<String> comments = new ArrayList<>();
    private String value;

    /** A node named {@code name}, added as a child of {@code parent} unless that is null (a root). */
    public ZConfig(String name, ZConfig parent) {
        this.name = name;
        if (parent != null) {
            parent.children.put(name, this);
        }
    }

    /** The direct child named {@code name}, or null. */
    public ZConfig getChild(String name) {
        return children.get(name);
    }

    /** Every value under this node (not its own), keyed by path relative to it, e.g. {@code curve/public-key}. */
    public Map<String, String> getValues() {
        Map<String, String> values = new HashMap<>();
        collect("", values);
        return values;
    }

    private void collect(String prefix, Map<String, String> values) {
        children.forEach((key, child) -> {
            if (child.value != null) {
                values.put(prefix + key, child.value);
            }
            child.collect(prefix + key + '/', values);
        });
    }

    /** This node's name. */
    public String getName() {
        return name;
    }

    /** The value at {@code path}, or null. */
    public String getValue(String path) {
        return getValue(path, null);
    }

    /** The value at {@code path}; {@code defaultValue} only when no node is there (a valueless node gives null). */
    public String getValue(String path, String defaultValue) {
        ZConfig node = find(path);
        return node == null ? defaultValue : node.value;
    }

    /** Whether a node (with or without a value) exists at {@code path}. */
    public boolean pathExists(String path) {
        return find(path) != null;
    }

    private ZConfig find(String path) {
        ZConfig current = this;
        for (String element : path.split("/")) {
            if (!element.isEmpty()) {
                current = current.children.get(element);
                if (current == null) {
                    return null;
                }
            }
        }
        return current;
    }

    /** Adds a comment line, written before this node by {@link #save}. */
    public void addComment(String comment) {
        comments.add(comment);
    }

    /** Sets the value at {@code path}, creating the nodes on the way; returns the node that holds it. */
    public ZConfig putValue(String path, String value) {
        ZConfig current = this;
        for (String element : path.split("/")) {
            if (!element.isEmpty()) {
                ZConfig next = current.children.get(element);
                current = next != null ? next : new ZConfig(element, current);
            }
        }
        current.value = value;
        return current;
    }

    /** Copies every value of {@code src} (see {@link #getValues()}) to the same paths under this node. */
    public void putValues(ZConfig src) {
        src.getValues().forEach(this::putValue);
    }

    /**
     * Writes the tree to {@code filename}, replacing the file and creating its directory; {@code "-"} writes to
     * standard output and returns null.
     */
    public File save(String filename) throws IOException {
        if ("-".equals(filename)) {
            PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            save(out);
            out.flush();   // not closed: standard output stays usable
            return null;
        }
        File file = new File(filename);
        File dir = file.getAbsoluteFile().getParentFile();
        if (dir != null) {
            Files.createDirectories(dir.toPath());
        }
        try (Writer writer = Files.newBufferedWriter(file.toPath(), StandardCharsets.UTF_8)) {
            save(writer);
        }
        return file;
    }

    /** Writes the tree in ZPL to {@code writer}: comments as {@code # text}, values as {@code name = "value"}. */
    public void save(Writer writer) throws IOException {
        write(writer, 0);
    }

    private void write(Writer writer, int level) throws IOException {
        if (!comments.isEmpty()) {
            for (String comment : comments) {
                writer.append("# ").append(comment).append('\n');
            }
            writer.append('\n');
        }
        if (level > 0) {
            writer.append(" ".repeat((level - 1) * 4)).append(name);
            if (value != null) {
                writer.append(" = \"").append(value).append('"');
            }
            writer.append('\n');
        }
        for (ZConfig child : children.values()) {
            child.write(writer, level + 1);
        }
    }

    /**
     * Reads the ZPL file {@code filename} into a tree under a root named {@code root}.
     *
     * @throws ReadException for a line that is not ZPL or is indented deeper than its parent allows
     */
    public static ZConfig load(String filename) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(filename), StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !IGNORED.matcher(line).matches()) {
                lines.add(line);
            }
        }
        ZConfig root = new ZConfig("root", null);
        // path.get(level) is the node whose children sit at that level; a value line opens no new level
        List<ZConfig> path = new ArrayList<>(List.of(root));
        AtomicInteger number = new AtomicInteger();
        for (; number.get() < lines.size(); number.incrementAndGet()) {
            String line = lines.get(number.get());
            Matcher m = NAME.matcher(line);
            if (!m.find()) {
                throw new ReadException("Couldn't process line", line, number);
            }
            int level = m.group(1).length() / 4;
            String rest = line.substring(m.end());
            boolean container = CONTAINER_REST.matcher(rest).matches();
            Matcher valued = VALUE_REST.matcher(rest);
            if (!container && !valued.matches()) {
                throw new ReadException("Couldn't process line", line, number);
            }
            if (level >= path.size()) {
                throw new ReadException("Level mismatch in line", line, number);
            }
            path.subList(level + 1, path.size()).clear();
            ZConfig node = new ZConfig(m.group(2), path.get(level));
            if (container) {
                path.add(node);
            } else {
                node.value = unquote(valued.group(1));
            }
        }
        return root;
    }

    /** A value as written: quoted ("..." or '...') up to its last closing quote, else up to a comment. */
    private static String unquote(String text) {
        if (!text.isEmpty() && (text.charAt(0) == '"' || text.charAt(0) == '\'')) {
            char quote = text.charAt(0);
            for (int end = text.length() - 1; end > 0; end--) {
                if (text.charAt(end) == quote && CONTAINER_REST.matcher(text.substring(end + 1)).matches()) {
                    return text.substring(1, end).trim();
                }
            }
        }
        int comment = text.indexOf('#');
        return (comment < 0 ? text : text.substring(0, comment)).trim();
    }

    /** A line of a ZPL file that {@link #load} cannot read; says which line (counting only lines that matter). */
    public static class ReadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The index of the line among the file's non-blank, non-comment lines. */
        public final int currentLineNumber;
        /** The text of the line. */
        public final String currentLine;

        /** A failure to read {@code currentLine}, the line numbered {@code currentLineNumber}. */
        public ReadException(String message, String currentLine, AtomicInteger currentLineNumber) {
            super(message + " " + currentLineNumber + ": " + currentLine);
            this.currentLine = currentLine;
            this.currentLineNumber = currentLineNumber.get();
        }
    }
}
