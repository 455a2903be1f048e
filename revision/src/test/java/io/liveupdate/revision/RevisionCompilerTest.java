package io.liveupdate.revision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.differ.Differ;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.testing.GitHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;

class RevisionCompilerTest {
    @TempDir
    Path tmp;

    @Test
    void compilesCommittedSourcesWithoutTouchingTheWorkingTree() throws IOException {
        try (GitHistory repo = GitHistory.init(tmp)) {
            RevCommit first = repo.commit(
                    "first",
                    Map.of("src/main/java/p/A.java", "package p;\npublic class A { public int v() { return 1; } }\n"));
            // Uncommitted garbage in the working tree must not matter.
            Files.writeString(tmp.resolve("src/main/java/p/A.java"), "this does not compile");
            try (RevisionCompiler compiler = new RevisionCompiler(repo.repository(), TestArtifacts.options())) {
                RevisionResult result = compiler.compile(first);

                RevisionResult.Compiled compiled = assertInstanceOf(RevisionResult.Compiled.class, result);
                assertEquals(BuildMode.FULL, compiled.mode());
                assertEquals(first, compiled.commit());
                byte[] a = compiled.classes().get("p/A.class");
                assertEquals("p/A", new ClassReader(a).getClassName());
                assertEquals("defaults", compiled.specs().get(0).origin());
                assertTrue(compiled.specs().get(0).javacOptions().contains("-g"));
            }
            assertEquals("this does not compile", Files.readString(tmp.resolve("src/main/java/p/A.java")));
            assertTrue(repo.git().status().call().getModified().contains("src/main/java/p/A.java"));
        } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRevisionThatDoesNotCompileIsATypedFailureWithPathAndLine() {
        try (GitHistory repo = GitHistory.init(tmp)) {
            RevCommit good = repo.commit("good", Map.of("src/main/java/p/A.java", "package p;\npublic class A {}\n"));
            RevCommit bad = repo.commit(
                    "bad", Map.of("src/main/java/p/B.java", "package p;\n\npublic class B { int x = y; }\n"));
            try (RevisionCompiler compiler = new RevisionCompiler(repo.repository(), TestArtifacts.options())) {
                RevisionDiff.Outcome outcome = new RevisionDiff(compiler, new Differ(Profile.HOTSWAP)).diff(good, bad);

                RevisionDiff.Failed failed = assertInstanceOf(RevisionDiff.Failed.class, outcome);
                assertEquals(RevisionDiff.Side.TARGET, failed.side());
                assertEquals(bad, failed.failure().commit());
                assertEquals(RevisionResult.Stage.COMPILATION, failed.failure().stage());
                assertFalse(failed.failure().artifactsMissing());
                assertTrue(
                        failed.failure().message().startsWith("src/main/java/p/B.java:3: "),
                        failed.failure().message());
                assertInstanceOf(RevisionResult.Compiled.class, compiler.compile(good));
            }
        }
    }

    @Test
    void unknownRevisionAndNonRepositoryAreTypedExceptions() throws IOException {
        try (GitHistory repo = GitHistory.init(tmp.resolve("repo"))) {
            repo.commit("one", Map.of("A.java", "class A {}\n"));
            try (RevisionCompiler compiler = new RevisionCompiler(repo.repository(), TestArtifacts.options())) {
                RevisionException e = assertThrows(RevisionException.class, () -> compiler.resolve("no-such-branch"));
                assertEquals(RevisionException.Reason.UNKNOWN_REVISION, e.reason());
                assertTrue(e.getMessage().contains("no-such-branch"), e.getMessage());
            }
        }
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        RevisionException e =
                assertThrows(RevisionException.class, () -> RevisionCompiler.open(plain, TestArtifacts.options()));
        assertEquals(RevisionException.Reason.NOT_A_REPOSITORY, e.reason());
    }

    @Test
    void fullCompilationIsDeterministicAcrossCompilers() {
        try (GitHistory repo = GitHistory.init(tmp)) {
            RevCommit c = repo.commit(
                    "one",
                    Map.of(
                            "src/main/java/p/A.java",
                            "package p;\npublic class A { Runnable r = () -> System.out.println(B.K); }\n",
                            "src/main/java/p/B.java",
                            "package p;\nclass B { static final String K = \"k\"; }\n"));
            byte[] first;
            try (RevisionCompiler compiler = new RevisionCompiler(repo.repository(), TestArtifacts.options())) {
                first = ((RevisionResult.Compiled) compiler.compile(c))
                        .classes()
                        .get("p/A.class");
            }
            try (RevisionCompiler compiler = new RevisionCompiler(repo.repository(), TestArtifacts.options())) {
                assertArrayEquals(
                        first,
                        ((RevisionResult.Compiled) compiler.compile(c))
                                .classes()
                                .get("p/A.class"));
            }
        }
    }

    @Test
    void anUnknownRevisionOfAnInMemoryRepositoryIsATypedException() {
        try (GitHistory repo = GitHistory.inMemory()) {
            RevCommit one = repo.commit("one", "src/main/java/p/A.java", "package p;\npublic class A {}\n");
            try (RevisionCompiler compiler = new RevisionCompiler(repo.repository(), TestArtifacts.options())) {
                RevisionException unknown =
                        assertThrows(RevisionException.class, () -> compiler.resolve("no-such-branch"));
                RevisionException missing = assertThrows(
                        RevisionException.class,
                        () -> compiler.compile(ObjectId.fromString("0123456789012345678901234567890123456789")));

                assertEquals(RevisionException.Reason.UNKNOWN_REVISION, unknown.reason());
                assertEquals("unknown revision 'no-such-branch' in repository", unknown.getMessage());
                assertEquals(RevisionException.Reason.UNKNOWN_REVISION, missing.reason());
                assertInstanceOf(RevisionResult.Compiled.class, compiler.compile(compiler.resolve("HEAD")));
                assertEquals(one, compiler.resolve("main"));
            }
        }
    }

    @Test
    void bareRepositoriesAreReadToo() {
        try (GitHistory repo = GitHistory.init(tmp.resolve("work"))) {
            repo.commit("one", "src/main/java/p/A.java", "package p;\npublic class A {}\n");
            Path bare = repo.cloneBare(tmp.resolve("server.git"));
            try (RevisionCompiler compiler = RevisionCompiler.open(bare, TestArtifacts.options())) {
                RevisionResult.Compiled compiled =
                        assertInstanceOf(RevisionResult.Compiled.class, compiler.compile(compiler.resolve("HEAD")));

                assertTrue(compiled.classes().containsKey("p/A.class"));
                assertEquals("server.git", compiler.describe());
            }
        }
    }

    @Test
    void revisionDiffComparesTwoRevisionsOrSaysWhichSideFailed() {
        try (GitHistory repo = GitHistory.init(tmp)) {
            RevCommit broken = repo.commit("broken", "src/main/java/p/A.java", "package p;\nclass A { int x = y; }\n");
            RevCommit one =
                    repo.commit("one", "src/main/java/p/A.java", "package p;\nclass A { int f() { return 1; } }\n");
            RevCommit two =
                    repo.commit("two", "src/main/java/p/A.java", "package p;\nclass A { int f() { return 2; } }\n");
            try (RevisionCompiler compiler = new RevisionCompiler(repo.repository(), TestArtifacts.options())) {
                RevisionDiff diff = new RevisionDiff(compiler, new Differ(Profile.HOTSWAP));

                RevisionDiff.Diffed diffed = assertInstanceOf(RevisionDiff.Diffed.class, diff.diff(one, two));
                RevisionDiff.Failed failed = assertInstanceOf(RevisionDiff.Failed.class, diff.diff(broken, two));

                assertEquals(one, diffed.base().commit());
                assertEquals(two, diffed.target().commit());
                assertEquals(BuildMode.INCREMENTAL, diffed.target().mode());
                assertEquals(UpdateLevel.HOTSWAP, diffed.diff().level());
                assertEquals("p.A", diffed.diff().classes().get(0).name());
                assertEquals(RevisionDiff.Side.BASE, failed.side());
                assertEquals(broken, failed.failure().commit());
            }
        }
    }

    @Test
    void incrementalVerificationWalksTheFirstParentChain() {
        try (GitHistory repo = GitHistory.init(tmp)) {
            repo.commit(
                    "1", "src/main/java/p/K.java", "package p;\npublic class K { public static final int V = 1; }\n");
            repo.commit("2", "src/main/java/p/U.java", "package p;\nclass U { int v() { return K.V; } }\n");
            repo.commit(
                    "3", "src/main/java/p/K.java", "package p;\npublic class K { public static final int V = 2; }\n");
            try (RevisionCompiler compiler = new RevisionCompiler(repo.repository(), TestArtifacts.options())) {
                IncrementalVerification.Report all =
                        new IncrementalVerification(compiler).verify(compiler.resolve("HEAD"), 10);
                IncrementalVerification.Report last =
                        new IncrementalVerification(compiler).verify(compiler.resolve("HEAD"), 2);

                assertEquals(3, all.commits().size());
                assertEquals(0, all.mismatches());
                assertEquals(compiler.resolve("HEAD~2"), all.commits().get(0).commit());
                assertEquals(2, last.commits().size());
                assertTrue(all.commits().stream().allMatch(IncrementalVerification.CommitCheck::agrees));
            }
        }
    }

    @Test
    void aReleaseCommitThatOnlyBumpsTheVersionStillCompilesIncrementally() {
        String pom = "<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId>"
                + "<version>VERSION</version><properties><maven.compiler.release>11</maven.compiler.release>"
                + "</properties></project>";
        try (GitHistory repo = GitHistory.init(tmp)) {
            Map<String, String> first = new java.util.LinkedHashMap<>();
            first.put("pom.xml", pom.replace("VERSION", "1.0-SNAPSHOT"));
            for (int i = 0; i < 5; i++) {
                first.put(
                        "src/main/java/p/C" + i + ".java",
                        "package p;\npublic class C" + i + " { int v() { return " + i + "; } }\n");
            }
            RevCommit base = repo.commit("work", first);
            RevCommit release = repo.commit(
                    "release 1.0",
                    Map.of(
                            "pom.xml",
                            pom.replace("VERSION", "1.0"),
                            "src/main/java/p/C0.java",
                            "package p;\npublic class C0 { int v() { return 42; } }\n"));
            try (RevisionCompiler compiler = new RevisionCompiler(repo.repository(), TestArtifacts.options())) {
                RevisionResult.Compiled from = assertInstanceOf(RevisionResult.Compiled.class, compiler.compile(base));
                RevisionResult.Compiled incremental =
                        assertInstanceOf(RevisionResult.Compiled.class, compiler.compileIncremental(release, from));
                RevisionResult.Compiled full =
                        assertInstanceOf(RevisionResult.Compiled.class, compiler.compile(release));
                assertEquals(List.of(), RevisionCompiler.differences(incremental, full));
                assertEquals(BuildMode.INCREMENTAL, incremental.modules().get(0).mode());
                assertEquals(1, incremental.modules().get(0).compiledSources(), "only the changed source");
                assertEquals("1.0", incremental.specs().get(0).version());
            }
        }
    }
}
