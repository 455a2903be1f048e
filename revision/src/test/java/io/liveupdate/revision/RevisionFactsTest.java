package io.liveupdate.revision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.GitHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a unit records about its revisions: sequence, time, changed resources and dependencies, dirty work trees. */
class RevisionFactsTest {
    @TempDir
    Path tmp;

    @Test
    void sequenceTimeResourcesAndWorkTree() throws Exception {
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit(
                    "one",
                    Map.of("src/main/java/p/A.java", "package p; class A {}\n", "src/main/resources/a.txt", "1"));
            git.commit("two", Map.of("src/main/resources/a.txt", "2", "src/main/resources/b.txt", "b", "README", "r"));
        }
        try (RevisionCompiler compiler = RevisionCompiler.open(repo, TestArtifacts.options())) {
            RevisionFacts facts = new RevisionFacts(compiler);
            ObjectId one = compiler.resolve("HEAD~1");
            ObjectId two = compiler.resolve("HEAD");
            assertEquals(2, facts.firstParentCount(two));
            assertEquals(1, facts.firstParentCount(one));
            assertEquals(
                    GitHistory.EPOCH.getEpochSecond() / 60,
                    facts.commitTime(one).getEpochSecond() / 60);
            assertEquals(
                    List.of(
                            new RevisionFacts.PathChange("src/main/resources/a.txt", "CHANGED"),
                            new RevisionFacts.PathChange("src/main/resources/b.txt", "ADDED")),
                    facts.changedResources(one, two, List.of("")));

            List<String> roots = List.of("src/main/java", "pom.xml");
            assertFalse(facts.workTreeDiffers(two, roots));
            assertTrue(facts.workTreeDiffers(one, roots), "HEAD is not the target");
            Files.writeString(repo.resolve("src/main/java/p/B.java"), "package p; class B {}\n");
            assertTrue(facts.workTreeDiffers(two, roots), "an untracked source");
            assertFalse(facts.workTreeDiffers(two, List.of("pom.xml")), "only the paths named count");
        }
    }

    @Test
    void dependencyVersionsComeFromTheLocalRepositoryLayout() {
        Path local = tmp.resolve("m2");
        CompileSpec spec = new CompileSpec(
                        "",
                        "g",
                        "a",
                        "1",
                        "pom",
                        List.of("src/main/java"),
                        List.of(),
                        null,
                        List.of(),
                        List.of(),
                        List.of(),
                        false,
                        List.of(),
                        null,
                        List.of(),
                        List.of(),
                        null,
                        false)
                .withClasspath(List.of(
                        local.resolve("org/example/lib/1.0/lib-1.0.jar"),
                        local.resolve("com/acme/util/2.1/util-2.1.jar"),
                        tmp.resolve("elsewhere/x.jar")));
        Map<String, String> base = RevisionFacts.dependencyVersions(List.of(spec), local);
        assertEquals(Map.of("org.example:lib", "1.0", "com.acme:util", "2.1"), base);
        assertEquals(
                List.of(
                        new RevisionFacts.VersionChange("com.acme:util", "2.1", null),
                        new RevisionFacts.VersionChange("org.example:lib", "1.0", "1.1")),
                RevisionFacts.versionChanges(base, Map.of("org.example:lib", "1.1")));
        assertTrue(RevisionFacts.dependencyVersions(List.of(spec), null).isEmpty());
    }
}
