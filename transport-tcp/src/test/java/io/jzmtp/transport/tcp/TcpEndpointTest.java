package io.jzmtp.transport.tcp;

import io.jzmtp.transport.Endpoint;
import io.jzmtp.transport.TransportRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parsing of {@code tcp://} endpoints, directly and through the {@link TransportRegistry} (which finds the tcp
 * transport through {@code META-INF/services}). Malformed endpoints must be rejected with a message that quotes the
 * endpoint and says what is wrong with it.
 */
class TcpEndpointTest {

    @Test
    void hostAndPort() {
        TcpEndpoint ep = TcpEndpoint.parse("tcp://example.org:5555");
        assertEquals("example.org", ep.host());
        assertEquals(5555, ep.port());
        assertEquals("tcp", ep.scheme());
        assertFalse(ep.isAnyHost());
        assertTrue(ep.isConnectable());
        assertTrue(ep.isBindable());
        assertEquals("tcp://example.org:5555", ep.toString());
    }

    @Test
    void ipv4Address() {
        TcpEndpoint ep = TcpEndpoint.parse("tcp://127.0.0.1:1");
        assertEquals("127.0.0.1", ep.host());
        assertEquals(1, ep.port());
        assertTrue(ep.isConnectable());
    }

    @Test
    void localhostName() {
        TcpEndpoint ep = TcpEndpoint.parse("tcp://localhost:5555");
        assertEquals("localhost", ep.host());
        assertEquals(5555, ep.port());
        assertTrue(ep.isConnectable());
    }

    @Test
    void wildcardHostIsBindOnly() {
        TcpEndpoint ep = TcpEndpoint.parse("tcp://*:5555");
        assertTrue(ep.isAnyHost());
        assertEquals(5555, ep.port());
        assertFalse(ep.isConnectable(), "a wildcard host names no peer");
        assertEquals("tcp://*:5555", ep.toString());
    }

    @Test
    void wildcardPortIsEphemeralAndBindOnly() {
        TcpEndpoint ep = TcpEndpoint.parse("tcp://127.0.0.1:*");
        assertEquals(0, ep.port());
        assertFalse(ep.isConnectable(), "an ephemeral port names no peer");
        assertEquals("tcp://127.0.0.1:*", ep.toString());
        assertEquals(0, TcpEndpoint.parse("tcp://127.0.0.1:0").port());
        TcpEndpoint both = TcpEndpoint.parse("tcp://*:*");
        assertTrue(both.isAnyHost());
        assertEquals(0, both.port());
    }

    @Test
    void ipv6InBrackets() {
        TcpEndpoint ep = TcpEndpoint.parse("tcp://[::1]:5555");
        assertEquals("::1", ep.host(), "the host is kept without brackets");
        assertEquals(5555, ep.port());
        assertTrue(ep.isConnectable());
        assertEquals("tcp://[::1]:5555", ep.toString(), "toString puts the brackets back");
        TcpEndpoint full = TcpEndpoint.parse("tcp://[fe80::1:2:3]:*");
        assertEquals("fe80::1:2:3", full.host());
        assertEquals(0, full.port());
    }

    @Test
    void portBounds() {
        assertEquals(65535, TcpEndpoint.parse("tcp://h:65535").port());
        assertEquals(0, TcpEndpoint.parse("tcp://h:0").port());
    }

