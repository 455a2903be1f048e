package io.liveupdate.revision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectModelReaderTest {
    private static final ArtifactResolver artifacts = TestArtifacts.resolver();

    /** Files of a revision held in a map. */
    record MapFiles(Map<String, String> files) implements RevisionFiles {
        @Override
        public Optional<byte[]> read(String path) {
            return Optional.ofNullable(files.get(path)).map(s -> s.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean isDirectory(String path) {
            return files.keySet().stream().anyMatch(p -> path.isEmpty() || p.startsWith(path + "/"));
        }

        @Override
        public List<String> list(String dir, String suffix) {
            List<String> out = new ArrayList<>();
            new TreeMap<>(files).keySet().forEach(p -> {
                if ((dir.isEmpty() || p.startsWith(dir + "/")) && p.endsWith(suffix)) {
                    out.add(p);
                }
            });
            return out;
        }
    }

    private static final String HEAD =
            "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>";
    private static final String PARENT_REF =
            "<parent><groupId>org.example</groupId><artifactId>parent</artifactId><version>1</version></parent>";

    private static String parent(String modules, String properties, String build, String profiles) {
        return HEAD + "<groupId>org.example</groupId><artifactId>parent</artifactId><version>1</version>"
                + "<packaging>pom</packaging><modules>" + modules + "</modules><properties>" + properties
                + "</properties><build>" + build + "</build><profiles>" + profiles + "</profiles></project>";
    }

    private static String child(String artifactId, String dependencies, String build) {
        return HEAD + PARENT_REF + "<artifactId>" + artifactId + "</artifactId><dependencies>" + dependencies
                + "</dependencies><build>" + build + "</build></project>";
    }

    private static String dep(String groupId, String artifactId, String version) {
        return "<dependency><groupId>" + groupId + "</groupId><artifactId>" + artifactId + "</artifactId>"
                + (version == null ? "" : "<version>" + version + "</version>") + "</dependency>";
    }

    @Test
    void compilerOptionsComeFromInheritedPluginConfigurationPropertiesAndJdkProfiles() {
        String compiler = "<pluginManagement><plugins><plugin><groupId>org.apache.maven.plugins</groupId>"
                + "<artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version><configuration>"
                + "<debuglevel>lines,source</debuglevel><parameters>true</parameters>"
                + "<compilerArgs><arg>-Xlint:all</arg></compilerArgs></configuration></plugin></plugins></pluginManagement>";
        String profiles = "<profile><id>new</id><activation><jdk>[17,)</jdk></activation>"
                + "<properties><maven.compiler.release>17</maven.compiler.release></properties></profile>"
                + "<profile><id>old</id><activation><jdk>(,1.8]</jdk></activation>"
                + "<properties><maven.compiler.release>8</maven.compiler.release></properties></profile>";
        MapFiles files = new MapFiles(Map.of(
                "pom.xml",
                parent(
                        "<module>lib</module>",
                        "<project.build.sourceEncoding>ISO-8859-1</project.build.sourceEncoding>",
                        compiler,
                        profiles),
                "lib/pom.xml",
                child("lib", "", "")));

        ProjectModel model = new ProjectModelReader(artifacts, null).read(files);

        CompileSpec lib = model.module("lib").orElseThrow();
        assertEquals(
                List.of("-g:lines,source", "-parameters", "--release", "17", "-encoding", "ISO-8859-1", "-Xlint:all"),
                lib.javacOptions());
        assertEquals("ISO-8859-1", lib.encoding());
        assertEquals(List.of("lib/src/main/java"), lib.sourceRoots());
        assertEquals(List.of(), lib.fallbackReasons());
        assertEquals(List.of("pom.xml", "lib/pom.xml"), model.buildFiles());
    }

    @Test
    void sourceAndTargetWhenNoReleaseAndPluginDefaultsOtherwise() {
        MapFiles files = new MapFiles(Map.of(
                "pom.xml",
                HEAD + "<groupId>g</groupId><artifactId>a</artifactId><version>1</version><properties>"
                        + "<maven.compiler.source>11</maven.compiler.source>"
                        + "<maven.compiler.target>11</maven.compiler.target>"
                        + "<maven.compiler.debug>false</maven.compiler.debug></properties></project>"));

        CompileSpec spec =
                new ProjectModelReader(artifacts, null).read(files).modules().get(0);

        assertEquals(List.of("-g:none", "-target", "11", "-source", "11"), spec.javacOptions());
        assertEquals(null, spec.encoding());
        assertEquals(List.of("src/main/java"), spec.sourceRoots());
        assertEquals("pom", spec.origin());
    }

    @Test
    void reactorModulesAreOrderedAndTheirDependenciesResolvedTransitively() {
        MapFiles files = new MapFiles(Map.of(
                "pom.xml",
                parent("<module>app</module><module>core</module>", "", "", ""),
                "core/pom.xml",
                child("core", dep("org.ow2.asm", "asm", "9.9.1"), ""),
                "app/pom.xml",
                child("app", dep("org.example", "core", "1"), "")));

        ProjectModel model = new ProjectModelReader(artifacts, null).read(files);

        assertEquals(
                List.of("core", "app"),
                model.modules().stream().map(CompileSpec::module).toList());
        CompileSpec app = model.module("app").orElseThrow();
        assertEquals(List.of("core"), app.reactorDependencies());
        assertTrue(
                app.classpath().stream()
                        .anyMatch(p -> p.getFileName().toString().equals("asm-9.9.1.jar")),
                app.classpath().toString());
        assertEquals(
                model.module("core").orElseThrow().classpath(),
                app.classpath(),
                "the same dependency set is resolved once and shared");
    }

    @Test
    void classpathOverrideSkipsResolution() {
        MapFiles files = new MapFiles(Map.of(
                "pom.xml",
                HEAD + "<groupId>g</groupId><artifactId>a</artifactId><version>1</version><dependencies>"
                        + dep("org.example.missing", "nothing", "1") + "</dependencies></project>"));

        CompileSpec spec = new ProjectModelReader(null, List.of(Path.of("lib.jar")))
                .read(files)
                .modules()
                .get(0);

        assertEquals(List.of(Path.of("lib.jar")), spec.classpath());
    }

    @Test
    void annotationProcessorsAndUnknownPluginsNeedTheFallback() {
        String processors = "<plugins><plugin><groupId>org.apache.maven.plugins</groupId>"
                + "<artifactId>maven-compiler-plugin</artifactId><configuration><annotationProcessorPaths><path>"
                + "<groupId>g</groupId><artifactId>proc</artifactId><version>1</version></path>"
                + "</annotationProcessorPaths></configuration></plugin>"
                + "<plugin><groupId>org.codehaus.mojo</groupId><artifactId>build-helper-maven-plugin</artifactId>"
                + "<version>3.6.0</version></plugin></plugins>";
        MapFiles files = new MapFiles(Map.of(
                "pom.xml", parent("<module>lib</module>", "", "", ""), "lib/pom.xml", child("lib", "", processors)));

        CompileSpec lib =
                new ProjectModelReader(artifacts, null).read(files).modules().get(0);

        // build-helper is declared without executions: it binds nothing, so it is no reason
        assertEquals(
                List.of("maven-compiler-plugin:compile@compile (runs the annotation processors of"
                        + " annotationProcessorPaths)"),
                lib.fallbackReasons());
    }

    @Test
    void eachCompileExecutionIsASpecInTheOrderMavenRunsThem() {
        String passes = "<plugins><plugin><groupId>org.apache.maven.plugins</groupId>"
                + "<artifactId>maven-compiler-plugin</artifactId><configuration><encoding>UTF-8</encoding>"
                + "</configuration><executions>"
                + "<execution><id>default-compile</id><phase>none</phase></execution>"
                + "<execution><id>base</id><phase>compile</phase><goals><goal>compile</goal></goals><configuration>"
                + "<release>8</release><excludes><exclude>**/package-info.java</exclude></excludes>"
                + "<useIncrementalCompilation>false</useIncrementalCompilation></configuration></execution>"
                + "<execution><id>java11</id><phase>compile</phase><goals><goal>compile</goal></goals><configuration>"
                + "<release>11</release><compileSourceRoots><compileSourceRoot>${project.basedir}/src/main/java11"
                + "</compileSourceRoot></compileSourceRoots><multiReleaseOutput>true</multiReleaseOutput>"
                + "</configuration></execution>"
                + "<execution><id>unbound</id><phase>none</phase><goals><goal>compile</goal></goals></execution>"
                + "</executions></plugin></plugins>";
        MapFiles files = new MapFiles(Map.of(
                "pom.xml",
                HEAD + "<groupId>g</groupId><artifactId>a</artifactId><version>1</version><build>" + passes
                        + "</build></project>"));

        List<CompileSpec> specs =
                new ProjectModelReader(artifacts, null).read(files).modules();

        assertEquals(
                List.of("#base", "#java11"),
                specs.stream().map(CompileSpec::key).toList());
        CompileSpec base = specs.get(0);
        CompileSpec java11 = specs.get(1);
        assertEquals(List.of(), base.fallbackReasons());
        assertEquals(List.of("src/main/java"), base.sourceRoots());
        assertEquals(List.of("**/package-info.java"), base.excludes());
        assertTrue(base.staleSourcesOnly() && base.javacOptions().containsAll(List.of("--release", "8")));
        assertEquals(List.of("src/main/java11"), java11.sourceRoots());
        assertEquals("META-INF/versions/11/", java11.outputPrefix());
        assertEquals(List.of("#base"), java11.reactorDependencies(), "the later pass compiles against the earlier");
        assertTrue(java11.javacOptions().containsAll(List.of("--release", "11", "-encoding", "UTF-8")));
    }

    @Test
    void aDependencyThatRegistersAnnotationProcessorsNeedsTheFallbackUnlessProcIsNone(@TempDir Path tmp)
            throws Exception {
        Path jar = tmp.resolve("processor.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("META-INF/services/javax.annotation.processing.Processor"));
            zip.write("org.example.Processor\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        String pom = HEAD + "<groupId>g</groupId><artifactId>a</artifactId><version>1</version>%s</project>";

        CompileSpec processing = new ProjectModelReader(null, List.of(jar))
                .read(new MapFiles(Map.of("pom.xml", String.format(pom, ""))))
                .modules()
                .get(0);
        CompileSpec procNone = new ProjectModelReader(null, List.of(jar))
                .read(new MapFiles(Map.of(
                        "pom.xml",
                        String.format(
                                pom, "<properties><maven.compiler.proc>none</maven.compiler.proc></properties>"))))
                .modules()
                .get(0);

        assertEquals(
                List.of("maven-compiler-plugin:compile@compile (classpath entry processor.jar registers annotation"
                        + " processors, which javac runs by default)"),
                processing.fallbackReasons());
        assertEquals(List.of(), procNone.fallbackReasons());
        assertTrue(procNone.javacOptions().contains("-proc:none"));
    }

    @Test
    void aTreeWithoutPomGetsDocumentedDefaults() {
        MapFiles files = new MapFiles(Map.of("src/main/java/p/A.java", "package p; class A {}"));

        CompileSpec spec =
                new ProjectModelReader(null, null).read(files).modules().get(0);

        assertEquals("defaults", spec.origin());
        assertEquals(List.of("src/main/java"), spec.sourceRoots());
        assertEquals(
                List.of("-g", "--release", Integer.toString(Runtime.version().feature()), "-encoding", "UTF-8"),
                spec.javacOptions());
    }

    @Test
    void brokenPomAndMissingArtifactsAreTypedErrors() {
        RevisionException invalid = assertThrows(RevisionException.class, () -> new ProjectModelReader(artifacts, null)
                .read(new MapFiles(Map.of("pom.xml", "<project><oops"))));
        assertEquals(RevisionException.Reason.INVALID_MODEL, invalid.reason());
        assertTrue(invalid.getMessage().startsWith("pom.xml: "), invalid.getMessage());

        MapFiles missingParent = new MapFiles(Map.of(
                "pom.xml",
                HEAD + "<parent><groupId>org.example.missing</groupId><artifactId>nothing</artifactId>"
                        + "<version>1</version><relativePath/></parent><artifactId>a</artifactId></project>"));
        RevisionException missing = assertThrows(
                RevisionException.class, () -> new ProjectModelReader(artifacts, null).read(missingParent));
        assertEquals(RevisionException.Reason.ARTIFACTS_MISSING, missing.reason());
    }
}
