package io.jzmtp.examples;

import io.jzmtp.Context;
import io.jzmtp.Poller;
import io.jzmtp.Proxy;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;

import java.time.Duration;

/** The README's "more patterns" snippets, runnable, so they keep compiling and working. */
public final class MorePatterns {

    private MorePatterns() {
    }

    public static void main(String[] args) throws Exception {
        try (Context ctx = Context.create()) {
            // README more patterns begins
            // Publish-subscribe: filtering happens at the publisher; subscriptions survive reconnects.
            Socket pub = ctx.socket(SocketType.PUB);
            String news = pub.bind("tcp://127.0.0.1:*");
            Socket sub = ctx.socket(SocketType.SUB);
            sub.subscribe("detections.");                  // as many prefixes as you like; "" = everything
            sub.connect(news);

            // Request-reply that survives a lost reply without recreating the socket ("lazy pirate").
            Socket req = ctx.socket(SocketType.REQ);
            req.set(SocketOption.REQ_RELAXED, true);
            req.set(SocketOption.REQ_CORRELATE, true);
            req.set(SocketOption.RCVTIMEO, Duration.ofSeconds(2));

            // A broker: ROUTER frontend, DEALER backend, on its own thread until stopped or the context closes.
            Socket frontend = ctx.socket(SocketType.ROUTER);
            Socket backend = ctx.socket(SocketType.DEALER);
            req.connect(frontend.bind("tcp://127.0.0.1:*"));
            String workers = backend.bind("tcp://127.0.0.1:*");
            Proxy broker = Proxy.start(frontend, backend, null, null);

            Socket worker = ctx.socket(SocketType.REP);
            worker.connect(workers);
            req.send("hello");

            // Waiting on several sockets at once.
            try (Poller poller = new Poller()) {
                poller.register(worker, Poller.Event.READABLE).register(sub, Poller.Event.READABLE);
                if (poller.poll(Duration.ofSeconds(5)) > 0 && poller.isReadable(worker)) {
                    try (Message request = worker.receive()) {
                        worker.send("world to " + request.first().toUtf8());
                    }
                }
            }
            System.out.println(req.receiveString());       // world to hello
            broker.close();
            // README more patterns ends
        }
    }
}
