package org.zeromq;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A proxy between a frontend and a backend socket (with an optional capture socket) that runs on an actor thread and
 * is steered from the caller: {@link #start}, {@link #pause}, {@link #stop} (closes the sockets; a later start
 * creates and configures new ones), {@link #restart}, {@link #configure}, {@link #exit}. A {@link Proxy} creates and
 * configures the sockets; a {@link Pump} moves each message (and copies it to the capture socket).
 *
 * <p>Status strings: {@link #ALIVE} before any command, then {@link #STARTED}, {@link #PAUSED}, {@link #STOPPED}, and
 * {@link #EXITED} at the end. As in JeroMQ, the pipe to the actor always holds the last status the actor reported:
 * an asynchronous command ({@code sync == false}) returns the status from before it, a synchronous one waits for the
 * actor and returns the status after it.
 *
 * <p>The caller's methods are for one thread at a time, like the pipe under them. Differs from JeroMQ: a hot
 * {@link #restart} or a {@link #configure} with an empty message does not swallow the next command.
 */
// Over the house size limit: JeroMQ's binary names fix ZProxy.Proxy, Pump, ZPump, Plug, Command and State as
// members of this class; each is small.
public class ZProxy {

    /** Where a socket sits in the proxy. */
    public enum Plug {
        /** The frontend socket. */
        FRONT,
        /** The backend socket. */
        BACK,
        /** The optional socket that gets a copy of each message. */
        CAPTURE
    }

    /** The commands, for {@link #command(Command, boolean)}. */
    public enum Command {
        /** Binds or connects the sockets if needed and moves messages. */
        START,
        /** Stops moving messages, keeping the sockets. */
        PAUSE,
        /** Closes the sockets. */
        STOP,
        /** Restarts hot (same sockets) or cold (new sockets). */
        RESTART,
        /** Closes the sockets and ends the proxy's thread. */
        EXIT,
        /** Asks for the status without changing it. */
        STATUS,
        /** Hands a message to the application's configuration. */
        CONFIG
    }

    /** The states, for {@link #command(Command, boolean)}. */
    public enum State {
        /** Created; no command has changed the state yet. */
        ALIVE,
        /** Moving messages. */
        STARTED,
        /** Sockets kept, not moving messages. */
        PAUSED,
        /** Sockets closed. */
        STOPPED,
        /** The proxy's thread has ended. */
        EXITED
    }

    /** What the application supplies: the sockets and their configuration, called on the proxy's thread. */
    public interface Proxy {
        /** The socket for {@code place}; may be null for {@link Plug#CAPTURE} (no capture). */
        ZMQ.Socket create(ZContext ctx, Plug place, Object... args);

        /** Binds or connects {@code socket} (null for a missing capture) at start; true if it did something. */
        boolean configure(ZMQ.Socket socket, Plug place, Object... args) throws IOException;

        /** A hot restart with {@code cfg}; true asks for a cold restart (new sockets) instead. */
        boolean restart(ZMsg cfg, ZMQ.Socket socket, Plug place, Object... args) throws IOException;

        /** Handles {@link ZProxy#configure}: must send one reply message on {@code pipe}; false stops the proxy. */
        boolean configure(ZMQ.Socket pipe, ZMsg cfg, ZMQ.Socket frontend, ZMQ.Socket backend, ZMQ.Socket capture,
                Object... args);

        /** Handles a command this class does not know; false stops the proxy. */
        boolean custom(ZMQ.Socket pipe, String cmd, ZMQ.Socket frontend, ZMQ.Socket backend, ZMQ.Socket capture,
                Object... args);

        /** A {@link Proxy} with no restart, configuration or custom command handling of its own. */
        abstract class SimpleProxy implements Proxy {
            @Override
            public boolean restart(ZMsg cfg, ZMQ.Socket socket, Plug place, Object... args) {
                return true;
            }

            @Override
            public boolean configure(ZMQ.Socket pipe, ZMsg cfg, ZMQ.Socket frontend, ZMQ.Socket backend,
                    ZMQ.Socket capture, Object... args) {
                return true;
            }

            @Override
            public boolean custom(ZMQ.Socket pipe, String cmd, ZMQ.Socket frontend, ZMQ.Socket backend,
                    ZMQ.Socket capture, Object... args) {
                return true;
            }
        }
    }

    /** Moves one message from {@code source} to {@code destination}, copying it to {@code capture} if not null. */
    public interface Pump {
        /** False stops the proxy. */
        boolean flow(Plug src, ZMQ.Socket source, ZMQ.Socket capture, Plug dst, ZMQ.Socket destination);
    }

    /** A pump that reads whole messages, optionally transformed on the way (used by {@link #newZProxy}). */
    public static class ZPump implements Pump {
        /** Turns a message from one place into the one sent to another. */
        public interface Transformer {
            /**
             * What to send to {@code dst} for {@code msg} from {@code src}: {@code msg} itself or a new message, which
             * the pump sends (so it is consumed); {@code msg} stays the pump's.
             */
            ZMsg transform(ZMsg msg, Plug src, Plug dst);
        }

        private final Transformer transformer;

        /** A pump that moves messages unchanged. */
        public ZPump() {
            this(null);
        }

        /** A pump that moves each message through {@code transformer} (null: unchanged). */
        public ZPump(Transformer transformer) {
            this.transformer = transformer == null ? (msg, src, dst) -> msg : transformer;
        }

        @Override
        public boolean flow(Plug src, ZMQ.Socket source, ZMQ.Socket capture, Plug dst, ZMQ.Socket destination) {
            ZMsg msg = ZMsg.recvMsg(source);
            if (msg == null) {
                return false;
            }
            if (capture != null) {
                ZMsg copy = transformer.transform(msg, src, Plug.CAPTURE);
                copy.send(capture, copy != msg);   // keeps the original for the destination
            }
            boolean sent = transformer.transform(msg, src, dst).send(destination);
            msg.destroy();
            return sent;
        }
    }

    /** A pump that moves frames one at a time, as {@link ZMQ#proxy} does (used by {@link #newProxy}). */
    private static final class FramePump implements Pump {
        @Override
        public boolean flow(Plug src, ZMQ.Socket source, ZMQ.Socket capture, Plug dst, ZMQ.Socket destination) {
            boolean more = true;
            while (more) {
                byte[] frame = source.recv(0);
                if (frame == null) {
                    return false;
                }
                more = source.hasReceiveMore();
                int flags = more ? ZMQ.SNDMORE : 0;
                if (capture != null) {
                    capture.send(frame, flags);   // a lost copy must not stop the flow
                }
                if (!destination.send(frame, flags)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Status: moving messages. */
    public static final String STARTED = "STARTED";
    /** Status: sockets kept, not moving messages. */
    public static final String PAUSED = "PAUSED";
    /** Status: sockets closed; a start makes new ones. */
    public static final String STOPPED = "STOPPED";
    /** Status: the proxy's thread has ended; every later command returns it. */
    public static final String EXITED = "EXITED";
    /** The status before any command that changes the state. */
    public static final String ALIVE = "ALIVE";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final ZAgent agent;
    private final ZStar.Exit exit;

    /** The selector is not used: the same as {@link #newZProxy(ZContext, String, Proxy, String, Object...)}. */
    @Deprecated
    public static ZProxy newZProxy(ZContext ctx, String name, ZAgent.SelectorCreator selector, Proxy sockets,
            String motdelafin, Object... args) {
        return newZProxy(ctx, name, sockets, motdelafin, args);
    }

    /** A proxy that moves whole messages ({@link ZPump}). */
    public static ZProxy newZProxy(ZContext ctx, String name, Proxy sockets, String motdelafin, Object... args) {
        return new ZProxy(ctx, name, sockets, new ZPump(), motdelafin, args);
    }

    /** The selector is not used: the same as {@link #newProxy(ZContext, String, Proxy, String, Object...)}. */
    @Deprecated
    public static ZProxy newProxy(ZContext ctx, String name, ZAgent.SelectorCreator selector, Proxy sockets,
            String motdelafin, Object... args) {
        return newProxy(ctx, name, sockets, motdelafin, args);
    }

    /** A proxy that moves frames one at a time. */
    public static ZProxy newProxy(ZContext ctx, String name, Proxy sockets, String motdelafin, Object... args) {
        return new ZProxy(ctx, name, sockets, new FramePump(), motdelafin, args);
    }

    /** The selector is not used by jzmtp-jeromq: the same as the constructor without it. */
    @Deprecated
    public ZProxy(ZAgent.SelectorCreator selector, Proxy creator, String motdelafin, Object... args) {
        this(creator, motdelafin, args);
    }

    /** A proxy on a context of its own. */
    public ZProxy(Proxy creator, String motdelafin, Object... args) {
        this(null, creator, null, motdelafin, args);
    }

    /** The selector is not used by jzmtp-jeromq: the same as the constructor without it. */
    @Deprecated
    public ZProxy(String name, ZAgent.SelectorCreator selector, Proxy creator, String motdelafin, Object... args) {
        this(name, creator, motdelafin, args);
    }

    /** A named proxy on a context of its own. */
    public ZProxy(String name, Proxy creator, String motdelafin, Object... args) {
        this(name, creator, null, motdelafin, args);
    }

    /** The selector is not used by jzmtp-jeromq: the same as the constructor without it. */
    @Deprecated
    public ZProxy(ZContext ctx, String name, ZAgent.SelectorCreator selector, Proxy sockets, Pump pump,
            String motdelafin, Object... args) {
        this(ctx, name, sockets, pump, motdelafin, args);
    }

    /** A named proxy on a context of its own, moving messages with {@code pump}. */
    public ZProxy(String name, Proxy sockets, Pump pump, String motdelafin, Object... args) {
        this(null, name, sockets, pump, motdelafin, args);
    }

    /**
     * A proxy on {@code ctx} (a context of its own if null) whose thread is named {@code name}; {@code pump} null
     * moves frames one at a time. If one of {@code args} is a {@link ZActor.Actor}, it rides along as a
     * {@link ZActor.Duo} shadow of the proxy's actor.
     */
    public ZProxy(ZContext ctx, String name, Proxy sockets, Pump pump, String motdelafin, Object... args) {
        Object[] vars = new Object[args.length + 1];
        vars[0] = sockets;
        System.arraycopy(args, 0, vars, 1, args.length);
        ZActor.Actor shadow = null;
        for (Object arg : args) {
            if (arg instanceof ZActor.Actor a) {
                shadow = a;
            }
        }
        ZActor.Actor actor = new ProxyActor(name, pump == null ? new FramePump() : pump, COUNTER.incrementAndGet());
        if (shadow != null) {
            actor = new ZActor.Duo(actor, shadow);
        }
        ZActor zactor = new ZActor(ctx, actor, motdelafin, vars);
        this.agent = zactor.agent();
        this.exit = zactor.exit();
    }

    /** Binds or connects the sockets (the first time) and moves messages; see the class doc for {@code sync}. */
    public String start(boolean sync) {
        return command(Command.START.name(), sync);
    }

    /** Stops moving messages, keeping the sockets. */
    public String pause(boolean sync) {
        return command(Command.PAUSE.name(), sync);
    }

    /** Closes the sockets; a later start makes and configures new ones. */
    public String stop(boolean sync) {
        return command(Command.STOP.name(), sync);
    }

    /**
     * Sends {@code command} (START, PAUSE, STOP, STATUS, EXIT or one for {@link Proxy#custom}); returns the status
     * as the class doc says.
     *
     * @throws IllegalArgumentException for CONFIG and RESTART, which have methods of their own
     */
    public String command(String command, boolean sync) {
        if (Command.CONFIG.name().equals(command)) {
            throw new IllegalArgumentException("CONFIG is not useable with that API. Please use configure(ZMsg) "
                    + "method");
        }
        if (Command.RESTART.name().equals(command)) {
            throw new IllegalArgumentException("RESTART is not useable with that API. Please use restart(ZMsg) "
                    + "method");
        }
        if (Command.STATUS.name().equals(command)) {
            return status(sync);
        }
        if (Command.EXIT.name().equals(command)) {
            return exit();
        }
        String status = recvStatus();   // the status waiting in the pipe
        if (agent.send(command) && sync) {
            status = status(true);
        }
        return status;
    }

    /** {@link #command(String, boolean)} with enums. */
    public State command(Command command, boolean sync) {
        return State.valueOf(command(command.name(), sync));
    }

    /** CONFIG and RESTART with their message: the reply of {@link #configure}, or the status of {@link #restart}. */
    public ZMsg command(Command command, ZMsg msg, boolean sync) {
        if (command == Command.CONFIG) {
            return configure(msg);
        }
        if (command == Command.RESTART) {
            ZMsg reply = new ZMsg();
            reply.add(restart(msg));
            return reply;
        }
        return null;
    }

    /** Hands {@code msg} to {@link Proxy#configure(ZMQ.Socket, ZMsg, ZMQ.Socket, ZMQ.Socket, ZMQ.Socket, Object...)}
     * and returns the reply it sent; null if the proxy has exited. */
    public ZMsg configure(ZMsg msg) {
        msg.addFirst(Command.CONFIG.name());
        if (!agent.send(msg)) {
            return null;
        }
        recvStatus();
        ZMsg reply = agent.recv();
        agent.send(Command.STATUS.name());   // refills the pipe with a status
        return reply;
    }

    /**
     * Restarts the proxy: cold (new sockets) when {@code hot} is null, else hot, handing {@code hot} to
     * {@link Proxy#restart}. Returns the status from before the restart.
     */
    public String restart(ZMsg hot) {
        ZMsg msg = new ZMsg();
        msg.add(Command.RESTART.name());
        msg.add(Boolean.toString(hot != null));
        if (hot != null) {
            msg.append(hot);
        }
        return agent.send(msg) ? status(false) : EXITED;
    }

    /** The same as {@link #exit()}. */
    @Deprecated
    public String exit(boolean sync) {
        return exit();
    }

    /** Stops the proxy and its thread, closing its sockets; waits for the thread's end. Returns EXITED. */
    public String exit() {
        agent.send(Command.EXIT.name());
        exit.awaitSilent();
        agent.close();
        return EXITED;
    }

    /** The current status, asked of the actor. */
    public String status() {
        return status(true);
    }

    /** The status: the one waiting in the pipe, or (when {@code sync}) a fresh one from the actor. */
    public String status(boolean sync) {
        if (exit.isExited()) {
            return EXITED;
        }
        try {
            String status = recvStatus();
            if (agent.send(Command.STATUS.name()) && sync) {
                status = recvStatus();
                if (EXITED.equals(status) || !agent.send(Command.STATUS.name())) {
                    return EXITED;
                }
            }
            return status;
        } catch (ZMQException e) {
            return EXITED;
        }
    }

    private String recvStatus() {
        if (!agent.sign()) {
            return EXITED;
        }
        ZMsg msg = agent.recv();
        if (msg == null) {
            return EXITED;
        }
        String status = msg.popString();
        msg.destroy();
        return status;
    }

    /** Whether the proxy moves messages now. */
    public boolean isStarted() {
        return started();
    }

    /** Whether the proxy moves messages now (asks its thread). */
    public boolean started() {
        return STARTED.equals(status(true));
    }

    /** The proxy's thread: the state machine behind the commands, and the sockets. */
    private static final class ProxyActor extends ZActor.SimpleActor {
        private final String name;
        private final Pump pump;
        private Proxy provider;
        private Object[] args;
        private ZMQ.Socket frontend;
        private ZMQ.Socket backend;
        private ZMQ.Socket capture;
        private boolean alive;
        private boolean started;
        private boolean paused;
        private boolean restart;   // the loop ends for a cold restart or a stop, not for good
        private ZMsg hot;          // a hot restart's configuration, until the turn ends

        ProxyActor(String name, Pump pump, int id) {
            this.name = name == null ? "ZProxy-" + id + "d" : name;   // JeroMQ's default name, odd "d" included
            this.pump = pump;
        }

        @Override
        public String premiere(ZMQ.Socket pipe) {
            pipe.send(ALIVE);   // the first status waiting in the pipe
            return name;
        }

        @Override
        public List<ZMQ.Socket> createSockets(ZContext ctx, Object... all) {
            provider = (Proxy) all[0];
            args = Arrays.copyOfRange(all, 1, all.length);
            frontend = provider.create(ctx, Plug.FRONT, args);
            capture = provider.create(ctx, Plug.CAPTURE, args);
            backend = provider.create(ctx, Plug.BACK, args);
            return Arrays.asList(frontend, backend);
        }

        @Override
        public void start(ZMQ.Socket pipe, List<ZMQ.Socket> sockets, ZPoller poller) {
            alive = true;
            restart = false;
        }

        @Override
        public long looping(ZMQ.Socket pipe, ZPoller poller) {
            hot = null;
            return -1;
        }

        @Override
        public boolean backstage(ZMQ.Socket pipe, ZPoller poller, int events) {
            String cmd = pipe.recvStr();
            switch (cmd == null ? "" : cmd) {
                case "START" -> {
                    if (begin(poller)) {
                        return pipe.send(status());
                    }
                    restart = false;   // could not configure the sockets: the proxy exits
                    return false;
                }
                case "STOP" -> {
                    started = false;
                    paused = false;
                    restart = true;    // the loop ends, the sockets close, and a new show waits for START
                    return pipe.send(status());
                }
                case "PAUSE" -> {
                    pause(poller, true);
                    return pipe.send(status());
                }
                case "RESTART" -> {
                    restart = true;
                    if (Boolean.parseBoolean(pipe.recvStr())) {
                        hot = rest(pipe);
                        return true;
                    }
                    return false;
                }
                case "STATUS" -> {
                    return pipe.send(status());
                }
                case "CONFIG" -> {
                    ZMsg cfg = rest(pipe);
                    boolean rc = provider.configure(pipe, cfg, frontend, backend, capture, args);
                    cfg.destroy();
                    return rc;
                }
                case "EXIT" -> {
                    restart = false;
                    return false;
                }
                default -> {
                    return provider.custom(pipe, cmd, frontend, backend, capture, args);
                }
            }
        }

        /**
         * The rest of the command's message; empty when there is none (JeroMQ would wait for, and swallow, the next
         * command instead).
         */
        private static ZMsg rest(ZMQ.Socket pipe) {
            return pipe.hasReceiveMore() ? ZMsg.recvMsg(pipe) : new ZMsg();
        }

        private String status() {
            return !alive ? EXITED : paused ? PAUSED : started ? STARTED : STOPPED;
        }

        private boolean begin(ZPoller poller) {
            boolean success = true;
            if (!started) {
                try {
                    // as in JeroMQ: started if any of the three configure calls did something
                    success = provider.configure(frontend, Plug.FRONT, args);
                    success |= provider.configure(backend, Plug.BACK, args);
                    success |= provider.configure(capture, Plug.CAPTURE, args);
                    started = true;
                } catch (RuntimeException | IOException e) {
                    e.printStackTrace();
                    started = false;
                    return false;
                }
            }
            pause(poller, false);
            return success;
        }

        private void pause(ZPoller poller, boolean pause) {
            paused = pause;
            if (pause) {
                poller.unregister(frontend);
                poller.unregister(backend);
            } else {
                poller.register(frontend, ZPoller.POLLIN);
                poller.register(backend, ZPoller.POLLIN);
            }
        }

        @Override
        public boolean stage(ZMQ.Socket socket, ZMQ.Socket pipe, ZPoller poller, int events) {
            if (socket == frontend) {
                return pump.flow(Plug.FRONT, frontend, capture, Plug.BACK, backend);
            }
            if (socket == backend) {
                return pump.flow(Plug.BACK, backend, capture, Plug.FRONT, frontend);
            }
            return false;
        }

        @Override
        public boolean looped(ZMQ.Socket pipe, ZPoller poller) {
            if (!restart) {
                return true;
            }
            if (hot == null) {
                return false;   // a cold restart or a stop: end this show
            }
            ZMsg cfg = hot;
            hot = null;
            try {
                boolean cold = provider.restart(cfg.duplicate(), frontend, Plug.FRONT, args);
                cold |= provider.restart(cfg.duplicate(), backend, Plug.BACK, args);
                cold |= provider.restart(cfg.duplicate(), capture, Plug.CAPTURE, args);
                cfg.destroy();
                return !cold;
            } catch (RuntimeException | IOException e) {
                e.printStackTrace();
                restart = false;
                return false;
            }
        }

        @Override
        public boolean destroyed(ZContext ctx, ZMQ.Socket pipe, ZPoller poller) {
            if (capture != null) {
                capture.close();
            }
            alive = false;
            if (!restart) {
                pipe.send(status());   // EXITED, the last status
            }
            return restart;
        }
    }
}
