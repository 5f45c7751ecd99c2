package io.jzmtp.transport.ipc;

import io.jzmtp.transport.BindFailedException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * What binding may do with a file already at the socket's path. A socket file whose listener is gone (its process
 * died) is removed, as libzmq does; a file that is not a socket, or a socket a live process listens on, is left alone
 * and the bind fails naming the path. Liveness is tested by connecting: a live listener accepts, a stale file refuses.
 */
final class SocketFiles {

    /** The file-type bits of {@code st_mode}, and the value that means "socket". */
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private SocketFiles() {
    }

    /** Removes a stale socket file at {@code path}; fails for anything else that is there. */
    static void clearStale(Path path, String endpoint) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!isSocket(path)) {
            throw new BindFailedException(endpoint, "address in use: " + path + " exists and is not a socket (left"
                    + " as it is)");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
        } catch (ConnectException refused) {
            try {
                Files.deleteIfExists(path);   // nobody listens: a dead process's leftover
                return;
            } catch (IOException e) {
                throw new BindFailedException(endpoint, "cannot remove the stale socket file " + path + ": " + e);
            }
        } catch (IOException e) {
            throw new BindFailedException(endpoint, "cannot tell whether " + path + " is in use: " + e);
        }
        throw new BindFailedException(endpoint, "address in use: a live process listens on " + path);
    }

    private static boolean isSocket(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & S_IFMT) == S_IFSOCK;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;   // cannot tell: treat it as a file that is not ours to remove
        }
    }

    /** Deletes {@code path} if it is there; a failure is not worth failing a close for. */
    static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left behind; the next bind clears it as stale
        }
    }
}
