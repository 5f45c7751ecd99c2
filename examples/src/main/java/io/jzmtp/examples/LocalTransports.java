package io.jzmtp.examples;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;

import java.time.Duration;
import java.util.Locale;

/**
 * The two transports that stay on one machine: {@code inproc://} between the threads of one program (messages passed
 * by reference: no encoding, no copy, no network) and {@code ipc://} between processes, over a Unix domain socket that
 * libzmq, pyzmq and CZMQ programs can reach too. Run it with {@code bin/example LocalTransports}.
 */
public class LocalTransports {

    public static void main(String[] args) throws InterruptedException {
        try (Context ctx = Context.create()) {
            // inproc: a worker thread and the main thread of one Context; either side may bind first.
            Socket tasks = ctx.socket(SocketType.PUSH);
            tasks.bind("inproc://tasks");
            Socket results = ctx.socket(SocketType.PULL);
            results.bind("inproc://results");
            results.set(SocketOption.RCVTIMEO, Duration.ofSeconds(5));
            Thread worker = new Thread(() -> {
                try (Socket in = ctx.socket(SocketType.PULL); Socket out = ctx.socket(SocketType.PUSH)) {
                    in.connect("inproc://tasks");
                    out.connect("inproc://results");
                    try (Message task = in.receive()) {
                        out.send(task.first().toUtf8().toUpperCase(Locale.ROOT));
                    }
                }
            }, "worker");
            worker.start();
            tasks.send("hello");
            System.out.println("inproc: " + results.receiveString());
            worker.join();

            // ipc: "ipc://*" binds a fresh socket file and returns its endpoint; ipc:///run/app/feed names one.
            Socket server = ctx.socket(SocketType.REP);
            String endpoint = server.bind("ipc://*");
            Socket client = ctx.socket(SocketType.REQ);
            client.connect(endpoint);
            client.send("ping");
            try (Message request = server.receive()) {
                // The peer's credentials, where the OS gives them: Peer-Uid with epoll, Peer-User with NIO.
                String who = request.metadata().get("Peer-Uid").map(uid -> "uid " + uid)
                        .or(() -> request.metadata().get("Peer-User").map(user -> "user " + user))
                        .orElse("an unknown user");
                server.send(request.first().toUtf8() + " from " + who);
            }
            client.set(SocketOption.RCVTIMEO, Duration.ofSeconds(5));
            System.out.println("ipc: " + client.receiveString());
        }
    }
}
