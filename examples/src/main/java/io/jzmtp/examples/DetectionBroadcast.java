package io.jzmtp.examples;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketEvent;
import io.jzmtp.SocketMonitor;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The "detection broadcast" that ZeroMQ users write (a video-analytics PUB sending detection results to SUBs), done
 * right: instead of a heartbeat topic in the application and a client that re-creates its socket when the topic goes
 * quiet, the SUB turns on ZMTP 3.1 heartbeats. When the link black-holes (open, but nothing gets through — no error is
 * ever raised), the SUB notices within HEARTBEAT_IVL + HEARTBEAT_TIMEOUT, reconnects, re-subscribes and keeps
 * receiving, with no application code for any of it. A short HANDSHAKE_IVL makes a reconnect that lands while the
 * link is still dead give up and try again, instead of waiting for the default 30 s.
 *
 * <p>To show the fault on one machine, the subscriber reaches the publisher through {@link Link}, a small loopback
 * relay that can be made to swallow everything.
 */
public final class DetectionBroadcast {

    private DetectionBroadcast() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(System.out) ? 0 : 1);
    }

    /** Publishes, black-holes the link, heals it, and checks that detections flow again; returns the verdict. */
    public static boolean run(PrintStream out) throws Exception {
        try (Context ctx = Context.create()) {
            Socket pub = ctx.socket(SocketType.PUB);
            String ep = pub.bind("tcp://127.0.0.1:*");
            try (Link link = new Link(Integer.parseInt(ep.substring(ep.lastIndexOf(':') + 1)))) {
                Socket sub = ctx.socket(SocketType.SUB);
                sub.set(SocketOption.HEARTBEAT_IVL, Duration.ofMillis(200));      // PING every 200 ms
                sub.set(SocketOption.HEARTBEAT_TIMEOUT, Duration.ofMillis(600));  // no answer in 600 ms: reconnect
                sub.set(SocketOption.HANDSHAKE_IVL, Duration.ofSeconds(1));       // a reconnect into a still-dead
                                                                                  // link is retried, not stuck
                sub.subscribe("detection");
                SocketMonitor monitor = sub.monitor(e -> {
                    if (e instanceof SocketEvent.Disconnected d) {
                        out.println("  subscriber: link lost (" + d.cause() + "), reconnecting");
                    } else if (e instanceof SocketEvent.HandshakeSucceeded) {
                        out.println("  subscriber: connected to the publisher");
                    }
                });
                sub.connect(link.endpoint());

                String before = publishUntilReceived(pub, sub, "frame-1");
                out.println("  received: " + before);
                out.println("  the link now black-holes: open, silent, no error anywhere");
                link.blackHole(true);
                Thread.sleep(1200);                 // longer than IVL + TIMEOUT: the SUB has noticed by now
                link.blackHole(false);
                out.println("  the network heals");
                String after = publishUntilReceived(pub, sub, "frame-2");
                out.println("  received: " + after);
                monitor.close();   // the shutdown that follows is not news
                boolean ok = before.contains("frame-1") && after.contains("frame-2");
                out.println(ok ? "detections flow again, with no heartbeat topic in the application" : "FAILED");
                return ok;
            }
        }
    }

    /** Publishes detections for {@code frame} until the subscriber gets one (or 10 s pass). */
    private static String publishUntilReceived(Socket pub, Socket sub, String frame) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            double score = 0.5 + ThreadLocalRandom.current().nextDouble() / 2;
            pub.send(Message.of("detection", String.format("{\"label\":\"person\",\"score\":%.2f,\"frame\":\"%s\"}",
                    score, frame)));
            try (Message m = sub.receive(Duration.ofMillis(50))) {
                if (m != null && m.frame(1).toUtf8().contains(frame)) {
                    return m.frame(1).toUtf8();
                }
            }
        }
        return "nothing";
    }

    /** A loopback relay that forwards bytes, or swallows them while black-holing. */
    static final class Link implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        private final AtomicBoolean blackHole = new AtomicBoolean();
        private final int target;

        Link(int target) throws IOException {
            this.target = target;
            Thread acceptor = new Thread(this::accept, "link");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String endpoint() {
            return "tcp://127.0.0.1:" + server.getLocalPort();
        }

        void blackHole(boolean on) {
            blackHole.set(on);
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    java.net.Socket a = server.accept();
                    java.net.Socket b = new java.net.Socket(InetAddress.getLoopbackAddress(), target);
                    pump(a, b);
                    pump(b, a);
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void pump(java.net.Socket from, java.net.Socket to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (from; to; InputStream in = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        if (!blackHole.get()) {
                            o.write(buf, 0, n);
                        }
                    }
                } catch (IOException ended) {
                    // one side closed: the other is closed by try-with-resources
                }
            }, "link-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
