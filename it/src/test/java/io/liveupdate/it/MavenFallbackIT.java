package io.liveupdate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.revision.BuildMode;
import io.liveupdate.revision.RevisionCompiler;
import io.liveupdate.revision.RevisionResult;
import io.liveupdate.revision.ToolCache;
import io.liveupdate.testing.GitHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact fallback, for a build that generates a source before it compiles (antrun writes it, build-helper adds its
 * directory): without trust nothing of the repository runs and the revision is refused naming the goal; with trust the
 * revision is built by Maven 3.9.16, resolved from Maven Central as {@code apache-maven:zip:bin} into liveupdate's
 * cache (the project has no {@code mvnw}; a {@code mvn} on the PATH is never used), and the result says so. The working
 * tree is not used: it holds an uncompilable edit.
 */
class MavenFallbackIT {
    @TempDir
    Path tmp;

    @Test
    void aBuildThatGeneratesSourcesRunsOnlyWhenTrustedAndThenWithAPinnedMavenFromTheRepositories() throws Exception {
        Path marker = tmp.resolve("the-build-ran");
        Path project = tmp.resolve("generates");
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                "pom.xml",
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                        + "<groupId>org.example</groupId><artifactId>generates</artifactId><version>1</version>"
                        + "<properties><maven.compiler.release>17</maven.compiler.release>"
                        + "<project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>"
                        + "<build><plugins>"
                        + "<plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>"
                        + "<plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>"
                        + "<plugin><artifactId>maven-antrun-plugin</artifactId><version>3.1.0</version><executions>"
                        + "<execution><id>generate</id><phase>generate-sources</phase><goals><goal>run</goal></goals>"
                        + "<configuration><target>"
                        + "<echo file=\"" + marker + "\" message=\"ran\"/>"
                        + "<echo file=\"${project.build.directory}/generated-sources/gen/p/Gen.java\""
                        + " message=\"package p; public class Gen { public static int v() { return 42; } }\"/>"
                        + "</target></configuration></execution></executions></plugin>"
                        + "<plugin><groupId>org.codehaus.mojo</groupId><artifactId>build-helper-maven-plugin</artifactId>"
                        + "<version>3.6.0</version><executions><execution><id>add</id><goals><goal>add-source</goal>"
                        + "</goals><configuration><sources><source>${project.build.directory}/generated-sources/gen"
                        + "</source></sources></configuration></execution></executions></plugin>"
                        + "</plugins></build></project>");
        files.put("src/main/java/p/A.java", "package p;\npublic class A { int v() { return Gen.v(); } }\n");
        try (GitHistory git = GitHistory.init(project)) {
            git.commit("generates a source", files);
        }
        Files.writeString(project.resolve("src/main/java/p/A.java"), "not java");
        ToolCache cache = new ToolCache(tmp.resolve("cache"));
        List<String> announced = new ArrayList<>();

        RevisionResult untrusted;
        RevisionResult trusted;
        try (RevisionCompiler plain = RevisionCompiler.open(
                        project, CompilerOptions.withResolver().withCache(cache));
                RevisionCompiler trusting = RevisionCompiler.open(
                        project,
                        CompilerOptions.withResolver()
                                .withCache(cache)
                                .withTrustBuild(true)
                                .withListener((commit, maven, reasons) -> announced.add(maven + ": " + reasons)))) {
            untrusted = plain.compile(plain.resolve("HEAD"));
            assertFalse(Files.exists(marker), "the repository's build ran without trust");
            trusted = trusting.compile(trusting.resolve("HEAD"));
        }

        RevisionResult.Failed refused = assertInstanceOf(RevisionResult.Failed.class, untrusted);
        assertEquals(RevisionResult.Stage.UNTRUSTED, refused.stage());
        assertEquals(
                List.of("build-helper-maven-plugin:add-source@generate-sources (adds target/generated-sources/gen,"
                        + " which the build generates)"),
                refused.diagnostics());
        RevisionResult.Compiled built = assertInstanceOf(RevisionResult.Compiled.class, trusted, trusted.toString());
        assertEquals(BuildMode.MAVEN, built.mode());
        assertEquals("Maven 3.9.16", built.maven());
        assertEquals(List.of("Maven 3.9.16: " + refused.diagnostics()), announced);
        assertEquals(
                List.of("p/A.class", "p/Gen.class"), List.copyOf(built.classes().keySet()));
        assertTrue(Files.isRegularFile(cache.directory().resolve("maven/apache-maven-3.9.16/bin/mvn")));
        assertTrue(Files.exists(marker), "with trust, the build ran");
        assertEquals("not java", Files.readString(project.resolve("src/main/java/p/A.java")));
    }
}
