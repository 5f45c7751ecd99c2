package org.zeromq;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.Objects;
import java.util.stream.Collectors;

import zmq.util.function.Consumer;

/**
 * A multipart message as a {@link Deque} of {@link ZFrame}s. {@link #send(ZMQ.Socket)} sends every frame and then
 * clears the message (use {@code send(socket, false)} or {@link #duplicate()} to keep it); it returns false rather
 * than throwing. {@link #recvMsg(ZMQ.Socket)} throws on ETERM and EINTR, as in JeroMQ.
 */
// Over the house size limit: the Deque contract alone is 30 methods, each a one-line delegation.
public class ZMsg implements Iterable<ZFrame>, Deque<ZFrame> {

    private final ArrayDeque<ZFrame> frames = new ArrayDeque<>();

    /** An empty message. */
    public ZMsg() {
    }

    /** A message of one UTF-8 frame per string. */
    public static ZMsg newStringMsg(String... strings) {
        ZMsg msg = new ZMsg();
        for (String s : strings) {
            msg.addString(s);
        }
        return msg;
    }

    /** The next whole message, waiting for it; null on EAGAIN (receive timeout). */
    public static ZMsg recvMsg(ZMQ.Socket socket) {
        return recvMsg(socket, 0);
    }

    /** The next whole message, waiting for it only when {@code wait}; null on EAGAIN. */
    public static ZMsg recvMsg(ZMQ.Socket socket, boolean wait) {
        return recvMsg(socket, wait ? 0 : ZMQ.DONTWAIT);
    }

    /**
     * The next whole message; null on EAGAIN. The flags apply to the first frame; the rest of a message are there
     * already, since messages are atomic.
     *
     * @throws ZMQException on ETERM, EINTR and the other failures
     */
    public static ZMsg recvMsg(ZMQ.Socket socket, int flags) {
        if (socket == null) {
            throw new IllegalArgumentException("socket is null");
        }
        ZMsg msg = new ZMsg();
        while (true) {
            ZFrame frame = ZFrame.recvFrame(socket, flags);
            if (frame == null) {
                return null;
            }
            msg.add(frame);
            if (!frame.hasMore()) {
                return msg;
            }
        }
    }

    /** Receives a message and hands it to {@code handler}; a failure goes to {@code exceptionHandler}. */
    public static void recvMsg(ZMQ.Socket socket, int flags, Consumer<ZMsg> handler,
            Consumer<ZMQException> exceptionHandler) {
        try {
            handler.accept(recvMsg(socket, flags));
        } catch (ZMQException e) {
            exceptionHandler.accept(e);
        }
    }

    /** Receives a message and hands it to {@code handler}; a failure is thrown. */
    public static void recvMsg(ZMQ.Socket socket, int flags, Consumer<ZMsg> handler) {
        handler.accept(recvMsg(socket, flags));
    }

    /** Sends every frame, then clears the message; false (and cleared) if a frame could not be sent. */
    public boolean send(ZMQ.Socket socket) {
        return send(socket, true);
    }

    /** Sends every frame; clears the message afterwards when {@code destroy}; false if a frame could not be sent. */
    public boolean send(ZMQ.Socket socket, boolean destroy) {
        if (socket == null) {
            throw new IllegalArgumentException("socket is null");
        }
        boolean sent = true;
        Iterator<ZFrame> i = frames.iterator();
        while (sent && i.hasNext()) {
            ZFrame frame = i.next();
            sent = frame.send(socket, i.hasNext() ? ZFrame.MORE : 0);
        }
        if (destroy) {
            destroy();
        }
        return sent;
    }

