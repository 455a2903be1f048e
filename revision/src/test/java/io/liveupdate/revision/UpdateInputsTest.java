package io.liveupdate.revision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.Differ;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.testing.GitHistory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inputs of a unit: both revisions compiled (or a build's classes), their diff and the facts a unit records. */
class UpdateInputsTest {
    @TempDir
    Path tmp;

    @Test
    void twoRevisionsABuildsClassesAndAReleasedJar() throws Exception {
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit(
                    "v1", Map.of("src/main/java/p/A.java", "package p;\npublic class A { int f() { return 1; } }\n"));
            git.commit(
                    "v2",
                    Map.of(
                            "src/main/java/p/A.java", "package p;\npublic class A { int f() { return 2; } }\n",
                            "src/main/resources/app.properties", "x=1\n"));
            git.commit("broken", Map.of("src/main/java/p/B.java", "package p;\nclass B { int x = y; }\n"));
        }
        try (RevisionCompiler compiler = RevisionCompiler.open(repo, TestArtifacts.options())) {
            ObjectId v1 = compiler.resolve("HEAD~2");
            ObjectId v2 = compiler.resolve("HEAD~1");
            Differ differ = new Differ(Profile.HOTSWAP);

            UpdateInputs.Collected in = assertInstanceOf(
                    UpdateInputs.Collected.class,
                    UpdateInputs.collect(compiler, differ, new UpdateInputs.Request(v1, v2, null, null, null)));
            assertEquals(UpdateLevel.HOTSWAP, in.diff().level());
            assertEquals(2, in.sequence());
            assertFalse(in.dirty());
            assertEquals(
                    List.of(new RevisionFacts.PathChange("src/main/resources/app.properties", "ADDED")),
                    in.resources());
            assertTrue(in.releasedDiffers().isEmpty());

            // A build's classes (here: v2's) against a "released" jar that is v2 too: nothing differs, and the
            // released base differs from the compiled v1 in A.
            ClassSet built = ClassSet.of(
                    "build",
                    in.targetSet().classes(0).values().stream()
                            .collect(java.util.stream.Collectors.toMap(c -> "p/A.class", c -> c.bytes())));
            UpdateInputs.Collected released = assertInstanceOf(
                    UpdateInputs.Collected.class,
                    UpdateInputs.collect(compiler, differ, new UpdateInputs.Request(v1, v2, built, built, null)));
            assertEquals(List.of("p.A"), released.releasedDiffers());
            assertTrue(released.diff().classes().isEmpty());
            assertTrue(released.dirty(), "HEAD is not v2");

            UpdateInputs.Failed failed = assertInstanceOf(
                    UpdateInputs.Failed.class,
                    UpdateInputs.collect(
                            compiler,
                            differ,
                            new UpdateInputs.Request(v2, compiler.resolve("HEAD"), null, null, null)));
            assertEquals(RevisionDiff.Side.TARGET, failed.side());
        }
    }
}
