package io.jzmtp.msg;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection metadata: RFC 37 case-insensitive names (ZMTP.md §5.2, §18.3), order kept, values copied. */
class MetadataTest {

    private static Metadata.Property p(String name, String value) {
        return new Metadata.Property(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void namesMatchInAnyCaseAndTheFirstPropertyWins() {
        Metadata m = Metadata.of(List.of(p("socket-type", "PULL"), p("Socket-Type", "PUSH"), p("X-Foo", "bar")));
        assertEquals("PULL", m.socketType().orElseThrow());
        assertEquals("bar", m.get("x-FOO").orElseThrow());
        assertTrue(m.get("X-Missing").isEmpty());
    }

    @Test
    void identityIsAbsentWhenEmpty() {
        assertTrue(Metadata.of(List.of(p("Identity", ""))).identity().isEmpty());
        assertArrayEquals("abc".getBytes(), Metadata.of(List.of(p("identity", "abc"))).identity().orElseThrow());
    }

    @Test
    void valuesAreCopiedInAndOut() {
        byte[] v = {1, 2};
        Metadata.Property prop = new Metadata.Property("X-B", v);
        v[0] = 9;
        assertArrayEquals(new byte[] {1, 2}, prop.value());
        prop.value()[1] = 9;
        assertArrayEquals(new byte[] {1, 2}, prop.value());
    }

    @Test
    void ofCopiesTheListAndEmptyIsShared() {
        List<Metadata.Property> list = new ArrayList<>(List.of(p("A", "1")));
        Metadata m = Metadata.of(list);
        list.add(p("B", "2"));
        assertEquals(1, m.properties().size());
        assertThrows(UnsupportedOperationException.class, () -> m.properties().add(p("C", "3")));
        assertSame(Metadata.EMPTY, Metadata.of(List.of()));
    }

    @Test
    void withAppendsWithoutChangingTheOriginal() {
        Metadata m = Metadata.of(List.of(p("Socket-Type", "PUSH")));
        Metadata more = m.with(p(Metadata.PEER_ADDRESS, "127.0.0.1"));
        assertEquals(1, m.properties().size());
        assertEquals(List.of(p("Socket-Type", "PUSH"), p("Peer-Address", "127.0.0.1")), more.properties());
        assertEquals("127.0.0.1", more.peerAddress().orElseThrow());
    }

    @Test
    void equalityIsByNamesAndValuesInOrder() {
        Metadata a = Metadata.of(List.of(p("A", "1"), p("B", "2")));
        assertEquals(a, Metadata.of(List.of(p("A", "1"), p("B", "2"))));
        assertEquals(a.hashCode(), Metadata.of(List.of(p("A", "1"), p("B", "2"))).hashCode());
        assertNotEquals(a, Metadata.of(List.of(p("B", "2"), p("A", "1"))));
        assertNotEquals(a, Metadata.of(List.of(p("A", "1"), p("B", "3"))));
    }
}
