package io.liveupdate.revision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.GitHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The release platform read once from {@code ct.sym} gives the class files javac's own {@code --release N} gives,
 * byte for byte: below 9 (platform class path) and from 9 (system modules), for sources that use the platform's API,
 * and an API the release does not have fails as it does with javac.
 */
class ReleasePlatformTest {
    @TempDir
    Path tmp;

    private static final String USES_PLATFORM = "package p;\n"
            + "import java.util.*;\nimport java.util.function.*;\nimport java.io.*;\n"
            + "public class A implements Comparable<A>, Serializable {\n"
            + "  static final long serialVersionUID = 1L;\n"
            + "  final List<String> names = new ArrayList<>();\n"
            + "  public int compareTo(A o) { return Integer.compare(names.size(), o.names.size()); }\n"
            + "  String joined() { StringBuilder b = new StringBuilder(); names.forEach(b::append); return b.toString(); }\n"
            + "  Supplier<Map<String, Integer>> counts() { return () -> { Map<String, Integer> m = new HashMap<>();"
            + " for (String n : names) m.merge(n, 1, Integer::sum); return m; }; }\n"
            + "  void write(File f) throws IOException { try (Writer w = new FileWriter(f)) { w.write(joined()); } }\n"
            + "  Object kind(Object o) { if (o instanceof CharSequence) return ((CharSequence) o).length(); return o; }\n"
            + "}\n";

    @ParameterizedTest
    @ValueSource(strings = {"8", "11"})
    void classFilesEqualJavacsOwnRelease(String release) throws IOException {
        assertNotNull(ReleasePlatform.forOptions(List.of("--release", release)), "ct.sym holds release " + release);
        try (GitHistory repo = GitHistory.init(tmp.resolve("repo"))) {
            RevCommit c = repo.commit("one", Map.of("pom.xml", pom(release), "src/main/java/p/A.java", USES_PLATFORM));
            try (RevisionCompiler compiler = new RevisionCompiler(repo.repository(), TestArtifacts.options())) {
                RevisionResult.Compiled compiled =
                        assertInstanceOf(RevisionResult.Compiled.class, compiler.compile(c), "compiles");
                List<String> options = new ArrayList<>(compiled.specs().get(0).javacOptions());
                assertTrue(options.contains("--release"), options.toString());
                Map<String, byte[]> expected = javacItself(options, USES_PLATFORM);
                assertEquals(expected.keySet(), compiled.classes().keySet());
                for (var e : expected.entrySet()) {
                    assertArrayEquals(e.getValue(), compiled.classes().get(e.getKey()), e.getKey());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "11"})
    void anApiTheReleaseLacksDoesNotCompile(String release) {
        // String.formatted came in 15: neither release has it, though the running javac's own platform does.
        String source = "package p;\npublic class B { String f() { return \"%s\".formatted(1); } }\n";
        try (GitHistory repo = GitHistory.init(tmp.resolve("repo" + release))) {
            RevCommit c = repo.commit("one", Map.of("pom.xml", pom(release), "src/main/java/p/B.java", source));
            try (RevisionCompiler compiler = new RevisionCompiler(repo.repository(), TestArtifacts.options())) {
                RevisionResult.Failed failed =
                        assertInstanceOf(RevisionResult.Failed.class, compiler.compile(c), "formatted is missing");
                assertEquals("src/main/java/p/B.java:2: cannot find symbol", failed.message());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void javacKeepsWhatItHandlesBest() {
        assertNull(ReleasePlatform.forOptions(List.of("-source", "8", "-target", "8")), "no --release");
        assertNull(
                ReleasePlatform.forOptions(
                        List.of("--release", Integer.toString(Runtime.version().feature()))),
                "the running JDK's own release reads the running image");
        assertNull(ReleasePlatform.forOptions(List.of("--release", "11", "--add-exports", "java.base/sun.nio.ch=ALL")));
        assertNull(ReleasePlatform.forOptions(List.of("--release", "3")), "not in ct.sym: javac reports it");
        assertNull(ReleasePlatform.forOptions(List.of("--release", "eleven")));
        assertEquals(
                List.of("-g", "-source", "11", "-target", "11", "-parameters"),
                ReleasePlatform.forOptions(List.of("--release=11"))
                        .rewrite(List.of("-g", "--release", "11", "-parameters")));
    }

    private static String pom(String release) {
        return "<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId>"
                + "<version>1</version><properties><maven.compiler.release>" + release
                + "</maven.compiler.release><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>"
                + "</properties></project>";
    }

    /** The class files javac writes for {@code source} with {@code options}, from files, as a build would. */
    private Map<String, byte[]> javacItself(List<String> options, String source) throws IOException {
        Path src = tmp.resolve("javac/src/p/A.java");
        Path out = tmp.resolve("javac/out");
        Files.createDirectories(src.getParent());
        Files.createDirectories(out);
        Files.writeString(src, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of("-proc:none", "-implicit:none", "-d", out.toString()));
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            assertTrue(
                    javac.getTask(null, fm, null, all, null, fm.getJavaFileObjects(src))
                            .call(),
                    "javac");
        }
        Map<String, byte[]> classes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                classes.put(out.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return classes;
    }
}
