package io.jzmtp.examples;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The BOM has no parent (so importing it pins nothing but jzmtp), which means nothing keeps it in step with the build
 * but this test: its version is the build's, and it manages exactly the published modules, those that attach a
 * javadoc jar.
 */
class BomTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void theBomManagesEveryPublishedModuleAtTheBuildsVersion() throws Exception {
        Document parent = parse(ROOT.resolve("pom.xml"));
        Document bom = parse(ROOT.resolve("bom/pom.xml"));
        String version = child(parent.getDocumentElement(), "version");
        assertEquals(version, child(bom.getDocumentElement(), "version"), "the BOM's own version");

        TreeSet<String> managed = new TreeSet<>();
        NodeList deps = bom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            managed.add(child(d, "artifactId"));
            assertEquals(version, child(d, "version"), child(d, "artifactId") + " in the BOM");
        }

        TreeSet<String> published = new TreeSet<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path pom : (Iterable<Path>) modules.map(m -> m.resolve("pom.xml"))::iterator) {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>maven-javadoc-plugin")
                        && !pom.getParent().normalize().equals(ROOT.normalize())) {
                    published.add(child(parse(pom).getDocumentElement(), "artifactId"));
                }
            }
        }
        assertEquals(published, managed);
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** The text of the direct child element {@code name} of {@code e}. */
    private static String child(Element e, String name) {
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().trim();
            }
        }
        throw new AssertionError("<" + e.getTagName() + "> has no <" + name + ">");
    }
}
