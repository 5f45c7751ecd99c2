package zmq.util;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** The one helper of JeroMQ's {@code zmq.util.Utils} that programs and tests use: a free TCP port. */
public final class Utils {

    private Utils() {
    }

    /**
     * A TCP port that was free on the loopback interface a moment ago (another process may still take it before the
     * caller binds it; binding {@code tcp://127.0.0.1:*} avoids that race).
     */
    public static int findOpenPort() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return probe.getLocalPort();
        }
    }
}
