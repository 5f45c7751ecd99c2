package io.jzmtp;

import io.jzmtp.testing.UndocumentedApi;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every public type and member of the API packages has a javadoc comment. (The javadoc build runs doclint without
 * its "missing" group, which would demand {@code @param} and {@code @return} on every method; this test asks for
 * the comment itself.) The sources are parsed, not compiled, with the JDK's compiler tree API.
 */
class PublicApiDocumentedTest {

    /** The API packages, as source folders relative to this module. */
    private static final List<Path> API_SOURCES = List.of(
            Path.of("src/main/java/io/jzmtp"),
            Path.of("../core/src/main/java/io/jzmtp/msg"));

    @Test
    void everyPublicTypeAndMemberOfTheApiHasAComment() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : API_SOURCES) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            }
        }
        assertTrue(files.size() > 10, "found the API sources: " + files);
        List<String> undocumented = UndocumentedApi.in(files);
        assertEquals(List.of(), undocumented, "public API without a javadoc comment");
    }
}
