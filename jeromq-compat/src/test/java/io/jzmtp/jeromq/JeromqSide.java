package io.jzmtp.jeromq;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import java.util.StringJoiner;

/**
 * The far side of {@link JeromqInteropIT}: a small program written against the {@code org.zeromq} API that the test
 * runs in a child JVM on real JeroMQ 0.6.0 (its class file, compiled against the drop-in, links against JeroMQ as
 * well). Arguments: {@code MODE bind|connect ENDPOINT COUNT}. It prints {@code READY endpoint} once bound or
 * connected, one line per message it receives, and exits 0 when it has done COUNT exchanges, 2 when a receive timed
 * out.
 */
public final class JeromqSide {

    private JeromqSide() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        boolean bind = args[1].equals("bind");
        String endpoint = args[2];
        int count = Integer.parseInt(args[3]);
        boolean done;
        try (ZContext ctx = new ZContext()) {
            ctx.setLinger(5000);            // what we sent must leave before the process exits
            ZMQ.Socket socket = ctx.createSocket(typeOf(mode));
            socket.setReceiveTimeOut(10_000);
            socket.setSendTimeOut(10_000);
            socket.setHandshakeIvl(1000);   // JeroMQ's own handshake sometimes stalls; its timer retries (JeromqPeer)
            if (mode.equals("dealer")) {
                socket.setIdentity("jeromq-dealer".getBytes(ZMQ.CHARSET));
            }
            if (mode.equals("sub")) {
                socket.subscribe("");
            }
            if (bind) {
                socket.bind(endpoint);
            } else {
                socket.connect(endpoint);
            }
            System.out.println("READY " + socket.getLastEndpoint());
            System.out.flush();
            done = run(mode, socket, count);
        }   // closing the context flushes what is queued, within the linger
        System.out.flush();
        System.exit(done ? 0 : 2);
    }

    private static SocketType typeOf(String mode) {
        return switch (mode) {
            case "pub" -> SocketType.XPUB;   // waits for the subscription before publishing
            default -> SocketType.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
        };
    }

    private static boolean run(String mode, ZMQ.Socket socket, int count) {
        for (int i = 0; i < count; i++) {
            switch (mode) {
                case "rep", "router" -> {
                    ZMsg request = ZMsg.recvMsg(socket);
                    if (request == null) {
                        return false;
                    }
                    print(request);
                    request.addLast("jeromq");
                    request.send(socket);
                }
                case "req", "dealer" -> {
                    if (mode.equals("dealer")) {
                        socket.sendMore("");
                    }
                    socket.sendMore("q" + i);
                    socket.send("from jeromq");
                    ZMsg reply = ZMsg.recvMsg(socket);
                    if (reply == null) {
                        return false;
                    }
                    print(reply);
                }
                case "pull", "sub" -> {
                    ZMsg m = ZMsg.recvMsg(socket);
                    if (m == null) {
                        return false;
                    }
                    print(m);
                }
                case "push" -> {
                    socket.sendMore("m" + i);
                    socket.send("from jeromq");
                }
                case "pub" -> {
                    if (i == 0 && socket.recv() == null) {   // the subscription
                        return false;
                    }
                    socket.sendMore("m" + i);
                    socket.send("from jeromq");
                }
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
        }
        return true;
    }

    private static void print(ZMsg m) {
        StringJoiner line = new StringJoiner("|");
        m.forEach(f -> line.add(f.toString()));
        System.out.println(line);
    }
}
