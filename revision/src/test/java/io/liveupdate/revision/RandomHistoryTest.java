package io.liveupdate.revision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.SyntheticHistory;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generated histories of typical edits ({@link SyntheticHistory}): at every commit, the incremental result derived
 * from the previous commit's incremental result equals the full compilation byte for byte, while compiling fewer
 * sources.
 */
class RandomHistoryTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 11})
    void incrementalEqualsFullAtEveryCommitOfAGeneratedHistory(long seed) throws Exception {
        Path repo = tmp.resolve("repo");
        SyntheticHistory.generate(repo, null, 60, 30, seed);
        int partial = 0;
        try (RevisionCompiler compiler = RevisionCompiler.open(repo, TestArtifacts.options());
                RevisionCompiler full = RevisionCompiler.open(repo, TestArtifacts.options())) {
            List<ObjectId> chain = compiler.firstParentChain(compiler.resolve("HEAD"), Integer.MAX_VALUE);
            assertEquals(30, chain.size());
            RevisionResult.Compiled previous =
                    assertInstanceOf(RevisionResult.Compiled.class, compiler.compile(chain.get(0)));
            for (ObjectId commit : chain.subList(1, chain.size())) {
                RevisionResult.Compiled expected =
                        assertInstanceOf(RevisionResult.Compiled.class, full.compile(commit));
                RevisionResult.Compiled actual =
                        assertInstanceOf(RevisionResult.Compiled.class, compiler.compileIncremental(commit, previous));
                assertEquals(List.of(), RevisionCompiler.differences(expected, actual), "at " + commit);
                if (actual.modules().get(0).compiledSources()
                        < expected.modules().get(0).compiledSources()) {
                    partial++;
                }
                previous = actual;
            }
        }
        assertTrue(partial >= 20, "only " + partial + " of 29 commits were compiled incrementally");
    }
}
