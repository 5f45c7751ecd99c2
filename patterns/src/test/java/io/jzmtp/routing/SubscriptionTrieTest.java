package io.jzmtp.routing;

import io.jzmtp.msg.Frame;
import io.jzmtp.pipe.Pipe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscriptionTrieTest {

    private final MemoryPipes pipes = new MemoryPipes();
    private final SubscriptionTrie trie = new SubscriptionTrie();
    private final Pipe a = pipes.pipe(0, 0);
    private final Pipe b = pipes.pipe(0, 0);

    @AfterEach
    void release() {
        pipes.releaseAll();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<Pipe> match(String topic) {
        List<Pipe> out = new ArrayList<>();
        trie.match(Frame.of(topic), out);
        return out;
    }

    @Test
    void matchesEveryPrefixOfTheTopicAndNothingElse() {
        trie.add(bytes("news."), a);
        trie.add(bytes("sports"), b);
        assertEquals(List.of(a), match("news.today"));
        assertEquals(List.of(b), match("sports"));
        assertEquals(List.of(), match("news"), "a topic shorter than the prefix does not match");
        assertEquals(List.of(), match("weather"));
    }

    /** onlyMatch agrees with match whenever match finds exactly one pipe, and is null otherwise. */
    @Test
    void onlyMatchNamesTheOnePipeAndNothingWhenThereAreNoneOrSeveral() {
        trie.add(bytes("news"), a);
        trie.add(bytes("n"), a);
        trie.add(bytes("sports"), b);
        trie.add(bytes("sports.live"), a);
        for (String topic : List.of("news.today", "n", "sports", "sports.live", "sports.live.x", "weather", "", "ne")) {
            List<Pipe> all = match(topic);
            Pipe expected = all.size() == 1 ? all.get(0) : null;
            assertEquals(expected, trie.onlyMatch(Frame.of(topic)), topic + " matches " + all);
        }
        assertEquals(a, trie.onlyMatch(Frame.of("news.today")), "one pipe through two prefixes is still one");
        assertNull(trie.onlyMatch(Frame.of("sports.live")), "two pipes");
        assertNull(trie.onlyMatch(Frame.of("weather")), "none");
    }

    @Test
    void emptyPrefixMatchesEverythingIncludingTheEmptyTopic() {
        trie.add(new byte[0], a);
        assertEquals(List.of(a), match(""));
        assertEquals(List.of(a), match("anything"));
    }

    @Test
    void aPipeMatchingSeveralPrefixesIsListedOnce() {
        trie.add(bytes(""), a);
        trie.add(bytes("n"), a);
        trie.add(bytes("news"), a);
        trie.add(bytes("news"), b);
        List<Pipe> m = match("news!");
        assertEquals(2, m.size(), m.toString());
        assertTrue(m.contains(a) && m.contains(b));
    }

    @Test
    void firstAndLastSubscriberOfAPrefixAreReported() {
        assertTrue(trie.add(bytes("t"), a), "first subscriber");
        assertFalse(trie.add(bytes("t"), b), "second subscriber");
        assertFalse(trie.add(bytes("t"), a), "the same pipe again is not new");
        assertFalse(trie.remove(bytes("t"), a), "b is still subscribed");
        assertTrue(trie.remove(bytes("t"), b), "last subscriber gone");
        assertFalse(trie.remove(bytes("t"), b), "removing what is not there reports nothing");
        assertTrue(trie.isEmpty(), "emptied nodes are pruned");
    }

    @Test
    void removeAllReportsOnlyPrefixesLeftWithoutSubscribers() {
        trie.add(bytes("x"), a);
        trie.add(bytes("xy"), a);
        trie.add(bytes("xy"), b);
        trie.add(bytes(""), a);
        List<String> orphaned = new ArrayList<>();
        trie.removeAll(a, p -> orphaned.add(new String(p, StandardCharsets.UTF_8)));
        orphaned.sort(null);
        assertEquals(List.of("", "x"), orphaned);
        assertEquals(List.of(b), match("xyz"));
        assertEquals(List.of(), match("xa"));
        assertTrue(match("xy").contains(b));
        assertFalse(match("x").contains(a));
    }
}
