package io.jzmtp.examples;

import io.jzmtp.Context;
import io.jzmtp.Socket;
import io.jzmtp.SocketOption;
import io.jzmtp.SocketType;
import io.jzmtp.msg.Message;

import java.time.Duration;

/** Sends one two-frame message from a PUSH to a PULL over tcp loopback: the README's quick start, line for line. */
public class QuickStart {

    public static void main(String[] args) {
        try (Context ctx = Context.create();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");    // an ephemeral port; the real endpoint is returned
            push.connect(endpoint);                               // connects in the background, reconnects if needed
            push.send(Message.of("job-1", "payload"));            // the socket now owns the message
            pull.set(SocketOption.RCVTIMEO, Duration.ofSeconds(5));
            try (Message m = pull.receive()) {                    // the caller owns what it receives
                System.out.println(m.frame(0).toUtf8() + " from a " + m.metadata().socketType().orElse("?"));
            }
        }
    }
}
