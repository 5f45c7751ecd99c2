package io.jzmtp.routing;

import io.jzmtp.msg.Frame;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicFilterTest {

    private final TopicFilter filter = new TopicFilter();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void subscriptionsAreCounted() {
        assertTrue(filter.add(bytes("A")));
        assertFalse(filter.add(bytes("A")));
        assertFalse(filter.remove(bytes("A")), "one subscription is left");
        assertTrue(filter.matches(Frame.of("A1")));
        assertTrue(filter.remove(bytes("A")), "the last one goes");
        assertFalse(filter.matches(Frame.of("A1")));
        assertFalse(filter.remove(bytes("A")), "nothing left to remove");
    }

    @Test
    void matchesByPrefixAndEmptyMatchesAll() {
        filter.add(bytes("ab"));
        assertTrue(filter.matches(Frame.of("abc")));
        assertFalse(filter.matches(Frame.of("a")));
        filter.add(new byte[0]);
        assertTrue(filter.matches(Frame.of("")));
    }

    @Test
    void forEachListsDistinctPrefixesInOrderAsCopies() {
        filter.add(bytes("x"));
        filter.add(bytes("y"));
        filter.add(bytes("x"));
        List<String> seen = new ArrayList<>();
        filter.forEach(p -> {
            seen.add(new String(p, StandardCharsets.UTF_8));
            p[0] = 'z';   // must not change the filter
        });
        assertEquals(List.of("x", "y"), seen);
        assertTrue(filter.matches(Frame.of("x")));
    }
}
