package io.jzmtp.examples;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The hand-written JSON of the PAIR examples: what it writes it reads back, and anything else is rejected. */
class FlatJsonTest {

    @Test
    void readsWhatItWritesAndRejectsTheRest() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("apples", 12L);
        fields.put("note", "say \"hi\"\n");
        String json = FlatJson.write(fields);
        assertEquals("{\"apples\":12,\"note\":\"say \\\"hi\\\"\\u000a\"}", json);
        assertEquals(fields, FlatJson.parse(json));
        assertEquals(Map.of("a", -3L), FlatJson.parse(" { \"a\" : -3 } "));
        for (String bad : new String[] {"", "{", "{\"a\":1.5}", "{\"a\":[1]}", "{\"a\":1,\"a\":2}", "{\"a\":1} x",
                "{\"a\":true}", "{a:1}"}) {
            assertThrows(IllegalArgumentException.class, () -> FlatJson.parse(bad), bad);
        }
    }
}
