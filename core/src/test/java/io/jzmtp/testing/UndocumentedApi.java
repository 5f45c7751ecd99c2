package io.jzmtp.testing;

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

import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the public and protected declarations without a javadoc comment in Java sources, parsed (not compiled) with
 * the JDK's compiler tree API: what the API-documented tests of the modules assert is empty. {@code @Override}
 * methods are skipped (the inherited doc applies); enum constants count; nothing inside a non-API type counts.
 */
public final class UndocumentedApi {

    private UndocumentedApi() {
    }

    /** Each undocumented declaration of {@code files} as {@code File.java:line name}, in source order. */
    public static List<String> in(List<Path> files) throws IOException {
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
        return undocumented;
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
                return null;   // nothing inside a non-public type is API
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
            return null;
        }

        @Override
        public Void visitVariable(VariableTree tree, Void unused) {
            Tree parent = getCurrentPath().getParentPath().getLeaf();
            if (parent instanceof ClassTree && isApi(tree.getModifiers(), getCurrentPath())) {
                check(tree.getName().toString());
            }
            return null;
        }

        /** Public, or implicitly public in an interface, inside types that are themselves API. */
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
                undocumented.add(Path.of(unit.getSourceFile().toUri()).getFileName() + ":" + line + " " + what);
            }
        }
    }
}
