package io.jzmtp.cli;

import io.jzmtp.Socket;
import io.jzmtp.SocketType;

/**
 * What a run does once its socket is bound and connected, by socket type (see the contract in the README):
 * {@link SendRole} (pub, push, xpub), {@link ReceiveRole} (sub, xsub, pull), {@link DuplexRole} (pair, dealer, router),
 * {@link RequestRole} (req) and {@link ReplyRole} (rep, and router with {@code --echo}).
 */
interface Role {

    /**
     * Runs until done; returns the exit status, or throws {@link CliFailure} for a timeout or runtime failure, saying
     * (from {@code watch}) why no peer was there when that is the cause.
     */
    int run(Socket socket, Invocation inv, Console console, ConnectionWatch watch) throws InterruptedException;

    static Role of(Invocation inv) {
        SocketType type = inv.type();
        return switch (type) {
            case PUB, PUSH, XPUB -> new SendRole();
            case SUB, XSUB, PULL -> new ReceiveRole();
            case PAIR, DEALER -> new DuplexRole();
            case REQ -> new RequestRole();
            case REP -> new ReplyRole();
            case ROUTER -> inv.echo() ? new ReplyRole() : new DuplexRole();
        };
    }
}
