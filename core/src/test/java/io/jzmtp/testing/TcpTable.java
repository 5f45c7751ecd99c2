package io.jzmtp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The kernel's tables of TCP sockets ({@code /proc/net/tcp} and {@code tcp6}, Linux), for tests that must see a
 * connection the process cannot reach through any object, such as a connect attempt still in SYN_SENT. Native epoll
 * sockets are dual-stack, so a connection to 127.0.0.1 may be listed in the IPv6 table as {@code ::ffff:127.0.0.1}.
 */
public final class TcpTable {

    /** The kernel's state code for a connect attempt waiting for its SYN to be answered. */
    public static final String SYN_SENT = "02";
    /** The kernel's state code for an established connection. */
    public static final String ESTABLISHED = "01";

    private static final Path TABLE = Path.of("/proc/net/tcp");
    private static final Path TABLE6 = Path.of("/proc/net/tcp6");
    private static final String LOOPBACK = "0100007F";
    private static final String LOOPBACK_MAPPED = "0000000000000000FFFF00000100007F";

    private TcpTable() {
    }

    /** Whether the table can be read on this system. */
    public static boolean available() {
        return Files.isReadable(TABLE);
    }

    /** How many sockets in {@code state} have {@code remotePort} on 127.0.0.1 as their remote end. */
    public static int countTo(int remotePort, String state) {
        String port = String.format(Locale.ROOT, "%04X", remotePort);
        return count(TABLE, LOOPBACK + ":" + port, state) + count(TABLE6, LOOPBACK_MAPPED + ":" + port, state);
    }

    private static int count(Path table, String remote, String state) {
        if (!Files.isReadable(table)) {
            return 0;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int n = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && f[2].equals(remote) && f[3].equals(state)) {
                n++;
            }
        }
        return n;
    }
}
