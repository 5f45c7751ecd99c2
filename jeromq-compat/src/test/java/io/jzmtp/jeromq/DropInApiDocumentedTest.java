package io.jzmtp.jeromq;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import org.junit.jupiter.api.Test;

import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
        List<String> undocumented = new ArrayList<>();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
            JavacTask task = (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null, units);
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new Finder(docs, unit, undocumented).scan(unit, null);
            }
        }
        assertTrue(undocumented.isEmpty(), () -> undocumented.size() + " public or protected declarations"
                + " without a javadoc comment:\n  " + String.join("\n  ", undocumented));
    }

    /** Collects public and protected declarations (in API types) that have no doc comment. */
    private static final class Finder extends TreePathScanner<Void, Void> {
        private final DocTrees docs;
        private final CompilationUnitTree unit;
        private final List<String> undocumented;

        Finder(DocTrees docs, CompilationUnitTree unit, List<String> undocumented) {
            this.docs = docs;
            this.unit = unit;
            this.undocumented = undocumented;
        }

        @Override
        public Void visitClass(ClassTree tree, Void unused) {
            if (!isApi(tree.getModifiers(), getCurrentPath())) {
                return null;   // nothing inside a package-private or private type is API
            }
            check(tree.getSimpleName().toString());
            return super.visitClass(tree, unused);
        }

        @Override
        public Void visitMethod(MethodTree tree, Void unused) {
            boolean overrides = tree.getModifiers().getAnnotations().stream()
                    .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
            if (isApi(tree.getModifiers(), getCurrentPath()) && !overrides) {
                check(tree.getName().contentEquals("<init>") ? "constructor" : tree.getName() + "()");
            }
            return null;   // local and anonymous classes in a body are not API
        }

        @Override
        public Void visitVariable(VariableTree tree, Void unused) {
            Tree parent = getCurrentPath().getParentPath().getLeaf();
            if (parent instanceof ClassTree && isApi(tree.getModifiers(), getCurrentPath())) {
                check(tree.getName().toString());
            }
            return null;
        }

        /** Public or protected, or implicitly public in an interface or as an enum constant. */
        private static boolean isApi(ModifiersTree modifiers, TreePath path) {
            TreePath owner = path.getParentPath();
            boolean inInterface = owner != null && owner.getLeaf() instanceof ClassTree c
                    && (c.getKind() == Tree.Kind.INTERFACE || c.getKind() == Tree.Kind.ANNOTATION_TYPE);
            // An enum constant's declared type is the enum itself; a field's is whatever it holds.
            boolean enumConstant = owner != null && owner.getLeaf() instanceof ClassTree c
                    && c.getKind() == Tree.Kind.ENUM && path.getLeaf() instanceof VariableTree v
                    && v.getType().toString().equals(c.getSimpleName().toString());
            Set<Modifier> flags = modifiers.getFlags();
            if (flags.contains(Modifier.PRIVATE)) {
                return false;
            }
            return flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED) || inInterface || enumConstant;
        }

        private void check(String what) {
            if (docs.getDocCommentTree(getCurrentPath()) == null) {
                long line = unit.getLineMap().getLineNumber(docs.getSourcePositions()
                        .getStartPosition(unit, getCurrentPath().getLeaf()));
                Path file = SOURCES.toAbsolutePath().relativize(Path.of(unit.getSourceFile().toUri()));
                undocumented.add(file + ":" + line + " " + what);
            }
        }
    }
}
