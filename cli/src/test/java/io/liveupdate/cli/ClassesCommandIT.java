package io.liveupdate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.cli.DiffCommandIT.Run;
import io.liveupdate.testing.CliRunner;
import io.liveupdate.testing.GitHistory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/** {@code liveupdate classes} run as a user runs it: the shaded jar in its own JVM, on real git repositories. */
class ClassesCommandIT {
    @TempDir
    Path tmp;

    private Run run(int expectedExit, String... args) {
        return new Run(CliRunner.in(tmp).run(expectedExit, args));
    }

    @Test
    void writesTheClassFilesOfAnOlderRevision() throws Exception {
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit("v1", Map.of("src/main/java/p/A.java", "package p;\npublic class A { String v = \"one\"; }\n"));
            git.commit("v2", Map.of("src/main/java/p/A.java", "package p;\npublic class A { String v = \"two\"; }\n"));
        }
        Path out = tmp.resolve("out");

        Run r = run(0, "classes", "--repo", repo.toString(), "--rev", "HEAD~1", "--out", out.toString());

        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        byte[] bytes = Files.readAllBytes(out.resolve("p/A.class"));
        assertEquals("p/A", new ClassReader(bytes).getClassName());
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("one") && !text.contains("two"));
        assertTrue(r.out().contains(" full: 1 class files"), r.out());
        try (var listing = Files.list(tmp)) {
            assertTrue(listing.noneMatch(f -> f.getFileName().toString().contains(".tmp-")), "temporary dir left");
        }
    }

    @Test
    void multiModuleRevisionWritesOneDirectoryPerModuleOrTheChosenModule() throws Exception {
        Path repo = tmp.resolve("repo");
        String head = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>";
        String parentRef =
                "<parent><groupId>org.example</groupId><artifactId>parent</artifactId><version>1</version></parent>";
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit(
                    "modules",
                    Map.of(
                            "pom.xml",
                                    head
                                            + "<groupId>org.example</groupId><artifactId>parent</artifactId><version>1</version>"
                                            + "<packaging>pom</packaging><modules><module>core</module><module>app</module></modules>"
                                            + "<properties><maven.compiler.release>17</maven.compiler.release></properties></project>",
                            "core/pom.xml", head + parentRef + "<artifactId>core</artifactId></project>",
                            "app/pom.xml",
                                    head + parentRef + "<artifactId>app</artifactId><dependencies><dependency>"
                                            + "<groupId>org.example</groupId><artifactId>core</artifactId><version>1</version>"
                                            + "</dependency></dependencies></project>",
                            "core/src/main/java/c/Core.java",
                                    "package c;\npublic class Core { public static int v() { return 1; } }\n",
                            "app/src/main/java/a/App.java", "package a;\npublic class App { int v = c.Core.v(); }\n"));
        }

        Run all = run(
                0,
                "classes",
                "--repo",
                repo.toString(),
                "--rev",
                "HEAD",
                "--out",
                tmp.resolve("all").toString());
        Run app = run(
                0,
                "classes",
                "--repo",
                repo.toString(),
                "--rev",
                "HEAD",
                "--out",
                tmp.resolve("app").toString(),
                "--module",
                "app");

        assertEquals(0, all.exit(), all.err());
        assertTrue(Files.isRegularFile(tmp.resolve("all/core/c/Core.class")));
        assertTrue(Files.isRegularFile(tmp.resolve("all/app/a/App.class")));
        assertEquals(0, app.exit(), app.err());
        assertTrue(Files.isRegularFile(tmp.resolve("app/a/App.class")));
        assertFalse(Files.exists(tmp.resolve("app/c/Core.class")));
        assertTrue(all.out().contains("--release 17"), all.out());
    }

    @Test
    void badInputIsOneLineAndExitTwoWithoutOutput() throws Exception {
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit("one", Map.of("A.java", "class A {}\n"));
        }
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Path out = tmp.resolve("out");

        Run notRepo = run(2, "classes", "--repo", plain.toString(), "--rev", "HEAD", "--out", out.toString());
        Run unknownRev = run(2, "classes", "--repo", repo.toString(), "--rev", "nope", "--out", out.toString());
        Run noParent = run(
                2,
                "classes",
                "--repo",
                repo.toString(),
                "--rev",
                "HEAD",
                "--out",
                tmp.resolve("x/y").toString());

        for (Run r : List.of(notRepo, unknownRev, noParent)) {
            assertEquals(2, r.exit(), r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertTrue(notRepo.err().contains("not a git repository"), notRepo.err());
        assertTrue(unknownRev.err().contains("'nope'"), unknownRev.err());
        assertTrue(noParent.err().contains("parent directory does not exist"), noParent.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void anOutputThatIsAFileASymlinkANonEmptyOrAnUnwritableDirectoryIsRefusedAndAnEmptyOneIsUsed() throws Exception {
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit("one", Map.of("src/main/java/p/A.java", "package p;\npublic class A {}\n"));
        }
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "keep");
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        for (Path out : List.of(file, dangling, full)) {
            Run r = run(2, "classes", "--repo", repo.toString(), "--rev", "HEAD", "--out", out.toString());
            assertTrue(r.err().contains("--out " + out), r.err());
        }
        assertTrue(locked.toFile().setWritable(false, false));
        try {
            // root writes into a read-only directory anyway; /proc refuses everyone
            Path unwritable = Files.isWritable(locked) ? Path.of("/proc/liveupdate-test-out") : locked.resolve("out");
            Run r = run(2, "classes", "--repo", repo.toString(), "--rev", "HEAD", "--out", unwritable.toString());
            assertTrue(r.err().contains(unwritable + ": cannot write"), r.err());
        } finally {
            locked.toFile().setWritable(true, false);
        }
        run(0, "classes", "--repo", repo.toString(), "--rev", "HEAD", "--out", empty.toString());

        assertEquals("keep", Files.readString(full.resolve("keep.txt")));
        assertFalse(Files.exists(tmp.resolve("nowhere")), "a dangling symlink was followed");
        assertTrue(Files.isRegularFile(empty.resolve("p/A.class")));
    }

    @Test
    void aRevisionOnlyItsOwnBuildReproducesNeedsTrustAndSaysWhyInOneLine() throws Exception {
        Path repo = tmp.resolve("repo");
        String pom = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>g</groupId><artifactId>a</artifactId><version>1</version><build><plugins><plugin>"
                + "<groupId>org.example</groupId><artifactId>gen-maven-plugin</artifactId><version>1</version>"
                + "<executions><execution><phase>generate-sources</phase><goals><goal>generate</goal></goals>"
                + "</execution></executions></plugin></plugins></build></project>";
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit("gen", Map.of("pom.xml", pom, "src/main/java/p/A.java", "package p;\npublic class A {}\n"));
        }
        Path out = tmp.resolve("out");

        Run refused = run(2, "classes", "--repo", repo.toString(), "--rev", "HEAD", "--out", out.toString());
        Run anyway = run(
                0,
                "classes",
                "--repo",
                repo.toString(),
                "--rev",
                "HEAD",
                "--out",
                out.toString(),
                "--no-maven-fallback");

        assertTrue(
                refused.err().contains("gen-maven-plugin:generate@generate-sources")
                        && refused.err().contains("--trust-build"),
                refused.err());
        assertTrue(
                anyway.out().contains("may differ from the repository's own build: gen-maven-plugin:generate"),
                anyway.out());
    }

    @Test
    void aRevisionThatDoesNotCompileIsAnInputErrorWithPathAndLine() throws Exception {
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit("bad", Map.of("src/main/java/p/B.java", "package p;\n\nclass B { int x = y; }\n"));
        }
        Path out = tmp.resolve("out");

        Run r = run(2, "classes", "--repo", repo.toString(), "--rev", "HEAD", "--out", out.toString());

        assertEquals(2, r.exit(), r.err());
        assertTrue(r.errLines().get(0).contains("src/main/java/p/B.java:3: "), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void classpathOverridesResolutionAndVerifyIncrementalChecksHistory() throws Exception {
        Path asm = Path.of(Opcodes.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit(
                    "1",
                    Map.of(
                            "src/main/java/p/K.java",
                                    "package p;\npublic class K { public static final int V = org.objectweb.asm.Opcodes.ASM9; }\n",
                            "src/main/java/p/U.java", "package p;\nclass U { int v() { return K.V; } }\n"));
            git.commit(
                    "2",
                    Map.of(
                            "src/main/java/p/K.java",
                            "package p;\npublic class K { public static final int V = org.objectweb.asm.Opcodes.ASM8; }\n"));
            git.commit("3", Map.of("src/main/java/p/W.java", "package p;\nclass W extends K {}\n"));
        }

        Run classes = run(
                0,
                "classes",
                "--repo",
                repo.toString(),
                "--rev",
                "HEAD",
                "--out",
                tmp.resolve("out").toString(),
                "--classpath",
                asm.toString());
        Run verify = run(
                0,
                "classes",
                "--repo",
                repo.toString(),
                "--rev",
                "HEAD",
                "--verify-incremental",
                "--classpath",
                asm.toString());

        assertEquals(0, classes.exit(), classes.err());
        assertTrue(Files.isRegularFile(tmp.resolve("out/p/W.class")));
        assertEquals(0, verify.exit(), verify.err());
        assertTrue(verify.out().startsWith("verified 3 commits up to HEAD: 0 mismatches"), verify.out());
        assertArrayEquals(
                new byte[] {(byte) 0xCA, (byte) 0xFE},
                java.util.Arrays.copyOf(Files.readAllBytes(tmp.resolve("out/p/U.class")), 2));
    }
}
