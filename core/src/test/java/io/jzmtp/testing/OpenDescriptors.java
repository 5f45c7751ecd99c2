package io.jzmtp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Counts this process's open sockets and event descriptors (epoll, eventfd) from {@code /proc/self/fd} (Linux): a
 * connection or an I/O thread that outlives its socket or context shows up here even when nothing else notices it.
 */
public final class OpenDescriptors {

    private static final Path FDS = Path.of("/proc/self/fd");

    private OpenDescriptors() {
    }

    /** Whether the count can be taken on this system. */
    public static boolean available() {
        return Files.isDirectory(FDS);
    }

    /** Open sockets plus anonymous event descriptors right now. */
    public static int socketsAndEvents() {
        try (Stream<Path> fds = Files.list(FDS)) {
            return (int) fds.filter(OpenDescriptors::isSocketOrEvent).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isSocketOrEvent(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("socket:") || target.startsWith("anon_inode:");
        } catch (IOException e) {
            return false;   // closed while we were listing
        }
    }
}
