package io.jzmtp.jeromq;

import io.jzmtp.testing.UndocumentedApi;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every public or protected type and member of the drop-in (org.zeromq, zmq and their subpackages) has a javadoc
 * comment, as the house style asks of all public API. The javadoc build runs doclint without its "missing" group,
 * so it would not notice; this test does. It follows patterns' {@code PublicApiDocumentedTest}: the sources are
 * parsed, not compiled, with the JDK's compiler tree API; {@code @Override} methods are skipped (the inherited
 * doc applies), enum constants are not.
 */
class DropInApiDocumentedTest {

    /** The drop-in's source root, relative to this module; every package under it is API. */
    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void everyPublicTypeAndMemberOfTheDropInHasAComment() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(SOURCES)) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
        }
        assertTrue(files.size() > 30, "found the drop-in sources: " + files);
        List<String> undocumented = UndocumentedApi.in(files);
        assertTrue(undocumented.isEmpty(), () -> undocumented.size() + " public or protected declarations"
                + " without a javadoc comment:\n  " + String.join("\n  ", undocumented));
    }
}
