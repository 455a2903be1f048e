package io.liveupdate.differ.revision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;

class RevisionCompilerTest {
    @TempDir
    Path tmp;

    @Test
    void compilesCommittedSourcesWithoutTouchingTheWorkingTree() throws IOException {
        try (TestRepo repo = TestRepo.init(tmp)) {
            String first = repo.commit(
                    "first",
                    Map.of("src/main/java/p/A.java", "package p;\npublic class A { public int v() { return 1; } }\n"));
            // Uncommitted garbage in the working tree must not matter.
            Files.writeString(tmp.resolve("src/main/java/p/A.java"), "this does not compile");
            try (RevisionCompiler compiler =
                    new RevisionCompiler(repo.git().getRepository(), RevisionCompiler.Options.defaults())) {
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
        try (TestRepo repo = TestRepo.init(tmp)) {
            String good = repo.commit("good", Map.of("src/main/java/p/A.java", "package p;\npublic class A {}\n"));
            String bad = repo.commit(
                    "bad", Map.of("src/main/java/p/B.java", "package p;\n\npublic class B { int x = y; }\n"));
            try (RevisionCompiler compiler =
                    new RevisionCompiler(repo.git().getRepository(), RevisionCompiler.Options.defaults())) {
                RevisionPair pair = compiler.compilePair(good, bad);

                RevisionResult.Failed failed = assertInstanceOf(RevisionResult.Failed.class, pair.target());
                assertEquals(RevisionResult.Stage.COMPILATION, failed.stage());
                assertFalse(failed.artifactsMissing());
                assertTrue(failed.message().startsWith("src/main/java/p/B.java:3: "), failed.message());
                assertEquals(RevisionPair.Side.TARGET, pair.failedSide().orElseThrow());
                assertInstanceOf(RevisionResult.Compiled.class, compiler.compile(good));
            }
        }
    }

    @Test
    void unknownRevisionAndNonRepositoryAreTypedExceptions() throws IOException {
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            repo.commit("one", Map.of("A.java", "class A {}\n"));
            try (RevisionCompiler compiler =
                    new RevisionCompiler(repo.git().getRepository(), RevisionCompiler.Options.defaults())) {
                RevisionException e = assertThrows(RevisionException.class, () -> compiler.compile("no-such-branch"));
                assertEquals(RevisionException.Reason.UNKNOWN_REVISION, e.reason());
                assertTrue(e.getMessage().contains("no-such-branch"), e.getMessage());
            }
        }
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        RevisionException e = assertThrows(
                RevisionException.class, () -> RevisionCompiler.open(plain, RevisionCompiler.Options.defaults()));
        assertEquals(RevisionException.Reason.NOT_A_REPOSITORY, e.reason());
    }

    @Test
    void fullCompilationIsDeterministicAcrossCompilers() {
        try (TestRepo repo = TestRepo.init(tmp)) {
            String c = repo.commit(
                    "one",
                    Map.of(
                            "src/main/java/p/A.java",
                            "package p;\npublic class A { Runnable r = () -> System.out.println(B.K); }\n",
                            "src/main/java/p/B.java",
                            "package p;\nclass B { static final String K = \"k\"; }\n"));
            byte[] first;
            try (RevisionCompiler compiler =
                    new RevisionCompiler(repo.git().getRepository(), RevisionCompiler.Options.defaults())) {
                first = ((RevisionResult.Compiled) compiler.compile(c))
                        .classes()
                        .get("p/A.class");
            }
            try (RevisionCompiler compiler =
                    new RevisionCompiler(repo.git().getRepository(), RevisionCompiler.Options.defaults())) {
                assertArrayEquals(
                        first,
                        ((RevisionResult.Compiled) compiler.compile(c))
                                .classes()
                                .get("p/A.class"));
            }
        }
    }
}
