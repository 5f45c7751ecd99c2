package io.jzmtp.transport.ipc;

import io.jzmtp.transport.BindFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a bind may remove at its path: a dead process's socket file, and nothing else. */
class SocketFilesTest {

    @TempDir
    Path dir;

    @Test
    void aStaleSocketFileIsRemoved() throws Exception {
        Path path = dir.resolve("stale.sock");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(path));
        dead.close();   // the file stays, as after a crash
        assertTrue(Files.exists(path));
        SocketFiles.clearStale(path, "ipc://" + path);
        assertFalse(Files.exists(path));
    }

    @Test
    void aLiveListenersFileIsLeftAndTheBindFails() throws Exception {
        Path path = dir.resolve("live.sock");
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(path));
            BindFailedException e = assertThrows(BindFailedException.class,
                    () -> SocketFiles.clearStale(path, "ipc://" + path));
            assertTrue(e.getMessage().contains("address in use") && e.getMessage().contains(path.toString()),
                    e.getMessage());
            assertTrue(Files.exists(path));
        }
    }

    @Test
    void aFileThatIsNotASocketIsLeftAndTheBindFails() throws Exception {
        Path path = dir.resolve("notes.txt");
        Files.writeString(path, "precious");
        BindFailedException e = assertThrows(BindFailedException.class,
                () -> SocketFiles.clearStale(path, "ipc://" + path));
        assertTrue(e.getMessage().contains("not a socket"), e.getMessage());
        assertEquals("precious", Files.readString(path));
    }

    @Test
    void nothingThereIsFine() {
        SocketFiles.clearStale(dir.resolve("none.sock"), "ipc://none");
    }
}
