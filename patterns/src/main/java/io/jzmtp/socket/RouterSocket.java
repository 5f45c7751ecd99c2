package io.jzmtp.socket;

import io.jzmtp.SocketOption;
import io.jzmtp.UnroutableMessageException;
import io.jzmtp.msg.Frame;
import io.jzmtp.msg.Message;
import io.jzmtp.pipe.Pipe;
import io.jzmtp.routing.RoutingTable;
import io.jzmtp.routing.FairQueue;

import java.util.HashSet;
import java.util.Set;

/**
 * ROUTER (RFC 28, ZMTP.md §9): fair-queued in, with the sending peer's routing id put in front of each message; out
 * to the peer named by the first frame, which is removed.
 *
 * <p><b>Routing ids.</b> A peer is identified when its connection completes: by the CONNECT_ROUTING_ID given to the
 * connect that made its pipe (known from the start, so messages to it queue before the connection is up), else by
 * the {@code Identity} it announced, else by a generated 5-byte id. A reconnecting pipe keeps its id, as in libzmq.
 * An id already in use leaves the newcomer unidentified and its messages are dropped, unless
 * {@link SocketOption#ROUTER_HANDOVER} is set: the newcomer then takes the id, and the old connection is closed (what
 * it already delivered still arrives, under a generated id).
 *
 * <p><b>Sending.</b> An unknown id, or a peer at SNDHWM, drops the message; with
 * {@link SocketOption#ROUTER_MANDATORY} the first throws {@link UnroutableMessageException} and the second would block.
 * A message must have a frame after the routing id (libzmq silently ignores one without; this rejects it as misuse).
 */
final class RouterSocket implements Pattern {

    private long drops;

    private final FairQueue in = new FairQueue();
    private final RoutingTable table = new RoutingTable();
    private final PatternOptions options;
    /** Pipes that left while holding messages: their id is kept until those are read. */
    private final Set<Pipe> leaving = new HashSet<>();
    private boolean mandatory;   // ROUTER_MANDATORY

    RouterSocket(PatternOptions options) {
        this.options = options;
        optionsChanged();
    }

    @Override
    public void optionsChanged() {
        mandatory = options.get(SocketOption.ROUTER_MANDATORY);
    }

    @Override
    public void attach(Pipe pipe) {
        byte[] assigned = pipe.connectRoutingId();
        if (assigned != null && assigned.length > 0) {
            identify(pipe, assigned);
        }
    }

    @Override
    public void connected(Pipe pipe) {
        if (!table.hasId(pipe)) {
            identify(pipe, chooseId(pipe));
        }
        if (options.get(SocketOption.PROBE_ROUTER)) {
            DealerSocket.probe(pipe);
        }
    }

    @Override
    public void disconnected(Pipe pipe) {
        if (pipe.isTerminated()) {
            detach(pipe);   // a connecting pipe closed by a handover: it will not connect again
        }
    }

    @Override
    public void detach(Pipe pipe) {
        table.unroute(pipe);
        if (table.hasId(pipe) && pipe.hasInbound()) {
            leaving.add(pipe);
        } else {
            table.forget(pipe);
        }
    }

    @Override
    public void readable(Pipe pipe) {
        if (table.hasId(pipe)) {
            in.readable(pipe);
        } else {
            do {
                pipe.discardInbound();   // an unidentified peer (its id was taken): never delivered
            } while (pipe.clearReadable());
        }
    }

    /** The next message with its sender's routing id as first frame, owned by the caller. */
    @Override
    public Message receive() {
        Message m;
        while ((m = in.receive()) != null) {
            Pipe from = in.lastSource();
            byte[] id = table.idOf(from);
            if (leaving.contains(from) && !from.hasInbound()) {
                leaving.remove(from);
                table.forget(from);
            }
            if (id == null) {
                m.close();
                continue;
            }
            return m.push(Frame.of(id));
        }
        return null;
    }

    @Override
    public boolean isRoutable(byte[] routingId) {
        Pipe to = table.route(routingId);
        return to != null && !to.isTerminated();
    }

    /**
     * Sends {@code message} to the peer its first frame names. Returns {@code true} when sent or dropped (the socket
     * then owns it); {@code false} only with ROUTER_MANDATORY at SNDHWM.
     *
     * @throws UnroutableMessageException with ROUTER_MANDATORY, when no peer has the id (the caller keeps it)
     * @throws IllegalArgumentException when the message has only a routing id (the caller keeps it)
     */
    @Override
    public boolean send(Message message) {
        if (message.size() < 2) {
            throw new IllegalArgumentException("a ROUTER message needs the routing id frame and at least one more"
                    + " frame; got " + message.size() + " frame");
        }
        byte[] id = message.first().toBytes();
        Pipe to = table.route(id);
        if (to == null || to.isTerminated()) {
            if (mandatory) {
                throw new UnroutableMessageException(id);
            }
            message.close();
            drops++;
            return true;
        }
        Frame idFrame = message.pop();
        if (to.offer(message)) {
            idFrame.release();
            return true;
        }
        message.push(idFrame);
        if (mandatory) {
            return false;   // at SNDHWM: would block; a retry reports the peer if it left meanwhile
        }
        message.close();
        drops++;
        return true;
    }

    @Override
    public long drops() {
        return drops;
    }

    @Override
    public boolean canSend() {
        if (!mandatory) {
            return true;   // sending never blocks: what cannot be delivered is dropped
        }
        for (Pipe p : table.routablePipes()) {
            if (p.isWritable()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean canReceive() {
        return in.hasReadable();
    }

    private byte[] chooseId(Pipe pipe) {
        byte[] assigned = pipe.connectRoutingId();
        if (assigned != null && assigned.length > 0) {
            return assigned;
        }
        if (pipe.peer() != null) {
            byte[] announced = pipe.peer().metadata().identity().orElse(null);
            if (announced != null) {
                return announced;
            }
        }
        return table.generate();
    }

    /** Gives {@code pipe} {@code id}, or leaves it unidentified when another pipe holds it and there is no handover. */
    private void identify(Pipe pipe, byte[] id) {
        Pipe holder = table.route(id);
        if (holder == null || holder == pipe) {
            table.assign(pipe, id);
            return;
        }
        if (!options.get(SocketOption.ROUTER_HANDOVER)) {
            return;
        }
        table.assign(holder, table.generate());   // what the old peer already sent keeps a distinct id
        table.unroute(holder);
        table.assign(pipe, id);
        holder.terminate();   // last: closing may call back into this socket on the same thread
    }
}
