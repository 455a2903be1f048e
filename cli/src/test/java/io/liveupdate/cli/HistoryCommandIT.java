package io.liveupdate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.CliRunner;
import io.liveupdate.testing.GitHistory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        CliRunner.Result run = cli.run(
                0,
                "history",
                "--repo",
                "repo",
                "--json",
                "h.json",
                "--csv",
                "h.csv",
                "--html",
                "h.html",
                "--threads",
                "2");
        assertTrue(
                run.stdout()
                        .startsWith("100.0 % of the code-changing commits of repo could have been applied with"
                                + " standard HotSwap, 0.0 % more with enhanced redefinition; coverage 50.0 % (1 of 2"
                                + " analyzed)"),
                run.stdout());
        String json = Files.readString(tmp.resolve("h.json"));
        assertTrue(json.contains("\"attempted\" : 2") && json.contains("\"reason\" : \"ROOT_COMMIT\""), json);
        assertEquals(4, Files.readAllLines(tmp.resolve("h.csv")).size());
        String html = Files.readString(tmp.resolve("h.html"));
        assertTrue(
                html.startsWith("<!DOCTYPE html>") && html.contains("<p id=\"headline\" class=\"headline\">100.0 %"),
                html);

        assertTrue(cli.run(2, "history", "--repo", "repo", "--from", "HEAD", "--to", "HEAD~2")
                .errorLine()
                .contains("is not an ancestor of HEAD~2"));
        Files.createDirectories(tmp.resolve("plain"));
        assertTrue(cli.run(2, "history", "--repo", "plain").errorLine().contains("not a git repository"));
        assertTrue(cli.run(2, "history", "--repo", "repo", "--threads", "0")
                .errorLine()
                .contains("--threads"));
        assertTrue(cli.run(2, "history", "--repo", "repo", "--html", "no-such-dir/h.html")
                .errorLine()
                .contains("no-such-dir"));
        assertTrue(cli.run(2, "history", "--repo", "repo", "--commit-timeout", "-1")
                .errorLine()
                .contains("--commit-timeout must be 0 or more"));
        assertTrue(cli.run(2, "history", "--repo", "repo", "--cache-limit", "0")
                .errorLine()
                .contains("--cache-limit must be 1 MiB or more"));
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

    @Test
    void eachCommitCompilesAgainstItsOwnDependencies() throws Exception {
        // The library changed its API between the two jars the history commits in turn (system scope, as old
        // projects committed their jars): compiled against the newest dependency set, the old commits would fail.
        byte[] one = jar("package lib;\npublic class Api { public static int one() { return 1; } }\n");
        byte[] two = jar("package lib;\npublic class Api { public static int two() { return 2; } }\n");
        String pom = "<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId>"
                + "<version>1</version><properties><maven.compiler.release>11</maven.compiler.release></properties>"
                + "<dependencies><dependency><groupId>g</groupId><artifactId>api</artifactId><version>@V@</version>"
                + "<scope>system</scope><systemPath>${project.basedir}/lib/api-@V@.jar</systemPath></dependency>"
                + "</dependencies></project>";
        String a = "package p;\npublic class A { public int f() { return lib.Api.CALL() + N; } }\n";
        try (GitHistory git = GitHistory.init(tmp.resolve("repo"))) {
            git.commitBytes(
                    "api 1",
                    Map.of(
                            "pom.xml", pom.replace("@V@", "1").getBytes(StandardCharsets.UTF_8),
                            "lib/api-1.jar", one,
                            "src/main/java/p/A.java",
                                    a.replace("CALL", "one").replace("N", "0").getBytes(StandardCharsets.UTF_8)));
            git.commit(
                    "body",
                    Map.of("src/main/java/p/A.java", a.replace("CALL", "one").replace("N", "1")));
            Map<String, byte[]> upgrade = new java.util.HashMap<>();
            upgrade.put("pom.xml", pom.replace("@V@", "2").getBytes(StandardCharsets.UTF_8));
            upgrade.put("lib/api-2.jar", two);
            upgrade.put(
                    "src/main/java/p/A.java",
                    a.replace("CALL", "two").replace("N", "1").getBytes(StandardCharsets.UTF_8));
            git.commitBytes("api 2", upgrade);
            Map<String, String> drop = new java.util.HashMap<>();
            drop.put("lib/api-1.jar", null);
            drop.put("src/main/java/p/A.java", a.replace("CALL", "two").replace("N", "2"));
            git.commit("body again, old jar gone", drop);
        }
        CliRunner.Result run = CliRunner.in(tmp)
                .env("LIVEUPDATE_CACHE", tmp.resolve("cache").toString())
                .run(0, "history", "--repo", "repo", "--offline", "--csv", "h.csv");
        List<String> rows = Files.readAllLines(tmp.resolve("h.csv"));
        assertEquals(5, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(1).contains("SKIPPED") && rows.get(1).contains("ROOT_COMMIT"), rows.get(1));
        for (String row : rows.subList(2, 5)) {
            assertTrue(row.contains(",ANALYZED,HOTSWAP,"), "compiles against its own jar: " + row);
        }
        assertTrue(run.stdout().contains("coverage 75.0 % (3 of 4 analyzed)"), run.stdout());
    }

    /** A jar holding the classes of {@code source}, compiled by this JDK's javac. */
    private byte[] jar(String source) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "lib");
        Path src = dir.resolve("Api.java");
        Files.writeString(src, source);
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        assertEquals(
                0,
                javac.run(
                        null,
                        null,
                        null,
                        "--release",
                        "11",
                        "-d",
                        dir.resolve("out").toString(),
                        src.toString()));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(bytes)) {
            out.putNextEntry(new java.util.jar.JarEntry("lib/Api.class"));
            out.write(Files.readAllBytes(dir.resolve("out/lib/Api.class")));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
