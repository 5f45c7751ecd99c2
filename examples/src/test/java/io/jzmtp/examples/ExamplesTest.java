package io.jzmtp.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** bin/example's list of examples is every class of this package that has a {@code main}, and nothing else. */
class ExamplesTest {

    @Test
    void everyExampleWithAMainIsListed() throws IOException {
        TreeSet<String> withMain = new TreeSet<>();
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/io/jzmtp/examples"))) {
            for (Path p : (Iterable<Path>) sources::iterator) {
                String name = p.getFileName().toString().replace(".java", "");
                boolean hasMain = Files.readString(p).contains("public static void main(String[] args)");
                if (hasMain && !name.equals("Examples")) {
                    withMain.add(name);
                }
            }
        }
        assertEquals(withMain, new TreeSet<>(Examples.NAMES));
    }
}
