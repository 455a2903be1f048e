package io.liveupdate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void anInterruptedWalkLeavesAPartialReportAndResumeFinishesIt() throws Exception {
        int commits = 80;
        try (GitHistory git = GitHistory.init(tmp.resolve("repo"))) {
            for (int i = 0; i < commits; i++) {
                StringBuilder methods = new StringBuilder();
                for (int m = 0; m <= i / 10; m++) {
                    methods.append(" public int f")
                            .append(m)
                            .append("() { return ")
                            .append(i)
                            .append("; }");
                }
                git.commit(
                        "commit " + i,
                        Map.of("src/main/java/p/A.java", "package p;\npublic class A {" + methods + " }\n"));
            }
        }
        Path cache = tmp.resolve("cache");
        // Started as a user would, then stopped as Ctrl-C stops it: SIGTERM runs the same shutdown hooks (a
        // process started in the background may ignore SIGINT).
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        System.getProperty("liveupdate.jar"),
                        "history",
                        "--repo",
                        "repo",
                        "--threads",
                        "1",
                        "--json",
                        "h.json")
                .directory(tmp.toFile())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("walk.log").toFile());
        builder.environment().put("LIVEUPDATE_CACHE", cache.toString());
        Process walk = builder.start();
        Path verdicts = cache.resolve("history");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (count(verdicts) < 5 && walk.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(walk.isAlive(), "still walking after 5 verdicts: " + Files.readString(tmp.resolve("walk.log")));
        walk.destroy();
        assertTrue(walk.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        String log = Files.readString(tmp.resolve("walk.log"));
        assertTrue(log.contains("interrupted: ") && log.contains("--resume"), log);
        assertFalse(log.contains("\tat "), log);
        String partial = Files.readString(tmp.resolve("h.json"));
        assertTrue(partial.contains("\"planned\" : " + commits), partial);
        int done = partial.split("\"sha\"").length - 1;
        assertTrue(done >= 5 && done < commits, "a partial report: " + done);

        CliRunner cli = CliRunner.in(tmp).env("LIVEUPDATE_CACHE", cache.toString());
        assertTrue(cli.run(2, "history", "--resume", "--threads", "2")
                .errorLine()
                .contains("--resume takes no other option"));
        CliRunner.Result resumed = cli.run(0, "history", "--resume");
        assertTrue(resumed.stdout().contains("verdicts came from liveupdate's cache"), resumed.stdout());
        assertFalse(resumed.stdout().contains("interrupted"), resumed.stdout());
        String full = Files.readString(tmp.resolve("h.json"));
        assertEquals(commits, full.split("\"sha\"").length - 1, "the resumed walk's report is whole");
        assertTrue(cli.run(2, "history", "--resume").errorLine().contains("no interrupted walk to resume"));
    }

    private static long count(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }
}
