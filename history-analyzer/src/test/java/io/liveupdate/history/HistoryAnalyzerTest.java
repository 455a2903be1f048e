package io.liveupdate.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.liveupdate.differ.Differ;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.revision.RevisionCompiler;
import io.liveupdate.revision.RevisionDiff;
import io.liveupdate.revision.RevisionException;
import io.liveupdate.testing.GitHistory;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history walk on generated histories: every status, counted as DESIGN.md says, each level equal to what
 * {@code diff --repo} gives for the pair, the same records on one thread and on several.
 */
class HistoryAnalyzerTest {
    @TempDir
    Path tmp;

    private static final String A1 = "package p;\npublic class A { public int f() { return 1; } }\n";
    private static final String A2 = "package p;\npublic class A { public int f() { return 2; } }\n";
    private static final String A3 =
            "package p;\npublic class A { public int f() { return 2; } public int g() { return 3; } }\n";

    private Path history() throws Exception {
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit("root", Map.of("src/main/java/p/A.java", A1));
            git.commit("body", Map.of("src/main/java/p/A.java", A2));
            git.commit("docs only", Map.of("README.md", "# readme\n"));
            git.commit("method added", Map.of("src/main/java/p/A.java", A3));
            git.commit("broken", Map.of("src/main/java/p/B.java", "package p;\nclass B { int x = y; }\n"));
            git.commit("fixed", Map.of("src/main/java/p/B.java", "package p;\nclass B { int x = 1; }\n"));
            Map<String, String> rename = new LinkedHashMap<>();
            rename.put("src/main/java/p/B.java", null);
            rename.put("src/main/java/p/C.java", "package p;\nclass C { int x = 1; }\n");
            git.commit("rename B to C", rename);
            git.commitBytes(
                    "binary", Map.of("src/main/resources/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0}));
            git.commit("empty", Map.of());
            git.commit(
                    "comment only",
                    Map.of("src/main/java/p/A.java", A3.replace("{ public int f", "{ // c\n public int f")));
            Map<String, String> delete = new HashMap<>();
            delete.put("src/main/java/p/C.java", null);
            git.commit("delete C", delete);
            // A merge: a side branch changes A's body; main merges it with --no-ff.
            Git g = git.git();
            String main = g.getRepository().getBranch();
            g.branchCreate().setName("side").call();
            g.checkout().setName("side").call();
            git.commit("side change", Map.of("src/main/java/p/A.java", A3.replace("return 3;", "return 4;")));
            g.checkout().setName(main).call();
            g.merge()
                    .include(g.getRepository().resolve("side"))
                    .setFastForward(MergeCommand.FastForwardMode.NO_FF)
                    .setMessage("merge side")
                    .call();
        }
        return repo;
    }

    private static HistoryAnalyzer.Request all(int threads) {
        return new HistoryAnalyzer.Request(null, null, 0, Profile.HOTSWAP, threads);
    }

    @Test
    void everyCommitGetsItsStatusAndLevelAsDiffWouldSay() throws Exception {
        Path repo = history();
        HistoryAnalyzer.Report report = HistoryAnalyzer.analyze(repo, RevisionCompiler.Options.defaults(), all(1));
        Map<String, CommitRecord> bySubject = new LinkedHashMap<>();
        report.commits().forEach(r -> bySubject.put(r.subject(), r));

        assertEquals(
                List.of(
                        "root",
                        "body",
                        "docs only",
                        "method added",
                        "broken",
                        "fixed",
                        "rename B to C",
                        "binary",
                        "empty",
                        "comment only",
                        "delete C",
                        "merge side"),
                List.copyOf(bySubject.keySet()),
                "first parent only: the side branch's commit is not walked");
        assertEquals("ROOT_COMMIT", bySubject.get("root").reason());
        assertEquals(CommitStatus.SKIPPED, bySubject.get("root").status());
        assertEquals(UpdateLevel.HOTSWAP, bySubject.get("body").level());
        assertEquals(CommitStatus.NO_CODE_CHANGE, bySubject.get("docs only").status());
        assertEquals(UpdateLevel.ENHANCED, bySubject.get("method added").level());
        assertEquals(
                "UNSUPPORTED_REDEFINITION_METHOD_ADDED",
                bySubject.get("method added").reason());
        CommitRecord broken = bySubject.get("broken");
        assertEquals(CommitStatus.UNCOMPILABLE, broken.status());
        assertEquals("commit", broken.error().side());
        assertTrue(
                broken.error().message().startsWith("src/main/java/p/B.java:2: "),
                broken.error().message());
        assertEquals("parent", bySubject.get("fixed").error().side());
        assertEquals(CommitStatus.ANALYZED, bySubject.get("rename B to C").status());
        assertEquals(2, bySubject.get("rename B to C").changedClasses());
        assertEquals(CommitStatus.NO_CODE_CHANGE, bySubject.get("binary").status());
        assertEquals(CommitStatus.NO_CODE_CHANGE, bySubject.get("empty").status());
        assertEquals(UpdateLevel.NONE, bySubject.get("comment only").level(), "only line numbers changed");
        assertEquals(CommitStatus.ANALYZED, bySubject.get("delete C").status());
        assertEquals(UpdateLevel.HOTSWAP, bySubject.get("merge side").level(), "compared with its first parent");
        assertNull(bySubject.get("docs only").level());

        // The level of every analysed commit is the one diff --repo gives for the same pair.
        try (RevisionCompiler compiler = RevisionCompiler.open(repo, RevisionCompiler.Options.defaults())) {
            RevisionDiff diff = new RevisionDiff(compiler, new Differ(Profile.HOTSWAP));
            for (CommitRecord r : report.commits()) {
                if (r.status() == CommitStatus.ANALYZED) {
                    RevisionDiff.Outcome o = diff.diff(ObjectId.fromString(r.parent()), ObjectId.fromString(r.sha()));
                    assertEquals(((RevisionDiff.Diffed) o).diff().level(), r.level(), r.subject());
                }
            }
        }

        HistorySummary s = report.summary();
        assertEquals(12, s.commits());
        assertEquals(s.analyzed() + s.uncompilable() + s.skipped(), s.attempted());
        assertEquals(6, s.analyzed());
        assertEquals(2, s.uncompilable());
        assertEquals(1, s.skipped());
        assertEquals(2, s.hotswapWithoutHazards());
        assertTrue(
                HistoryReports.text(report)
                        .startsWith(
                                "83.3 % of the code-changing commits of repo could have been"
                                        + " applied with standard HotSwap, 16.7 % more with enhanced redefinition; coverage 66.7 %"),
                HistoryReports.text(report));
    }

    @Test
    void rangesOnSeveralThreadsGiveTheSameRecords() throws Exception {
        Path repo = history();
        java.util.concurrent.atomic.AtomicInteger total = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        HistoryAnalyzer.Report one = HistoryAnalyzer.analyze(
                repo, RevisionCompiler.Options.defaults(), all(1), new HistoryAnalyzer.Listener() {
                    @Override
                    public void started(int commits) {
                        total.set(commits);
                    }

                    @Override
                    public void analyzed(CommitRecord record) {
                        done.incrementAndGet();
                    }
                });
        assertEquals(12, total.get());
        assertEquals(12, done.get(), "the listener hears of every commit");
        HistoryAnalyzer.Report three = HistoryAnalyzer.analyze(repo, RevisionCompiler.Options.defaults(), all(3));
        assertEquals(one.commits(), three.commits());
        StringWriter a = new StringWriter();
        StringWriter b = new StringWriter();
        HistoryReports.json(one, a);
        HistoryReports.json(three, b);
        assertEquals(a.toString(), b.toString(), "byte-identical reports");
    }

    @Test
    void aSecondWalkTakesItsVerdictsFromTheCache() throws Exception {
        Path repo = history();
        HistoryCache cache = HistoryCache.of(new io.liveupdate.revision.ToolCache(tmp.resolve("cache")), "test");
        HistoryAnalyzer.Request request = new HistoryAnalyzer.Request(null, null, 0, Profile.HOTSWAP, 2, cache);
        HistoryAnalyzer.Report first = HistoryAnalyzer.analyze(repo, RevisionCompiler.Options.defaults(), request);
        assertEquals(0, first.fromCache());
        HistoryAnalyzer.Report second = HistoryAnalyzer.analyze(repo, RevisionCompiler.Options.defaults(), request);
        assertEquals(first.commits(), second.commits(), "the same verdicts");
        assertEquals(8, second.fromCache(), "every compiled verdict (analyzed and uncompilable) came from the cache");
        HistoryAnalyzer.Report other = HistoryAnalyzer.analyze(
                repo,
                RevisionCompiler.Options.defaults(),
                new HistoryAnalyzer.Request(null, null, 0, Profile.HOTSWAP_ADD_DELETE, 1, cache));
        assertEquals(0, other.fromCache(), "another profile is another key");
    }

    @Test
    void aLanguageLevelTooOldForThisJavacIsRaisedAndReportedAlsoFromTheCache() throws Exception {
        Path repo = tmp.resolve("old");
        String pom = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>org.example</groupId><artifactId>old</artifactId><version>1</version>"
                + "<properties><maven.compiler.source>1.4</maven.compiler.source>"
                + "<maven.compiler.target>1.4</maven.compiler.target></properties></project>\n";
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit("one", Map.of("pom.xml", pom, "src/main/java/p/A.java", A1));
            git.commit("two", Map.of("src/main/java/p/A.java", A2));
        }
        HistoryCache cache = HistoryCache.of(new io.liveupdate.revision.ToolCache(tmp.resolve("cache")), "test");
        HistoryAnalyzer.Request request = new HistoryAnalyzer.Request(null, null, 0, Profile.HOTSWAP, 1, cache);
        HistoryAnalyzer.Report first = HistoryAnalyzer.analyze(
                repo, RevisionCompiler.Options.defaults().withClasspath(List.of()), request);
        assertEquals(UpdateLevel.HOTSWAP, first.commits().get(1).level());
        assertTrue(
                first.compilerNotes().stream().anyMatch(n -> n.startsWith("source 1.4 raised to ")),
                first.compilerNotes().toString());
        assertTrue(HistoryReports.text(first).contains("note: source 1.4 raised to "), HistoryReports.text(first));
        HistoryAnalyzer.Report second = HistoryAnalyzer.analyze(
                repo, RevisionCompiler.Options.defaults().withClasspath(List.of()), request);
        assertEquals(1, second.fromCache());
        assertEquals(first.compilerNotes(), second.compilerNotes(), "the notes come back with the cached verdict");
    }

