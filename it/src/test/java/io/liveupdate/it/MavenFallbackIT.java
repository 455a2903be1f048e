package io.liveupdate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.revision.BuildMode;
import io.liveupdate.revision.RevisionCompiler;
import io.liveupdate.revision.RevisionResult;
import io.liveupdate.testing.GitHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact fallback: a build that compiles in two executions (as multi-release projects do) cannot be described by
 * one compile spec, so the revision is built by the project's own Maven ({@code ./mvnw} committed in the project) in a
 * temporary export, and the result says so. The working tree is not used: it holds an uncompilable edit.
 */
class MavenFallbackIT {
    @TempDir
    Path tmp;

    @Test
    void aBuildWithExtraCompileExecutionsIsBuiltByTheProjectsOwnMaven() throws Exception {
        Path root = MultiModuleFidelityIT.liveupdateRoot();
        Path project = tmp.resolve("twopass");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("mvnw", Files.readString(root.resolve("mvnw")));
        files.put(
                ".mvn/wrapper/maven-wrapper.properties",
                Files.readString(root.resolve(".mvn/wrapper/maven-wrapper.properties")));
        files.put(
                "pom.xml",
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                        + "<groupId>org.example</groupId><artifactId>twopass</artifactId><version>1</version>"
                        + "<properties><maven.compiler.release>17</maven.compiler.release>"
                        + "<project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>"
                        + "<build><plugins><plugin><groupId>org.apache.maven.plugins</groupId>"
                        + "<artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>"
                        + "<plugin><groupId>org.apache.maven.plugins</groupId>"
                        + "<artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version><executions>"
                        + "<execution><id>default-compile</id><phase>none</phase></execution>"
                        + "<execution><id>main</id><phase>compile</phase><goals><goal>compile</goal></goals></execution>"
                        + "</executions></plugin></plugins></build></project>");
        files.put("src/main/java/p/A.java", "package p;\npublic class A { Runnable r = () -> {}; }\n");
        try (GitHistory git = GitHistory.init(project)) {
            git.commit("two pass", files);
        }
        Files.writeString(project.resolve("src/main/java/p/A.java"), "not java");

        RevisionResult.Compiled viaMaven;
        RevisionResult.Compiled inMemory;
        try (RevisionCompiler compiler = RevisionCompiler.open(project, CompilerOptions.withResolver());
                RevisionCompiler memory = RevisionCompiler.open(
                        project, CompilerOptions.withResolver().withMavenFallback(false))) {
            viaMaven = assertInstanceOf(RevisionResult.Compiled.class, compiler.compile(compiler.resolve("HEAD")));
            inMemory = assertInstanceOf(RevisionResult.Compiled.class, memory.compile(memory.resolve("HEAD")));
        }

        assertEquals(BuildMode.MAVEN, viaMaven.mode());
        assertTrue(
                viaMaven.specs()
                        .get(0)
                        .fallbackReasons()
                        .contains("maven-compiler-plugin's default-compile execution is disabled"),
                viaMaven.specs().get(0).fallbackReasons().toString());
        assertEquals(BuildMode.FULL, inMemory.mode());
        assertEquals(inMemory.classes().keySet(), viaMaven.classes().keySet());
        assertTrue(Arrays.equals(
                inMemory.classes().get("p/A.class"), viaMaven.classes().get("p/A.class")));
        assertEquals("not java", Files.readString(project.resolve("src/main/java/p/A.java")));
    }
}
