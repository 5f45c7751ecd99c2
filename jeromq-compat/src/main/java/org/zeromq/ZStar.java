package org.zeromq;

import java.nio.channels.Selector;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import zmq.util.function.BiFunction;

/**
 * A background thread (the "star") remote-controlled over a PAIR pipe, the frame of {@link ZActor}. The star's
 * {@link Fortune} names the thread, creates a {@link Star} for each show (a cold restart is a new show), and is told
 * when it is over; the star then sends its last word ("mot de la fin") on the pipe, which locks the caller's
 * {@link ZAgent}, and closes its shadow context. This object is also the caller's agent.
 *
 * <p>The thread is forked with {@link ZThread#fork} on the given context, or on a context of its own (closed when
 * the star ends) when none is given. Among the constructor's extra arguments, the last {@link Set} and
 * {@link Entourage} found are used by the star itself; all of them reach the {@link Fortune}.
 */
public class ZStar implements ZAgent {

    /** One show: prepared once, then breathes (waits) and acts until it stops; then says whether to renew. */
    public interface Star {
        /** Called once before the loop. */
        void prepare();

        /** Waits for something to do; returns the number of events (negative: the context is gone). */
        int breathe();

        /** Handles {@code events}; false stops the loop. */
        boolean act(int events);

        /** Called after each turn; false stops the loop. */
        boolean entract();

        /** Called after the loop; true starts a new show (a new {@link Star} from the {@link Fortune}). */
        boolean renews();
    }

    /** Something that is told when the star is gone, before its context closes. */
    public interface TimeTaker {
        /** Called on the star's thread as it leaves, before {@code ctx} (its shadow context) is closed. */
        void party(ZContext ctx);
    }

    /** Sleeps for {@code time}. */
    public static void party(long time, TimeUnit unit) {
        ZMQ.sleep(time, unit);
    }

    /** What the background thread runs. */
    public interface Fortune extends TimeTaker {
        /** Called first on the star's thread; returns the thread's name (null: a default one). */
        String premiere(ZMQ.Socket mic, Object... args);

        /** The selector is not used by jzmtp-jeromq: the same as the overload without it. */
        @Deprecated
        default Star create(ZContext ctx, ZMQ.Socket mic, Selector sel, int count, Star previous, Object... args) {
            return create(ctx, mic, count, previous, args);
        }

        /** The {@code count}-th show (from 0), after {@code previous} (null for the first). */
        Star create(ZContext ctx, ZMQ.Socket mic, int count, Star previous, Object... args);

        /** Called when the star leaves; true to send the last word on the pipe. */
        boolean interview(ZMQ.Socket mic);
    }

    /** Waiting for the star's thread to end. */
    public interface Exit {
        /** Waits until the star is gone; an interrupt ends the wait and is kept in the thread's status. */
        void awaitSilent();

        /** Waits until the star is gone; throws if the thread is interrupted. */
        void await() throws InterruptedException;

        /** Waits at most {@code timeout}; true if the star is gone. */
        boolean await(long timeout, TimeUnit unit) throws InterruptedException;

        /** Whether the star is gone. */
        boolean isExited();
    }

    /** The stage: names the star's thread and says when the show must stop. */
    public interface Set {
        /** Called on the star's thread after the premiere with the name it returned (may be null) and a show number. */
        void lights(String name, int id);

        /** Whether to stop before the next turn. */
        boolean fire();
    }

    /** The default stage: names the thread (or {@code Star-<id>}) and stops when the thread is interrupted. */
    public static class SimpleSet implements Set {
        @Override
        public boolean fire() {
            return Thread.currentThread().isInterrupted();
        }

        @Override
        public void lights(String name, int id) {
            Thread.currentThread().setName(name == null ? createDefaultName("Star-%d", id) : name);
        }

        /** {@code format} applied to {@code id}. */
        public static String createDefaultName(String format, int id) {
            return String.format(format, id);
        }
    }

    /** Called on the star's thread before the premiere, and told when the star is gone. */
    public interface Entourage extends TimeTaker {
        /**
         * Called first on the star's thread, before the premiere, with its context, fortune, pipe end and arguments.
         */
        void breakaleg(ZContext ctx, Fortune fortune, ZMQ.Socket phone, Object... bags);
    }

    private final ZAgent agent;
    private final Backstage backstage = new Backstage();

    /** The selector is not used: the same as {@link #ZStar(Fortune, String, Object...)}. */
    @Deprecated
    public ZStar(ZAgent.SelectorCreator selector, Fortune fortune, String motdelafin, Object... bags) {
        this(fortune, motdelafin, bags);
    }

    /** A star on a context of its own, closed when the star ends. */
    public ZStar(Fortune fortune, String motdelafin, Object... bags) {
        this((ZContext) null, fortune, motdelafin, bags);
    }

    /** The selector is not used: the same as {@link #ZStar(ZContext, Fortune, String, Object...)}. */
    @Deprecated
    public ZStar(ZContext context, ZAgent.SelectorCreator selector, Fortune fortune, String motdelafin,
            Object... bags) {
        this(context, fortune, motdelafin, bags);
    }

