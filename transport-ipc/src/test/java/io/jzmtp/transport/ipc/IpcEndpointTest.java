package io.jzmtp.transport.ipc;

import io.jzmtp.transport.TransportRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code ipc://} endpoint forms of libzmq, and the errors for the ones that cannot work. */
class IpcEndpointTest {

    @Test
    void anAbsolutePathIsKeptAsItIs() {
        IpcEndpoint ep = IpcEndpoint.parse("ipc:///tmp/feed.sock");
        assertEquals(Path.of("/tmp/feed.sock"), ep.path());
        assertEquals("ipc:///tmp/feed.sock", ep.toString());
        assertTrue(ep.isConnectable());
    }

    @Test
    void aRelativePathIsTakenFromTheWorkingDirectory() {
        IpcEndpoint ep = IpcEndpoint.parse("ipc://run/feed.sock");
        assertEquals(Path.of("run/feed.sock").toAbsolutePath(), ep.path());
        assertEquals("ipc://run/feed.sock", ep.toString(), "shown as written, like libzmq's last endpoint");
    }

    @Test
    void theWildcardBindsOnly() {
        IpcEndpoint ep = IpcEndpoint.parse("ipc://*");
        assertTrue(ep.isWildcard());
        assertFalse(ep.isConnectable());
    }

    @Test
    void anAtSignNamesTheAbstractNamespace() {
        IpcEndpoint ep = IpcEndpoint.parse("ipc://@feed");
        assertTrue(ep.isAbstract());
        assertEquals("feed", ep.abstractName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipc://", "ipc://@"})
    void anEmptyAddressIsRefusedWithAnExample(String endpoint) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpcEndpoint.parse(endpoint));
        assertTrue(e.getMessage().contains("'" + endpoint + "'") && e.getMessage().contains("ipc:///tmp/"),
                e.getMessage());
    }

    @Test
    void aPathLongerThanTheOsTakesIsRefusedQuotingTheEndpoint() {
        String endpoint = "ipc:///tmp/" + "x".repeat(120);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpcEndpoint.parse(endpoint));
        assertTrue(e.getMessage().contains("'" + endpoint + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("125 bytes") && e.getMessage().contains("107"), e.getMessage());
        assertEquals("ipc:///tmp/" + "x".repeat(102), IpcEndpoint.parse("ipc:///tmp/" + "x".repeat(102)).toString(),
                "107 bytes fit");
    }

    @Test
    void theRegistryFindsIpcByScheme() {
        assertInstanceOf(IpcTransport.class, TransportRegistry.discover().transport("ipc:///tmp/x"));
        assertInstanceOf(IpcEndpoint.class, TransportRegistry.discover().parse("ipc:///tmp/x"));
    }
}
