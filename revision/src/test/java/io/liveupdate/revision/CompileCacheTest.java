package io.liveupdate.revision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.GitHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A revision compiled once is read back from the cache, equal byte for byte; a damaged entry is compiled again. */
class CompileCacheTest {
    @TempDir
    Path tmp;

    @Test
    void aCachedRevisionIsTheCompiledOneAndDamageOnlyCostsACompile() throws Exception {
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit(
                    "one",
                    Map.of(
                            "src/main/java/p/A.java",
                                    "package p;\npublic class A { int f() { return 1; } class In {} }\n",
                            "src/main/java/p/B.java", "package p;\nclass B { A a; }\n"));
        }
        ToolCache tools = new ToolCache(tmp.resolve("cache"));
        CompileCache cache = new CompileCache(tools, "test-library");
        try (RevisionCompiler compiler = RevisionCompiler.open(repo, TestArtifacts.options())) {
            ObjectId head = compiler.resolve("HEAD");
            RevisionResult.Compiled compiled =
                    assertInstanceOf(RevisionResult.Compiled.class, cache.compile(compiler, head));
            Path stored;
            try (Stream<Path> files = Files.list(tools.directory().resolve("compiled"))) {
                List<Path> all = files.toList();
                assertEquals(1, all.size(), all.toString());
                stored = all.get(0);
            }
            RevisionResult.Compiled again =
                    assertInstanceOf(RevisionResult.Compiled.class, cache.compile(compiler, head));
            assertEquals(0, again.modules().get(0).compiledSources(), "read from the cache, not compiled");
            assertSame(compiled, again);

            Files.write(stored, new byte[] {1, 2, 3});
            RevisionResult.Compiled repaired =
                    assertInstanceOf(RevisionResult.Compiled.class, cache.compile(compiler, head));
            assertTrue(repaired.modules().get(0).compiledSources() > 0, "a damaged entry is compiled again");
            assertSame(compiled, repaired);

            // Another library identity (a new liveupdate) never reads the old entry.
            RevisionResult.Compiled other = assertInstanceOf(
                    RevisionResult.Compiled.class, new CompileCache(tools, "other").compile(compiler, head));
            assertTrue(other.modules().get(0).compiledSources() > 0);
        }
    }

    private static void assertSame(RevisionResult.Compiled a, RevisionResult.Compiled b) {
        assertEquals(a.classes().keySet(), b.classes().keySet());
        a.classes()
                .forEach((path, bytes) -> assertArrayEquals(bytes, b.classes().get(path), path));
        assertEquals(a.modules().get(0).sources(), b.modules().get(0).sources());
        assertEquals(a.specs(), b.specs());
    }
}