    /** A star forked on {@code context} (a context of its own if null), with the default agent. */
    public ZStar(ZContext context, Fortune fortune, String motdelafin, Object... bags) {
        this(context, fortune, ZAgent.Creator::create, motdelafin, bags);
    }

    /** The selector is not used. */
    @Deprecated
    public ZStar(ZContext context, ZAgent.SelectorCreator selector, Fortune fortune,
            BiFunction<ZMQ.Socket, String, ZAgent> agent, String motdelafin, Object... bags) {
        this(context, fortune, agent, motdelafin, bags);
    }

    /**
     * A star forked on {@code context} (a context of its own if null) whose caller side is the agent that
     * {@code agent} makes from the pipe and the last word.
     */
    public ZStar(ZContext context, Fortune fortune, BiFunction<ZMQ.Socket, String, ZAgent> agent,
            String motdelafin, Object... bags) {
        Objects.requireNonNull(agent, "Agent creator has to be supplied");
        Objects.requireNonNull(fortune, "Fortune has to be supplied");
        ZContext own = context == null ? new ZContext() : null;
        ZContext chef = context == null ? own : context;
        Set set = null;
        Entourage entourage = null;
        for (Object bag : bags) {
            if (bag instanceof Set s) {
                set = s;
            }
            if (bag instanceof Entourage e) {
                entourage = e;
            }
        }
        Show show = new Show(set == null ? new SimpleSet() : set, fortune, own, entourage, motdelafin, bags);
        ZMQ.Socket phone = ZThread.fork(chef, backstage, show);
        this.agent = agent.apply(phone, motdelafin);
    }

    /** The agent over the default one; kept for subclasses written for JeroMQ. */
    @Deprecated
    protected ZAgent agent(ZMQ.Socket phone, String secret) {
        return ZAgent.Creator.create(phone, secret);
    }

    /** The caller's side of the pipe. */
    public ZAgent agent() {
        return agent;
    }

    /** Waiting for the star's end. */
    public Exit exit() {
        return backstage;
    }

    @Override
    public ZMsg recv() {
        return agent.recv();
    }

    @Override
    public ZMsg recv(int timeout) {
        return agent.recv(timeout);
    }

    @Override
    public ZMsg recv(boolean wait) {
        return agent.recv(wait);
    }

    @Override
    public boolean send(ZMsg message) {
        return agent.send(message);
    }

    @Override
    public boolean send(ZMsg msg, boolean destroy) {
        return agent.send(msg, destroy);
    }

    @Override
    public boolean send(String word) {
        return agent.send(word);
    }

    @Override
    public boolean send(String word, boolean more) {
        return agent.send(word, more);
    }

    @Override
    public ZMQ.Socket pipe() {
        return agent.pipe();
    }

    @Override
    public boolean sign() {
        return agent.sign();
    }

    /** Closes the caller's side; the star goes on until it decides to stop. */
    @Override
    public void close() {
        agent.close();
    }

    /** What the star's thread needs, handed over as the fork's one argument. */
    private record Show(Set set, Fortune fortune, ZContext own, Entourage entourage, String lastWord, Object[] bags) {
    }

    /** The star's thread body, and the latch its end opens. */
    private static final class Backstage implements ZThread.IAttachedRunnable, Exit {
        private static final AtomicInteger SHOWS = new AtomicInteger();

        private final int number = SHOWS.incrementAndGet();
        private final CountDownLatch ended = new CountDownLatch(1);

        @Override
        public void run(Object[] args, ZContext chef, ZMQ.Socket mic) {
            Show show = (Show) args[0];
            try {
                if (show.entourage() != null) {
                    show.entourage().breakaleg(chef, show.fortune(), mic, show.bags());
                }
                try {
                    show.set().lights(show.fortune().premiere(mic, show.bags()), number);
                    perform(chef, mic, show);
                } finally {
                    leave(chef, mic, show);
                }
            } finally {
                ended.countDown();
            }
        }

        private static void perform(ZContext chef, ZMQ.Socket mic, Show show) {
            int count = 0;
            Star star = null;
            do {
                star = show.fortune().create(chef, mic, count++, star, show.bags());
                star.prepare();
                while (!show.set().fire()) {
                    if (!star.act(star.breathe()) || !star.entract()) {
                        break;
                    }
                }
            } while (star.renews());
        }

        private static void leave(ZContext chef, ZMQ.Socket mic, Show show) {
            try {
                if (show.fortune().interview(mic) && show.lastWord() != null) {
                    mic.send(show.lastWord());
                }
                show.fortune().party(chef);
                if (show.entourage() != null) {
                    show.entourage().party(chef);
                }
            } catch (ZMQException e) {
                // the context was closed under the star: nobody is left to tell, but its contexts still close
            } finally {
                chef.close();
                if (show.own() != null) {
                    show.own().close();   // the star's own context: nobody else will close it
                }
            }
        }

        @Override
        public void awaitSilent() {
            try {
                ended.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void await() throws InterruptedException {
            ended.await();
        }

        @Override
        public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
            return ended.await(timeout, unit);
        }

        @Override
        public boolean isExited() {
            return ended.getCount() == 0;
        }
    }
}
