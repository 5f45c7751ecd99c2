package io.jzmtp.wire;

import io.jzmtp.msg.Metadata;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A ZMTP 3.x command (ZMTP.md §4): one frame with the COMMAND flag whose body is a length-prefixed name followed by
 * command data. {@link CommandCodec} reads and writes them.
 */
public sealed interface Command {

    /** The command's name as it appears on the wire. */
    String name();

    /** READY: the last NULL (and PLAIN/CURVE) handshake command, carrying the sender's metadata (RFC 37). */
    record Ready(Metadata metadata) implements Command {
        public Ready {
            Objects.requireNonNull(metadata, "metadata");
        }

        @Override
        public String name() {
            return "READY";
        }
    }

    /** ERROR: the sender refuses the connection and will close it; the reason is at most 255 bytes. */
    record Error(String reason) implements Command {
        /** Largest reason the one-byte length can carry. */
        public static final int MAX_REASON_LENGTH = 255;

        public Error {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String name() {
            return "ERROR";
        }
    }

    /** SUBSCRIBE (ZMTP 3.1): the sender wants messages whose first frame starts with {@code topic}. */
    record Subscribe(byte[] topic) implements Command {
        public Subscribe {
            topic = topic.clone();
        }

        @Override
        public byte[] topic() {
            return topic.clone();
        }

        @Override
        public String name() {
            return "SUBSCRIBE";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Subscribe s && Arrays.equals(s.topic, topic);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(topic);
        }

        @Override
        public String toString() {
            return "Subscribe[" + new String(topic, StandardCharsets.UTF_8) + "]";
        }
    }

    /** CANCEL (ZMTP 3.1): withdraws one SUBSCRIBE of {@code topic}. */
    record Cancel(byte[] topic) implements Command {
        public Cancel {
            topic = topic.clone();
        }

        @Override
        public byte[] topic() {
            return topic.clone();
        }

        @Override
        public String name() {
            return "CANCEL";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cancel c && Arrays.equals(c.topic, topic);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(topic);
        }

        @Override
        public String toString() {
            return "Cancel[" + new String(topic, StandardCharsets.UTF_8) + "]";
        }
    }

    /**
     * PING (ZMTP 3.1 heartbeat): {@code ttlDeciseconds} tells the receiver to drop the connection if it hears nothing
     * for that long (0 = no limit); the context (at most 16 bytes are echoed) comes back in the PONG.
     */
    record Ping(int ttlDeciseconds, byte[] context) implements Command {
        /** How many context bytes a PONG echoes (ZMTP.md §10). */
        public static final int MAX_ECHOED_CONTEXT = 16;

        public Ping {
            if (ttlDeciseconds < 0 || ttlDeciseconds > 0xffff) {
                throw new IllegalArgumentException("PING TTL must fit 16 bits: " + ttlDeciseconds);
            }
            context = context.clone();
        }

        @Override
        public byte[] context() {
            return context.clone();
        }

        @Override
        public String name() {
            return "PING";
        }

        /** The PONG that answers this PING: the context truncated to 16 bytes. */
        public Pong answer() {
            return new Pong(Arrays.copyOf(context, Math.min(context.length, MAX_ECHOED_CONTEXT)));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ping p && p.ttlDeciseconds == ttlDeciseconds && Arrays.equals(p.context, context);
        }

        @Override
        public int hashCode() {
            return ttlDeciseconds * 31 + Arrays.hashCode(context);
        }

        @Override
        public String toString() {
            return "Ping[ttl=" + ttlDeciseconds + "ds, context=" + context.length + " B]";
        }
    }

    /** PONG (ZMTP 3.1): the answer to a PING, echoing its context. */
    record Pong(byte[] context) implements Command {
        public Pong {
            context = context.clone();
        }

        @Override
        public byte[] context() {
            return context.clone();
        }

        @Override
        public String name() {
            return "PONG";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pong p && Arrays.equals(p.context, context);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(context);
        }

        @Override
        public String toString() {
            return "Pong[context=" + context.length + " B]";
        }
    }

    /**
     * A well-formed command this codec has no record for, kept whole: its name and the data after it. Security
     * mechanisms read their own commands from it (HELLO, WELCOME, INITIATE, MESSAGE) and write theirs with it; after
     * the handshake an unknown command is ignored, as libzmq does (ZMTP.md §4).
     *
     * @param name the command name, 1..255 ASCII characters
     * @param data the bytes after the name
     */
    record Unknown(String name, byte[] data) implements Command {
        /** Checks the name and copies the data. */
        public Unknown {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.length() > 255) {
                throw new IllegalArgumentException("a command name has 1 to 255 characters: '" + name + "'");
            }
            data = data.clone();
        }

        /** A command with no data. */
        public Unknown(String name) {
            this(name, new byte[0]);
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.name.equals(name) && Arrays.equals(u.data, data);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Unknown[" + name + ", " + data.length + " bytes]";
        }
    }
}