    @Test
    void theJsonFollowsTheContractAndTheCsvQuotes() throws Exception {
        Path repo = history();
        HistoryAnalyzer.Report report = HistoryAnalyzer.analyze(
                repo,
                RevisionCompiler.Options.defaults(),
                new HistoryAnalyzer.Request("HEAD~3", null, 0, Profile.HOTSWAP, 2));
        assertEquals(3, report.commits().size());
        StringWriter json = new StringWriter();
        HistoryReports.json(report, json);
        List<String> keys = new java.util.ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json.toString())) {
            while (p.nextToken() != null) {
                if (p.currentToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME
                        && p.getParsingContext().getParent().inRoot()) {
                    keys.add(p.currentName());
                }
            }
        }
        assertEquals(List.of("formatVersion", "repository", "head", "profile", "compiler", "summary", "commits"), keys);
        assertTrue(json.toString().contains("\"repository\" : \"repo\""));
        StringWriter csv = new StringWriter();
        HistoryReports.csv(report, csv);
        List<String> lines = csv.toString().lines().toList();
        assertEquals(
                "sha,parent,date,status,level,reason,hazards,changedClasses,errorSide,errorMessage,subject,"
                        + "blockingClasses",
                lines.get(0));
        assertEquals(4, lines.size());
    }

    @Test
    void badRangesEmptyRepositoriesAndRepositoriesWithoutJava() throws Exception {
        Path repo = history();
        RevisionException e = assertThrows(
                RevisionException.class,
                () -> HistoryAnalyzer.analyze(
                        repo,
                        RevisionCompiler.Options.defaults(),
                        new HistoryAnalyzer.Request("side", "HEAD~1", 0, Profile.HOTSWAP, 1)));
        assertTrue(e.getMessage().contains("is not an ancestor of HEAD~1"), e.getMessage());

        Path empty = tmp.resolve("empty");
        GitHistory.init(empty).close();
        HistoryAnalyzer.Report none = HistoryAnalyzer.analyze(empty, RevisionCompiler.Options.defaults(), all(2));
        assertEquals(0, none.commits().size());
        assertEquals("empty: no commits to analyse\n", HistoryReports.text(none));

        Path docs = tmp.resolve("docs");
        try (GitHistory git = GitHistory.init(docs)) {
            git.commit("one", Map.of("README.md", "a\n"));
            git.commit("two", Map.of("README.md", "b\n"));
        }
        HistoryAnalyzer.Report noJava = HistoryAnalyzer.analyze(docs, RevisionCompiler.Options.defaults(), all(2));
        assertEquals(2, noJava.commits().size());
        assertTrue(
                HistoryReports.text(noJava).contains("none of which changes main Java sources"),
                HistoryReports.text(noJava));
    }

    @Test
    void aShallowCloneAnalysesWhatIsThereAndSkipsItsBoundary() throws Exception {
        Path repo = history();
        Path shallow = tmp.resolve("shallow");
        Process p = new ProcessBuilder(
                        "git", "clone", "-q", "--depth", "3", "file://" + repo.toAbsolutePath(), shallow.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        HistoryAnalyzer.Report report = HistoryAnalyzer.analyze(shallow, RevisionCompiler.Options.defaults(), all(1));
        assertEquals(3, report.commits().size());
        assertEquals("SHALLOW_BOUNDARY", report.commits().get(0).reason());
        assertEquals(CommitStatus.ANALYZED, report.commits().get(2).status());
    }

    @Test
    void allWalksSideBranchesTooEachAgainstItsFirstParent() throws Exception {
        Path repo = history();
        HistoryAnalyzer.Report firstParent = HistoryAnalyzer.analyze(repo, RevisionCompiler.Options.defaults(), all(1));
        HistoryAnalyzer.Report every =
                HistoryAnalyzer.analyze(repo, RevisionCompiler.Options.defaults(), all(2).withAll(true));
        assertEquals(12, firstParent.commits().size());
        assertEquals(13, every.commits().size(), "the side branch's commit too");
        CommitRecord side = every.commits().stream()
                .filter(r -> r.subject().equals("side change"))
                .findFirst()
                .orElseThrow();
        assertEquals(CommitStatus.ANALYZED, side.status());
        assertEquals(UpdateLevel.HOTSWAP, side.level(), "a body change against its parent");
        java.util.List<String> order =
                every.commits().stream().map(CommitRecord::sha).toList();
        for (CommitRecord r : every.commits()) {
            if (r.parent() != null) {
                assertTrue(order.indexOf(r.parent()) < order.indexOf(r.sha()), "parents come first: " + r.subject());
            }
        }
        HistoryAnalyzer.Report newest = HistoryAnalyzer.analyze(
                repo,
                RevisionCompiler.Options.defaults(),
                new HistoryAnalyzer.Request(null, null, 3, Profile.HOTSWAP, 1).withAll(true));
        assertEquals(
                order.subList(10, 13),
                newest.commits().stream().map(CommitRecord::sha).toList());
    }

    @Test
    void aCommitPastItsTimeoutIsSkippedAndTheWalkGoesOn() throws Exception {
        Path repo = history();
        HistoryAnalyzer.Report report = HistoryAnalyzer.analyze(
                repo, RevisionCompiler.Options.defaults(), all(1).withCommitTimeout(java.time.Duration.ofNanos(1)));
        assertEquals(12, report.commits().size());
        for (CommitRecord r : report.commits()) {
            if (r.status() == CommitStatus.SKIPPED && !"ROOT_COMMIT".equals(r.reason())) {
                assertEquals("TIMEOUT", r.reason(), r.subject());
            } else {
                assertTrue(
                        r.status() == CommitStatus.NO_CODE_CHANGE || "ROOT_COMMIT".equals(r.reason()),
                        "nothing compiled within a nanosecond: " + r);
            }
        }
        assertTrue(report.summary().skipped() >= 9, "every compiled commit timed out: " + report.summary());
        HistoryAnalyzer.Report generous = HistoryAnalyzer.analyze(
                repo, RevisionCompiler.Options.defaults(), all(2).withCommitTimeout(java.time.Duration.ofMinutes(5)));
        assertEquals(
                HistoryAnalyzer.analyze(repo, RevisionCompiler.Options.defaults(), all(1))
                        .commits(),
                generous.commits(),
                "a timeout that is not reached changes nothing");
    }

    @Test
    void theCacheIsTrimmedToItsCapLeastRecentlyUsedFirst() throws Exception {
        Path repo = history();
        Path dir = tmp.resolve("small-cache");
        HistoryCache cache = HistoryCache.of(new io.liveupdate.revision.ToolCache(dir), "test", 1000);
        HistoryAnalyzer.analyze(
                repo,
                RevisionCompiler.Options.defaults(),
                new HistoryAnalyzer.Request(null, null, 0, Profile.HOTSWAP, 1, cache));
        long total = 0;
        int entries = 0;
        try (var files = java.nio.file.Files.list(dir.resolve("history"))) {
            for (Path f : files.toList()) {
                total += java.nio.file.Files.size(f);
                entries++;
            }
        }
        assertTrue(total <= 1000, "at most the cap: " + total);
        assertTrue(entries > 0 && entries < 8, "some verdicts kept, not all 8: " + entries);
    }

    @Test
    void theSummaryNamesTheClassesThatBlockAndRepeatsItselfPerYear() throws Exception {
        Path repo = history();
        HistoryAnalyzer.Report report = HistoryAnalyzer.analyze(repo, RevisionCompiler.Options.defaults(), all(1));
        CommitRecord added = report.commits().stream()
                .filter(r -> r.subject().equals("method added"))
                .findFirst()
                .orElseThrow();
        assertEquals(UpdateLevel.ENHANCED, added.level());
        assertEquals(List.of("p.A"), added.blockingClasses(), "the class at the commit's level");
        HistorySummary s = report.summary();
        int blockedByA = (int) report.commits().stream()
                .filter(r -> r.blockingClasses().contains("p.A"))
                .count();
        assertTrue(blockedByA >= 1);
        assertEquals(Map.of("p.A", blockedByA), s.classes());
        report.commits().stream()
                .filter(r -> r.level() != null && r.level().compareTo(UpdateLevel.HOTSWAP) <= 0)
                .forEach(r -> assertEquals(List.of(), r.blockingClasses(), "a HotSwap has no blocker: " + r));
        // Every commit of the generated history has a 2026 committer date: the year's summary is the whole one.
        assertEquals(List.of(2026), List.copyOf(s.years().keySet()));
        HistorySummary year = s.years().get(2026);
        assertEquals(s.attempted(), year.attempted());
        assertEquals(s.levels(), year.levels());
        assertEquals(s.reasons(), year.reasons());
        assertEquals(s.classes(), year.classes());
        assertEquals(Map.of(), year.years());
        StringWriter json = new StringWriter();
        HistoryReports.json(report, json);
        assertTrue(json.toString().contains("\"blockingClasses\" : [ \"p.A\" ]"), json.toString());
        assertTrue(HistoryReports.text(report).contains("classes that blocked HotSwap most often: p.A " + blockedByA));
    }

    @Test
    void aWorkerStuckWhereJavacGivesNoEventIsAbandonedAtMostTwiceAndTheWalkGoesOn() throws Exception {
        Path repo = history();
        HistoryAnalyzer.Report normal = HistoryAnalyzer.analyze(repo, RevisionCompiler.Options.defaults(), all(1));
        java.util.Set<String> stuck = new java.util.HashSet<>();
        for (String subject : List.of("body", "method added", "rename B to C")) {
            stuck.add(normal.commits().stream()
                    .filter(r -> r.subject().equals(subject))
                    .findFirst()
                    .orElseThrow()
                    .sha());
        }
        java.util.concurrent.atomic.AtomicInteger stalls = new java.util.concurrent.atomic.AtomicInteger();
        HistoryAnalyzer.grace = java.time.Duration.ofMillis(200);
        HistoryAnalyzer.beforeCommit = id -> {
            if (stuck.contains(id.name())) {
                stalls.incrementAndGet();
                try {
                    Thread.sleep(3_000); // no javac event comes: the cooperative cancel cannot reach it
                } catch (InterruptedException e) {
                    // shutdownNow of an abandoned worker: it ends as a stuck compile would, later
                }
            }
        };
        try {
            HistoryAnalyzer.Report report = HistoryAnalyzer.analyze(
                    repo,
                    RevisionCompiler.Options.defaults(),
                    all(1).withCommitTimeout(java.time.Duration.ofMillis(500)));
            assertEquals(normal.commits().size(), report.commits().size());
            for (int i = 0; i < report.commits().size(); i++) {
                CommitRecord got = report.commits().get(i);
                CommitRecord want = normal.commits().get(i);
                if (stuck.contains(want.sha())) {
                    assertEquals(CommitStatus.SKIPPED, got.status(), want.subject());
                    assertEquals("TIMEOUT", got.reason(), want.subject());
                } else {
                    assertEquals(want, got, "the walk goes on with a new compiler: " + want.subject());
                }
            }
            assertEquals(3, stalls.get());
        } finally {
            HistoryAnalyzer.grace = HistoryAnalyzer.GRACE;
            HistoryAnalyzer.beforeCommit = id -> {};
        }
    }

    @Test
    void aBareRepositoryGivesTheSameRecordsAsItsWorkTree() throws Exception {
        Path repo = history();
        Path bare = tmp.resolve("mirror.git");
        try (Git clone = Git.cloneRepository()
                .setURI(repo.toUri().toString())
                .setDirectory(bare.toFile())
                .setBare(true)
                .call()) {
            assertTrue(clone.getRepository().isBare());
        }
        HistoryAnalyzer.Report fromWorkTree =
                HistoryAnalyzer.analyze(repo, RevisionCompiler.Options.defaults(), all(1));
        HistoryAnalyzer.Report fromBare = HistoryAnalyzer.analyze(bare, RevisionCompiler.Options.defaults(), all(2));
        assertEquals(fromWorkTree.commits(), fromBare.commits());
        assertEquals("mirror", fromBare.repository(), "the directory's name without .git, never a path");
    }
}
