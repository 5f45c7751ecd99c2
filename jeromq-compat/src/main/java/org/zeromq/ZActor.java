package org.zeromq;

import java.nio.channels.SelectableChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A {@link ZStar} whose show is a poll loop: the {@link Actor} creates its sockets, registers them on a
 * {@link ZPoller} in {@link Actor#start}, and is called back for each control message on the pipe
 * ({@link Actor#backstage}) and each ready socket ({@link Actor#stage}); a callback that returns false, or the end of
 * the context, stops the loop. The actor's sockets are then closed and {@link Actor#destroyed} says whether to start
 * again (a cold restart, with new sockets).
 *
 * <pre>{@code
 * ZActor actor = new ZActor(ctx, new ZActor.SimpleActor() {
 *     public boolean backstage(Socket pipe, ZPoller poller, int events) {
 *         pipe.send("echo " + pipe.recvStr());
 *         return true;
 *     }
 * }, "bye");
 * actor.send("hi");   // actor.recv() then gives "echo hi"
 * }</pre>
 */
public class ZActor extends ZStar {

    /** The callbacks of an actor's life, all called on its own thread. */
    public interface Actor {
        /** First call; returns the thread's name (null: a default). */
        String premiere(ZMQ.Socket pipe);

        /** The sockets this show uses; they are closed when it ends. */
        List<ZMQ.Socket> createSockets(ZContext ctx, Object... args);

        /** Before the loop: bind or connect the sockets and register them on {@code poller}. */
        void start(ZMQ.Socket pipe, List<ZMQ.Socket> sockets, ZPoller poller);

        /** Before each wait: the poll timeout in ms (-1 forever). */
        long looping(ZMQ.Socket pipe, ZPoller poller);

        /** A control message is ready on the pipe; false stops the loop. */
        boolean backstage(ZMQ.Socket pipe, ZPoller poller, int events);

        /** {@code socket} is ready; false stops the loop. */
        boolean stage(ZMQ.Socket socket, ZMQ.Socket pipe, ZPoller poller, int events);

        /** After each turn; false stops the loop. */
        boolean looped(ZMQ.Socket pipe, ZPoller poller);

        /** {@code socket}, one of this show's, was just closed. */
        void closed(ZMQ.Socket socket);

        /** The show's sockets are closed; true starts a new show. */
        boolean destroyed(ZContext ctx, ZMQ.Socket pipe, ZPoller poller);

        /** The actor leaves; true sends the last word on the pipe. */
        boolean finished(ZMQ.Socket pipe);
    }

    /** An actor that does nothing: no sockets, waits forever, and stops at the first message. Extend it. */
    public static class SimpleActor implements Actor {
        @Override
        public String premiere(ZMQ.Socket pipe) {
            return null;
        }

        @Override
        public List<ZMQ.Socket> createSockets(ZContext ctx, Object... args) {
            return Collections.emptyList();
        }

        @Override
        public void start(ZMQ.Socket pipe, List<ZMQ.Socket> sockets, ZPoller poller) {
            // nothing to start
        }

        @Override
        public long looping(ZMQ.Socket pipe, ZPoller poller) {
            return -1;
        }

        @Override
        public boolean backstage(ZMQ.Socket pipe, ZPoller poller, int events) {
            return false;
        }

        @Override
        public boolean stage(ZMQ.Socket socket, ZMQ.Socket pipe, ZPoller poller, int events) {
            return false;
        }

        @Override
        public boolean looped(ZMQ.Socket pipe, ZPoller poller) {
            return true;
        }

        @Override
        public void closed(ZMQ.Socket socket) {
            // nothing to do
        }

        @Override
        public boolean destroyed(ZContext ctx, ZMQ.Socket pipe, ZPoller poller) {
            return false;
        }

        @Override
        public boolean finished(ZMQ.Socket pipe) {
            return true;
        }
    }

    /**
     * Two actors on one stage: each callback goes to the shadow first, then to the main actor, whose answer counts.
     * Only the main actor's sockets are managed.
     */
    public static class Duo implements Actor {
        private final Actor main;
        private final Actor shadow;

        /** Pairs {@code main}, whose answers count, with {@code shadow}; neither may be null. */
        public Duo(Actor main, Actor shadow) {
            this.main = Objects.requireNonNull(main, "Actor shall be set to a non-null value");
            this.shadow = Objects.requireNonNull(shadow, "Shadow Actor shall be set to a non-null value");
        }

        @Override
        public String premiere(ZMQ.Socket pipe) {
            shadow.premiere(pipe);
            return main.premiere(pipe);
        }

        @Override
        public List<ZMQ.Socket> createSockets(ZContext ctx, Object... args) {
            shadow.createSockets(ctx, args);
            return main.createSockets(ctx, args);
        }

        @Override
        public void start(ZMQ.Socket pipe, List<ZMQ.Socket> sockets, ZPoller poller) {
            shadow.start(pipe, sockets, poller);
            main.start(pipe, sockets, poller);
        }

        @Override
        public long looping(ZMQ.Socket pipe, ZPoller poller) {
            shadow.looping(pipe, poller);
            return main.looping(pipe, poller);
        }

        @Override
        public boolean backstage(ZMQ.Socket pipe, ZPoller poller, int events) {
            shadow.backstage(pipe, poller, events);
            return main.backstage(pipe, poller, events);
        }

        @Override
        public boolean stage(ZMQ.Socket socket, ZMQ.Socket pipe, ZPoller poller, int events) {
            shadow.stage(socket, pipe, poller, events);
            return main.stage(socket, pipe, poller, events);
        }

        @Override
        public boolean looped(ZMQ.Socket pipe, ZPoller poller) {
            shadow.looped(pipe, poller);
            return main.looped(pipe, poller);
        }

        @Override
        public void closed(ZMQ.Socket socket) {
            shadow.closed(socket);
            main.closed(socket);
        }

        @Override
        public boolean destroyed(ZContext ctx, ZMQ.Socket pipe, ZPoller poller) {
            shadow.destroyed(ctx, pipe, poller);
            return main.destroyed(ctx, pipe, poller);
        }

        @Override
        public boolean finished(ZMQ.Socket pipe) {
            shadow.finished(pipe);
            return main.finished(pipe);
        }
    }

    /** An actor on a context of its own (closed when the actor ends); {@code motdelafin} is its last word. */
    public ZActor(Actor actor, String motdelafin, Object... args) {
        super(new Casting(actor), motdelafin, args);
    }

    /** The selector is not used: the same as {@link #ZActor(Actor, String, Object...)}. */
    @Deprecated
    public ZActor(ZAgent.SelectorCreator selector, Actor actor, String motdelafin, Object... args) {
        this(actor, motdelafin, args);
    }

    /** The selector is not used: the same as {@link #ZActor(ZContext, Actor, String, Object...)}. */
    @Deprecated
    public ZActor(ZContext context, ZAgent.SelectorCreator selector, Actor actor, String motdelafin,
            Object... args) {
        this(context, actor, motdelafin, args);
    }

    /** An actor forked on {@code context}; {@code motdelafin} is its last word. */
    public ZActor(ZContext context, Actor actor, String motdelafin, Object... args) {
        super(context, new Casting(actor), motdelafin, args);
    }

    /** The {@link ZStar.Fortune} of an actor: each show is a {@link Loop}. */
    private static final class Casting implements ZStar.Fortune {
        private final Actor actor;

        Casting(Actor actor) {
            this.actor = Objects.requireNonNull(actor, "Actor shall be set to a non-null value");
        }

        @Override
        public String premiere(ZMQ.Socket mic, Object... args) {
            return actor.premiere(mic);
        }

        @Override
        public ZStar.Star create(ZContext ctx, ZMQ.Socket pipe, int count, ZStar.Star previous, Object... args) {
            return new Loop(ctx, pipe, actor, args);
        }

        @Override
        public boolean interview(ZMQ.Socket mic) {
            return actor.finished(mic);
        }

        @Override
        public void party(ZContext ctx) {
            // nothing to wait for
        }
    }

    /** One show of an actor: its sockets and poller, and the poll loop that calls the actor back. */
    private static final class Loop implements ZStar.Star, ZPoller.EventsHandler {
        private final ZContext context;
        private final ZMQ.Socket pipe;
        private final Actor actor;
        private final List<ZMQ.Socket> sockets;
        private final ZPoller poller;

        Loop(ZContext context, ZMQ.Socket pipe, Actor actor, Object... args) {
            this.context = context;
            this.pipe = pipe;
            this.actor = actor;
            this.sockets = new ArrayList<>(actor.createSockets(context, args));
            this.poller = new ZPoller(context);
            // set before anything registers, so that sockets registered without a handler come to this loop
            poller.setGlobalHandler(this);
        }

        @Override
        public void prepare() {
            poller.register(pipe, ZPoller.POLLIN);
            actor.start(pipe, Collections.unmodifiableList(sockets), poller);
        }

        @Override
        public int breathe() {
            return poller.poll(actor.looping(pipe, poller));
        }

        @Override
        public boolean act(int events) {
            return events >= 0;   // the handlers already ran in poll; negative: one said stop, or the context ended
        }

        @Override
        public boolean entract() {
            return actor.looped(pipe, poller);
        }

        @Override
        public boolean renews() {
            for (ZMQ.Socket socket : sockets) {
                if (socket != null) {
                    poller.unregister(socket);
                    socket.close();
                    actor.closed(socket);
                }
            }
            sockets.clear();
            boolean again = actor.destroyed(context, pipe, poller);
            poller.close();   // a new show brings its own poller
            return again;
        }

        @Override
        public boolean events(ZMQ.Socket socket, int events) {
            return socket == pipe ? actor.backstage(pipe, poller, events) : actor.stage(socket, pipe, poller, events);
        }

        @Override
        public boolean events(SelectableChannel channel, int events) {
            return true;   // channels cannot be registered in jzmtp-jeromq
        }
    }
}
