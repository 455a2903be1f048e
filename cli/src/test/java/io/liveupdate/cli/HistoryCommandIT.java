package io.liveupdate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.CliRunner;
import io.liveupdate.testing.GitHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code liveupdate history}: the headline on stdout, the JSON and CSV reports, and one-line refusals. */
class HistoryCommandIT {
    @TempDir
    Path tmp;

    @Test
    void theHeadlineAndTheReports() throws Exception {
        try (GitHistory git = GitHistory.init(tmp.resolve("repo"))) {
            git.commit(
                    "v1", Map.of("src/main/java/p/A.java", "package p;\npublic class A { int f() { return 1; } }\n"));
            git.commit(
                    "v2", Map.of("src/main/java/p/A.java", "package p;\npublic class A { int f() { return 2; } }\n"));
            git.commit("docs", Map.of("README.md", "docs\n"));
        }
        CliRunner cli = CliRunner.in(tmp);
        CliRunner.Result run =
                cli.run(0, "history", "--repo", "repo", "--json", "h.json", "--csv", "h.csv", "--threads", "2");
        assertTrue(
                run.stdout()
                        .startsWith("100.0 % of the code-changing commits of repo could have been applied with"
                                + " standard HotSwap, 0.0 % more with enhanced redefinition; coverage 50.0 % (1 of 2"
                                + " analyzed)"),
                run.stdout());
        String json = Files.readString(tmp.resolve("h.json"));
        assertTrue(json.contains("\"attempted\" : 2") && json.contains("\"reason\" : \"ROOT_COMMIT\""), json);
        assertEquals(4, Files.readAllLines(tmp.resolve("h.csv")).size());

        assertTrue(cli.run(2, "history", "--repo", "repo", "--from", "HEAD", "--to", "HEAD~2")
                .errorLine()
                .contains("is not an ancestor of HEAD~2"));
        Files.createDirectories(tmp.resolve("plain"));
        assertTrue(cli.run(2, "history", "--repo", "plain").errorLine().contains("not a git repository"));
        assertTrue(cli.run(2, "history", "--repo", "repo", "--threads", "0")
                .errorLine()
                .contains("--threads"));
    }
}
