package io.liveupdate.revision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.liveupdate.testing.GitHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ModuleVisitor;
import org.objectweb.asm.Opcodes;

/** Builds in several compile executions, and the fallback's run of a Maven on an export of the revision. */
class ExecutionsAndFallbackTest {
    private static final String HEAD = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0"
            + "</modelVersion><groupId>org.example</groupId><artifactId>mr</artifactId><version>2.5</version>"
            + "<properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>";

    @TempDir
    Path tmp;

    @Test
    void anOverlayWithAModuleDescriptorCompilesAsTheNamedModuleIntoItsVersionDirectory() {
        String plugin = "<build><plugins><plugin><groupId>org.apache.maven.plugins</groupId>"
                + "<artifactId>maven-compiler-plugin</artifactId><executions>"
                + "<execution><id>default-compile</id><configuration><release>11</release></configuration></execution>"
                + "<execution><id>java17</id><phase>compile</phase><goals><goal>compile</goal></goals><configuration>"
                + "<release>17</release><compileSourceRoots><compileSourceRoot>${project.basedir}/src/main/java17"
                + "</compileSourceRoot></compileSourceRoots><multiReleaseOutput>true</multiReleaseOutput>"
                + "</configuration></execution></executions></plugin></plugins></build></project>";
        Map<String, String> files = Map.of(
                "pom.xml", HEAD + plugin,
                "src/main/java/org/example/mr/Api.java",
                        "package org.example.mr;\npublic interface Api { static int v() { return new Impl().v(); } }\n",
                "src/main/java/org/example/mr/Impl.java",
                        "package org.example.mr;\npublic class Impl { public int v() { return 11; } }\n",
                "src/main/java17/module-info.java", "module org.example.mr { exports org.example.mr; }\n",
                "src/main/java17/org/example/mr/Impl.java",
                        "package org.example.mr;\npublic class Impl { public int v() { return Api.class.hashCode() > 0"
                                + " ? 17 : 0; } }\n");
        try (GitHistory git = GitHistory.init(tmp.resolve("repo"))) {
            git.commit("mr", files);
        }

        RevisionResult.Compiled compiled;
        try (RevisionCompiler compiler = RevisionCompiler.open(tmp.resolve("repo"), TestArtifacts.options())) {
            compiled = assertInstanceOf(RevisionResult.Compiled.class, compiler.compile(compiler.resolve("HEAD")));
        }

        assertEquals(
                List.of("", "#java17"),
                compiled.specs().stream().map(CompileSpec::key).toList());
        assertEquals(
                List.of(
                        "META-INF/versions/17/module-info.class",
                        "META-INF/versions/17/org/example/mr/Impl.class",
                        "org/example/mr/Api.class",
                        "org/example/mr/Impl.class"),
                List.copyOf(compiled.classes().keySet()));
        String[] module = new String[2];
        new ClassReader(compiled.classes().get("META-INF/versions/17/module-info.class"))
                .accept(
                        new ClassVisitor(Opcodes.ASM9) {
                            @Override
                            public ModuleVisitor visitModule(String name, int access, String version) {
                                module[0] = name;
                                module[1] = version;
                                return null;
                            }
                        },
                        0);
        assertEquals("org.example.mr", module[0]);
        assertEquals("2.5", module[1], "--module-version is the project's version, as Maven passes it");
        assertEquals(
                61,
                new ClassReader(compiled.classes().get("META-INF/versions/17/org/example/mr/Impl.class")).readShort(6),
                "the overlay is release 17");
        assertEquals(55, new ClassReader(compiled.classes().get("org/example/mr/Impl.class")).readShort(6));
    }

    /** A stand-in for Maven: a script that writes what a build would, or fails as Maven reports a compile error. */
    private Path fakeMaven(String body) throws Exception {
        Path script = tmp.resolve("fake-mvn");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static final String GENERATING = HEAD + "<build><plugins><plugin><groupId>org.example</groupId>"
            + "<artifactId>gen-maven-plugin</artifactId><version>1</version><executions><execution>"
            + "<phase>generate-sources</phase><goals><goal>generate</goal></goals></execution></executions>"
            + "</plugin></plugins></build></project>";

    @Test
    void aTrustedFallbackRunsTheConfiguredMavenOnAnExportAndReadsTargetClasses() throws Exception {
        try (GitHistory git = GitHistory.init(tmp.resolve("repo"))) {
            git.commit("gen", Map.of("pom.xml", GENERATING, "src/main/java/p/A.java", "package p; class A {}"));
        }
        // The export holds the revision's tree; "building" it writes a class file into target/classes.
        byte[] classFile;
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(
                UntrustedRepositoryTest.jar(Map.of("p/A.java", "package p; class A {}"), Map.of())))) {
            zip.getNextEntry();
            classFile = zip.readAllBytes();
        }
        Path maven = fakeMaven("test -f pom.xml || exit 9\nmkdir -p target/classes/p\necho "
                + java.util.Base64.getEncoder().encodeToString(classFile) + " | base64 -d > target/classes/p/A.class");

        RevisionResult result;
        try (RevisionCompiler compiler = RevisionCompiler.open(
                tmp.resolve("repo"),
                TestArtifacts.options().withTrustBuild(true).withMavenExecutable(maven))) {
            result = compiler.compile(compiler.resolve("HEAD"));
        }

        RevisionResult.Compiled compiled = assertInstanceOf(RevisionResult.Compiled.class, result, result.toString());
        assertEquals(BuildMode.MAVEN, compiled.mode());
        assertEquals("fake-mvn", compiled.maven());
        assertEquals(List.of("p/A.class"), List.copyOf(compiled.classes().keySet()));
    }

    @Test
    void aFailedFallbackBuildIsAMavenFailureWithRepositoryPathsAndLines() throws Exception {
        try (GitHistory git = GitHistory.init(tmp.resolve("repo"))) {
            git.commit("gen", Map.of("pom.xml", GENERATING, "src/main/java/p/A.java", "package p; class A {}"));
        }
        Path maven = fakeMaven("echo \"[ERROR] $PWD/src/main/java/p/A.java:[3,7] cannot find symbol\"\nexit 1");

        RevisionResult result;
        try (RevisionCompiler compiler = RevisionCompiler.open(
                tmp.resolve("repo"),
                TestArtifacts.options().withTrustBuild(true).withMavenExecutable(maven))) {
            result = compiler.compile(compiler.resolve("HEAD"));
        }

        RevisionResult.Failed failed = assertInstanceOf(RevisionResult.Failed.class, result);
        assertEquals(RevisionResult.Stage.MAVEN, failed.stage());
        assertEquals("src/main/java/p/A.java:3: cannot find symbol", failed.message());
    }
}