    @Test
    void toStringRoundTrips() {
        for (String s : new String[] {"tcp://example.org:1", "tcp://*:*", "tcp://[::1]:80", "tcp://10.0.0.1:65535"}) {
            assertEquals(s, TcpEndpoint.parse(s).toString());
            assertEquals(TcpEndpoint.parse(s), TcpEndpoint.parse(TcpEndpoint.parse(s).toString()));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "tcp://127.0.0.1            | port",
        "tcp://127.0.0.1:           | port",
        "tcp://127.0.0.1:70000      | 70000",
        "tcp://127.0.0.1:99999      | out of range",
        "tcp://127.0.0.1:123456     | port",
        "tcp://127.0.0.1:-1         | port",
        "tcp://127.0.0.1:+80        | port",
        "tcp://127.0.0.1:8o         | port",
        "tcp://::1:5555             | brackets",
        "tcp://fe80::1:5555         | brackets",
        "tcp://:5555                | host",
        "tcp://                     | port",
        "tcp:/x                     | tcp://",
        "tcp:x:1                    | tcp://",
        "udp://x:1                  | tcp://",
        "tcp://[::1]                | port",
        "tcp://[::1]5555            | port",
        "tcp://[::1:5555            | ']'",
        "tcp://[]:5555              | IPv6",
        "tcp://[127.0.0.1]:5555     | IPv6",
        "tcp://a/b:5555             | host",
        "tcp://a;b:5555             | host",
    })
    void malformedEndpointIsQuotedAndExplained(String endpoint, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TcpEndpoint.parse(endpoint));
        assertTrue(e.getMessage().contains("'" + endpoint + "'"), "quotes the endpoint: " + e.getMessage());
        assertTrue(e.getMessage().contains(why), "says what is wrong (" + why + "): " + e.getMessage());
    }

    @Test
    void whitespaceInHostIsRejected() {
        String endpoint = "tcp://a b:5555";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TcpEndpoint.parse(endpoint));
        assertTrue(e.getMessage().contains("'" + endpoint + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("host"), e.getMessage());
    }

    @Test
    void nullIsRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TcpEndpoint.parse(null));
        assertTrue(e.getMessage().contains("tcp://host:port"), e.getMessage());
    }

    @Test
    void recordRejectsPortOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new TcpEndpoint("h", 65536));
        assertThrows(IllegalArgumentException.class, () -> new TcpEndpoint("h", -1));
    }

    // ---- through the registry --------------------------------------------------------------------------------------

    @Test
    void registryFindsTheTcpTransport() {
        Endpoint ep = TransportRegistry.discover().parse("tcp://127.0.0.1:5555");
        TcpEndpoint tcp = assertInstanceOf(TcpEndpoint.class, ep);
        assertEquals("127.0.0.1", tcp.host());
        assertEquals("tcp", TransportRegistry.discover().transport("tcp://x:1").scheme());
        assertInstanceOf(TcpTransport.class, TransportRegistry.discover().transport("tcp://x:1"));
    }

    /** Each Context's registry has transport instances of its own (inproc keeps its names in its instance). */
    @Test
    void eachRegistryHasItsOwnTransportInstances() {
        TransportRegistry a = TransportRegistry.discover();
        TransportRegistry b = TransportRegistry.discover();
        assertNotSame(a.transport("tcp://x:1"), b.transport("tcp://x:1"));
        assertSame(a.transport("tcp://x:1"), a.transport("tcp://y:2"));
    }

    @Test
    void registryRejectsUnknownSchemeNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransportRegistry.discover().parse("foo://x:1"));
        assertTrue(e.getMessage().contains("'foo://x:1'"), e.getMessage());
        assertTrue(e.getMessage().contains("'foo'"), "names the unknown transport: " + e.getMessage());
        assertTrue(e.getMessage().contains("tcp"), "lists what is available: " + e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"tcp:/x", "127.0.0.1:5555", "://x:1", "''"})
    void registryRejectsEndpointWithoutScheme(String endpoint) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransportRegistry.discover().parse(endpoint));
        assertTrue(e.getMessage().contains("'" + endpoint + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("transport://address"), e.getMessage());
    }

    @Test
    void registryRejectsNull() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransportRegistry.discover().parse(null));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
    }

    @Test
    void registryPassesTcpErrorsThrough() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransportRegistry.discover().parse("tcp://::1:5555"));
        assertTrue(e.getMessage().contains("'tcp://::1:5555'"), e.getMessage());
        assertTrue(e.getMessage().contains("brackets"), e.getMessage());
    }
}
