package io.liveupdate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.cli.DiffCommandIT.Run;
import io.liveupdate.testing.CliRunner;
import io.liveupdate.testing.GitHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code liveupdate diff --repo DIR --base REV [--target REV]}: two git revisions, compiled in memory, diffed. */
class DiffRepoIT {
    @TempDir
    Path tmp;

    private Run liveupdate(int expectedExit, String... args) {
        return new Run(CliRunner.in(tmp).run(expectedExit, args));
    }

    private Path history() throws Exception {
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit(
                    "v1", Map.of("src/main/java/p/A.java", "package p;\npublic class A { int f() { return 1; } }\n"));
            git.commit(
                    "v2", Map.of("src/main/java/p/A.java", "package p;\npublic class A { int f() { return 2; } }\n"));
            git.commit(
                    "v3",
                    Map.of(
                            "src/main/java/p/A.java",
                            "package p;\npublic class A { int f() { return 2; } int g() { return 3; } }\n"));
            git.commit("broken", Map.of("src/main/java/p/B.java", "package p;\n\nclass B { int x = y; }\n"));
        }
        return repo;
    }

    @Test
    void diffsTwoRevisionsWithoutACheckout() throws Exception {
        Path repo = history();
        String before = Files.readString(repo.resolve("src/main/java/p/B.java"));

        Run bodyOnly = liveupdate(0, "diff", "--repo", repo.toString(), "--base", "HEAD~3", "--target", "HEAD~2");
        Run methodAdded = liveupdate(
                0, "diff", "--repo", repo.toString(), "--base", "HEAD~2", "--target", "HEAD~1", "--format", "json");

        assertEquals(0, bodyOnly.exit(), bodyOnly.err());
        assertEquals(
                List.of(
                        "level HOTSWAP (profile hotswap): 1 classes listed (1 HOTSWAP), 0 unchanged",
                        "HOTSWAP   CHANGED p.A",
                        "          METHOD_BODY_CHANGED f()I"),
                bodyOnly.out().lines().skip(1).toList());
        assertTrue(bodyOnly.out().startsWith("inputs repo@"), bodyOnly.out());
        assertEquals(0, methodAdded.exit(), methodAdded.err());
        assertTrue(
                methodAdded.out().contains("\"reason\" : \"UNSUPPORTED_REDEFINITION_METHOD_ADDED\""),
                methodAdded.out());
        assertEquals(before, Files.readString(repo.resolve("src/main/java/p/B.java")), "the work tree is untouched");
    }

    @Test
    void aRevisionThatDoesNotCompileIsAnInputErrorNamingPathAndLine() throws Exception {
        Path repo = history();

        Run run = liveupdate(2, "diff", "--repo", repo.toString(), "--base", "HEAD~1");

        assertEquals(2, run.exit(), run.err());
        assertEquals("", run.out());
        String first = run.err().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("liveupdate: HEAD ("), first);
        assertTrue(first.contains("does not compile") && first.contains("src/main/java/p/B.java:3: "), first);
    }

    @Test
    void badCombinationsAndBadRepositoriesAreOneLineUsageErrors() throws Exception {
        Path repo = history();
        Path plain = Files.createDirectories(tmp.resolve("plain"));

        List<Run> runs = List.of(
                liveupdate(2, "diff", "--repo", repo.toString()),
                liveupdate(2, "diff", "a", "b", "--base", "HEAD"),
                liveupdate(2, "diff", plain.toString(), "--repo", repo.toString(), "--base", "HEAD"),
                liveupdate(2, "diff", "--repo", plain.toString(), "--base", "HEAD"),
                liveupdate(2, "diff", "--repo", repo.toString(), "--base", "nope"),
                liveupdate(2, "diff"));
        List<String> expected = List.of(
                "liveupdate: diff: --repo needs --base REV",
                "liveupdate: diff: --base and --target need --repo",
                "liveupdate: diff: give either OLD and NEW, or --repo, not both",
                "liveupdate: " + plain + ": not a git repository",
                "liveupdate: unknown revision 'nope' in " + repo.getFileName(),
                "liveupdate: diff: give OLD and NEW (directories or jars), or --repo DIR --base REV [--target REV]");

        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            assertEquals(2, r.exit(), r.err());
            assertEquals(List.of(expected.get(i)), r.err().lines().toList());
            assertFalse(r.err().contains("Exception"));
        }
    }
}