    /** Writes the frame count, then each frame's size and bytes; false on an I/O error. */
    public static boolean save(ZMsg msg, DataOutputStream file) {
        if (msg == null) {
            return false;
        }
        try {
            file.writeInt(msg.size());
            for (ZFrame f : msg) {
                file.writeInt(f.size());
                file.write(f.hasData() ? f.getData() : new byte[0]);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads a message written by {@link #save}; null on an I/O error. */
    public static ZMsg load(DataInputStream file) {
        if (file == null) {
            return null;
        }
        try {
            ZMsg msg = new ZMsg();
            int count = file.readInt();
            for (int i = 0; i < count; i++) {
                byte[] data = new byte[file.readInt()];
                file.readFully(data);
                msg.add(new ZFrame(data));
            }
            return msg;
        } catch (IOException e) {
            return null;
        }
    }

    /** Removes every frame. */
    public void destroy() {
        frames.clear();
    }

    /** Total bytes of the frames. */
    public long contentSize() {
        long size = 0;
        for (ZFrame f : frames) {
            size += f.size();
        }
        return size;
    }

    /** Appends a UTF-8 frame of {@code s}; returns this message. */
    public ZMsg addString(String s) {
        frames.add(new ZFrame(s));
        return this;
    }

    /** A deep copy; null for an empty message, as in JeroMQ. */
    public ZMsg duplicate() {
        if (frames.isEmpty()) {
            return null;
        }
        ZMsg copy = new ZMsg();
        frames.forEach(f -> copy.add(f.duplicate()));
        return copy;
    }

    /** Pushes {@code frame} and an empty delimiter in front: an envelope for ROUTER routing. */
    public ZMsg wrap(ZFrame frame) {
        if (frame != null) {
            push(new ZFrame(""));
            push(frame);
        }
        return this;
    }

    /** Pops the first frame, and the empty delimiter after it if there is one. */
    public ZFrame unwrap() {
        if (frames.isEmpty()) {
            return null;
        }
        ZFrame first = pop();
        ZFrame next = frames.peekFirst();
        if (next != null && next.hasData() && next.size() == 0) {
            pop().destroy();
        }
        return first;
    }

    /** Pops the first frame as text ({@link ZFrame#toString()}); null when empty. */
    public String popString() {
        ZFrame frame = pollFirst();
        return frame == null ? null : frame.toString();
    }

    /** Prints the frames to {@code out}: a rule, then {@code [size] data} per frame. */
    public ZMsg dump(Appendable out) {
        StringBuilder text = new StringBuilder("--------------------------------------\n");
        for (ZFrame frame : frames) {
            text.append(String.format("[%03d] %s%n", frame.size(), frame).replace(System.lineSeparator(), "\n"));
        }
        try {
            out.append(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot dump the message", e);
        }
        return this;
    }

    /** {@link #dump(Appendable)} to standard output. */
    public ZMsg dump() {
        dump(System.out);
        return this;
    }

    /** Prepends a UTF-8 frame of {@code s}; returns this message. */
    public ZMsg addFirst(String s) {
        frames.addFirst(new ZFrame(s));
        return this;
    }

    /** Prepends a frame holding {@code data} (not copied); returns this message. */
    public ZMsg addFirst(byte[] data) {
        frames.addFirst(new ZFrame(data));
        return this;
    }

    /** Appends a UTF-8 frame of {@code s}; returns this message. */
    public ZMsg addLast(String s) {
        frames.addLast(new ZFrame(s));
        return this;
    }

    /** Appends a frame holding {@code data} (not copied); returns this message. */
    public ZMsg addLast(byte[] data) {
        frames.addLast(new ZFrame(data));
        return this;
    }

    /** The same as {@link #addFirst(String)}. */
    public ZMsg push(String s) {
        return addFirst(s);
    }

    /** The same as {@link #addFirst(byte[])}. */
    public ZMsg push(byte[] data) {
        return addFirst(data);
    }

    /** Appends a UTF-8 frame of {@code s}; always true. */
    public boolean add(String s) {
        return frames.add(new ZFrame(s));
    }

    /** Appends a frame holding {@code data} (not copied); always true. */
    public boolean add(byte[] data) {
        return frames.add(new ZFrame(data));
    }

    /** The same as {@link #addLast(String)}. */
    public ZMsg append(String s) {
        return addLast(s);
    }

    /** The same as {@link #addLast(byte[])}. */
    public ZMsg append(byte[] data) {
        return addLast(data);
    }

    /** Appends the frames of {@code msg} (the frames themselves, not copies). */
    public ZMsg append(ZMsg msg) {
        if (msg != null) {
            frames.addAll(msg.frames);
        }
        return this;
    }

    // ---- Deque<ZFrame> -----------------------------------------------------------------------------------------

    @Override
    public Iterator<ZFrame> iterator() {
        return frames.iterator();
    }

    @Override
    public boolean addAll(Collection<? extends ZFrame> c) {
        return frames.addAll(c);
    }

    @Override
    public void clear() {
        frames.clear();
    }

    @Override
    public boolean containsAll(Collection<?> c) {
        return frames.containsAll(c);
    }

    @Override
    public boolean isEmpty() {
        return frames.isEmpty();
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        return frames.removeAll(c);
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        return frames.retainAll(c);
    }

    @Override
    public Object[] toArray() {
        return frames.toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return frames.toArray(a);
    }

    @Override
    public boolean add(ZFrame e) {
        return frames.add(e);
    }

    @Override
    public void addFirst(ZFrame e) {
        frames.addFirst(e);
    }

    @Override
    public void addLast(ZFrame e) {
        frames.addLast(e);
    }

    @Override
    public boolean contains(Object o) {
        return frames.contains(o);
    }

    @Override
    public Iterator<ZFrame> descendingIterator() {
        return frames.descendingIterator();
    }

    @Override
    public ZFrame element() {
        return frames.element();
    }

    @Override
    public ZFrame getFirst() {
        return frames.getFirst();
    }

    @Override
    public ZFrame getLast() {
        return frames.getLast();
    }

    @Override
    public boolean offer(ZFrame e) {
        return frames.offer(e);
    }

    @Override
    public boolean offerFirst(ZFrame e) {
        return frames.offerFirst(e);
    }

    @Override
    public boolean offerLast(ZFrame e) {
        return frames.offerLast(e);
    }

    @Override
    public ZFrame peek() {
        return frames.peek();
    }

    @Override
    public ZFrame peekFirst() {
        return frames.peekFirst();
    }

    @Override
    public ZFrame peekLast() {
        return frames.peekLast();
    }

    @Override
    public ZFrame poll() {
        return frames.poll();
    }

    @Override
    public ZFrame pollFirst() {
        return frames.pollFirst();
    }

    @Override
    public ZFrame pollLast() {
        return frames.pollLast();
    }

    /** The first frame, removed; null when empty (unlike {@link ArrayDeque#pop()}), as in JeroMQ. */
    @Override
    public ZFrame pop() {
        return frames.pollFirst();
    }

    @Override
    public void push(ZFrame e) {
        frames.push(e);
    }

    @Override
    public ZFrame remove() {
        return frames.remove();
    }

    @Override
    public boolean remove(Object o) {
        return frames.remove(o);
    }

    @Override
    public ZFrame removeFirst() {
        return frames.removeFirst();
    }

    @Override
    public boolean removeFirstOccurrence(Object o) {
        return frames.removeFirstOccurrence(o);
    }

    @Override
    public ZFrame removeLast() {
        return frames.removeLast();
    }

    @Override
    public boolean removeLastOccurrence(Object o) {
        return frames.removeLastOccurrence(o);
    }

    @Override
    public int size() {
        return frames.size();
    }

    /** Equal to a ZMsg whose frames hold the same bytes, in the same order. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        Iterator<ZFrame> a = frames.iterator();
        Iterator<ZFrame> b = ((ZMsg) o).frames.iterator();
        while (a.hasNext() && b.hasNext()) {
            if (!Objects.equals(a.next(), b.next())) {
                return false;
            }
        }
        return !a.hasNext() && !b.hasNext();
    }

    @Override
    public int hashCode() {
        int result = 1;
        for (ZFrame f : frames) {
            result = 31 * result + (f == null ? 0 : f.hashCode());
        }
        return frames.isEmpty() ? 0 : result;
    }

    /** {@code [ frame, frame ]}, each frame as {@link ZFrame#toString()}. */
    @Override
    public String toString() {
        return frames.stream().map(ZFrame::toString).collect(Collectors.joining(", ", "[ ", " ]"));
    }
}
