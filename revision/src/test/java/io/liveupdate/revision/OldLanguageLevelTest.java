package io.liveupdate.revision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.GitHistory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A language level the running javac no longer compiles is raised to the lowest it does, and the spec says so. */
class OldLanguageLevelTest {
    @TempDir
    Path tmp;

    static final String POM = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
            + "<groupId>org.example</groupId><artifactId>old</artifactId><version>1</version>"
            + "<properties><maven.compiler.source>1.5</maven.compiler.source>"
            + "<maven.compiler.target>1.5</maven.compiler.target></properties></project>\n";

    @Test
    void source15CompilesAsTheLowestSupportedLevel() throws Exception {
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit("old", Map.of("pom.xml", POM, "src/main/java/p/A.java", "package p;\npublic class A {}\n"));
        }
        try (RevisionCompiler compiler = RevisionCompiler.open(repo, TestArtifacts.options())) {
            RevisionResult.Compiled compiled =
                    assertInstanceOf(RevisionResult.Compiled.class, compiler.compile(compiler.resolve("HEAD")));
            int lowest = CompilerPluginOptions.lowestSupportedLevel();
            CompileSpec spec = compiled.specs().get(0);
            assertTrue(
                    spec.notes()
                            .contains("source 1.5 raised to " + lowest + " (javac "
                                    + Runtime.version().feature() + " compiles " + lowest + " and later)"),
                    spec.notes().toString());
            assertTrue(
                    spec.javacOptions().contains("-Xlint:-options"),
                    spec.javacOptions().toString());
            byte[] bytes = compiled.classes().get("p/A.class");
            assertEquals(44 + lowest, ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff), "class-file major version");
        }
    }
}
