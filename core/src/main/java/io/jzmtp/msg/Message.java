package io.jzmtp.msg;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A ZeroMQ message: one or more {@link Frame}s delivered atomically (all or none).
 *
 * <p><b>Ownership.</b> A message owns its frames. Sending a message hands it, with its frames, to the socket: the
 * caller must not touch it afterwards. A message returned by a receive call belongs to the caller, who must
 * {@link #close()} it (try-with-resources) or hand it on; closing releases every frame. A send that reports
 * "would block" (returns {@code false}) leaves the message with the caller.
 *
 * <p>Not thread-safe: a message is used by one thread at a time.
 */
public final class Message implements AutoCloseable {

    private static final Frame[] NO_FRAMES = new Frame[0];

    // The first frame is a field of its own: a one-frame message, the usual case, needs no array.
    private Frame first;
    private Frame[] rest;
    private int count;
    private Metadata metadata = Metadata.EMPTY;
    private boolean subscriptionControl;

    /** An empty message, owned by the caller, to be filled with {@link #add(Frame)}; sending it needs a frame. */
    public Message() {
        this.rest = NO_FRAMES;
    }

    private Message(Frame first) {
        this.first = first;
        this.rest = NO_FRAMES;
        this.count = 1;
    }

    /** A message of {@code frames}, which it takes as its own array (the caller keeps no reference). */
    private Message(Frame[] frames) {
        this.count = frames.length;
        this.first = count > 0 ? frames[0] : null;
        this.rest = count > 1 ? Arrays.copyOfRange(frames, 1, count) : NO_FRAMES;
    }

    /** A message of the given frames; it takes ownership of them. */
    public static Message of(Frame... frames) {
        for (Frame f : frames) {
            Objects.requireNonNull(f, "frame");
        }
        return new Message(frames);
    }

    /** A single-frame message holding {@code frame}; it takes ownership of it. */
    public static Message of(Frame frame) {
        return new Message(Objects.requireNonNull(frame, "frame"));
    }

    /** A single-frame message holding {@code text} as UTF-8, owned by the caller. */
    public static Message of(String text) {
        return new Message(Frame.of(text));
    }

    /** A message with one UTF-8 frame per string, owned by the caller. */
    public static Message of(String... texts) {
        Message m = new Message();
        for (String t : texts) {
            m.add(Frame.of(t));
        }
        return m;
    }

    /** A single-frame message, owned by the caller, wrapping {@code bytes} (not copied: do not change them). */
    public static Message of(byte[] bytes) {
        return new Message(Frame.of(bytes));
    }

    /** A message, owned by the caller, with one frame per array; the arrays are wrapped, not copied. */
    public static Message of(byte[]... parts) {
        Message m = new Message();
        for (byte[] p : parts) {
            m.add(Frame.of(p));
        }
        return m;
    }

    /**
     * A subscription request as SUB and XSUB send it when (re)connecting: one frame {@code [1][prefix]}
     * (subscribe) or {@code [0][prefix]} (cancel). On the wire it becomes a SUBSCRIBE or CANCEL command for a ZMTP
     * 3.1 peer and stays this message for a 3.0 peer, as libzmq does. The caller owns the new message.
     */
    public static Message subscription(boolean subscribe, byte[] prefix) {
        Message m = new Message(Frame.of(SubscriptionMessages.body(subscribe, prefix)));
        m.subscriptionControl = true;
        return m;
    }

    /** Whether this message was made by {@link #subscription}. */
    public boolean isSubscriptionControl() {
        return subscriptionControl;
    }

    /** A new message sharing this message's frames, holding its own references (fan-out without copying). */
    public Message retainedDuplicate() {
        Message m = new Message();
        for (int i = 0; i < count; i++) {
            m.add(frame(i).retainedDuplicate());
        }
        m.metadata = metadata;
        m.subscriptionControl = subscriptionControl;
        return m;
    }

    /** Number of frames. */
    public int size() {
        return count;
    }

    /** Whether the message has no frames. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** Total payload bytes over all frames. */
    public long byteSize() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += frame(i).size();
        }
        return n;
    }

    /** The frame at {@code index}, still owned by this message. */
    public Frame frame(int index) {
        Objects.checkIndex(index, count);
        return index == 0 ? first : rest[index - 1];
    }

    /** The first frame, still owned by this message. */
    public Frame first() {
        if (count == 0) {
            throw new NoSuchElementException("message has no frames");
        }
        return first;
    }

    /** Appends {@code frame}; the message takes ownership of it. Returns this message. */
    public Message add(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        if (count == 0) {
            first = frame;
        } else {
            ensureRest(count);
            rest[count - 1] = frame;
        }
        count++;
        return this;
    }

    /** Appends a UTF-8 frame. Returns this message (ownership does not change). */
    public Message add(String text) {
        return add(Frame.of(text));
    }

    /** Appends a frame wrapping {@code bytes}. Returns this message (ownership does not change). */
    public Message add(byte[] bytes) {
        return add(Frame.of(bytes));
    }

    /** Inserts {@code frame} before the first frame (envelopes); the message takes ownership of it. */
    public Message push(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        if (count > 0) {
            ensureRest(count);
            System.arraycopy(rest, 0, rest, 1, count - 1);
            rest[0] = first;
        }
        first = frame;
        count++;
        return this;
    }

    /** Removes and returns the first frame; the caller owns it. */
    public Frame pop() {
        Frame f = first();
        if (count > 1) {
            first = rest[0];
            System.arraycopy(rest, 1, rest, 0, count - 2);
            rest[count - 2] = null;
        } else {
            first = null;
        }
        count--;
        return f;
    }

    /**
     * The properties of the connection this message arrived on (peer socket type, identity, address, and any
     * application properties), or {@link Metadata#EMPTY} for a message that was not received.
     */
    public Metadata metadata() {
        return metadata;
    }

    /** Attaches the connection's metadata (used by the engine on receive); returns this message, owned as before. */
    public Message metadata(Metadata metadata) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        return this;
    }

    /** Releases every frame. Idempotent. */
    @Override
    public void close() {
        for (int i = 0; i < count; i++) {
            frame(i).release();
        }
        first = null;
        Arrays.fill(rest, 0, Math.max(0, count - 1), null);
        count = 0;
    }

    /** Room for {@code needed} frames after the first. */
    private void ensureRest(int needed) {
        if (needed > rest.length) {
            rest = Arrays.copyOf(rest, Math.max(needed, Math.max(4, rest.length * 2)));
        }
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "Message[", "]");
        for (int i = 0; i < count; i++) {
            Frame f = frame(i);
            j.add(printable(f) ? '"' + f.toUtf8() + '"' : f.toString());
        }
        return j.toString();
    }

    private static boolean printable(Frame f) {
        if (f.size() > 64) {
            return false;
        }
        byte[] b = f.toBytes();
        for (byte x : b) {
            if (x < 0x20 || x > 0x7e) {
                return false;
            }
        }
        return new String(b, StandardCharsets.US_ASCII).indexOf('"') < 0;
    }
}
