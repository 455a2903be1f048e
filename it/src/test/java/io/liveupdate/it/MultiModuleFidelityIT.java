package io.liveupdate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.revision.BuildMode;
import io.liveupdate.revision.RevisionCompiler;
import io.liveupdate.revision.RevisionResult;
import io.liveupdate.testing.GitHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fidelity: the class files the revision compiler produces for HEAD of a generated five-module project (three with
 * compiler settings, two whose builds run plugin goals it models in memory, one of them a multi-release build in three
 * compile executions) equal byte for byte what the wrapper's Maven ({@code ./mvnw compile}) writes to each module's
 * {@code target/classes}, with the same JDK.
 */
class MultiModuleFidelityIT {
    @TempDir
    Path tmp;

    @Test
    void inMemoryClassesEqualMavenTargetClasses() throws Exception {
        Path project = tmp.resolve("sample");
        try (GitHistory git = GitHistory.init(project)) {
            git.commit("sample", SampleProject.files());
        }

        RevisionResult result;
        try (RevisionCompiler compiler = RevisionCompiler.open(project, CompilerOptions.withResolver())) {
            result = compiler.compile(compiler.resolve("HEAD"));
        }
        mavenCompile(project);

        RevisionResult.Compiled compiled = assertInstanceOf(RevisionResult.Compiled.class, result, result.toString());
        assertEquals(BuildMode.FULL, compiled.mode());
        assertEquals(
                List.of("core", "service", "app", "tools", "multirelease"),
                compiled.modules().stream()
                        .map(m -> m.spec().module())
                        .distinct()
                        .toList());
        assertEquals(List.of(), compiled.deviations(), "every plugin goal is modelled in memory");
        int compared = 0;
        for (String module : List.of("core", "service", "app", "tools", "multirelease")) {
            Map<String, byte[]> ours = new TreeMap<>();
            compiled.modules().stream()
                    .filter(m -> m.spec().module().equals(module))
                    .forEach(m -> ours.putAll(m.classes()));
            Map<String, byte[]> maven = classes(project.resolve(module).resolve("target/classes"));
            assertFalse(maven.isEmpty(), module);
            assertEquals(maven.keySet(), ours.keySet(), module);
            for (Map.Entry<String, byte[]> e : maven.entrySet()) {
                assertTrue(Arrays.equals(e.getValue(), ours.get(e.getKey())), module + "/" + e.getKey() + " differs");
                compared++;
            }
        }
        assertTrue(compared >= 20, "compared " + compared + " class files");
        assertEquals(
                List.of("tools/src/main/java", "tools/src/extra/java"),
                compiled.module("tools").spec().sourceRoots());
        assertEquals(
                List.of("compile-package-info", "compile-base", "compile-17"),
                compiled.modules().stream()
                        .filter(m -> m.spec().module().equals("multirelease"))
                        .map(m -> m.spec().execution())
                        .toList());
        assertTrue(compiled.classes().containsKey("META-INF/versions/17/module-info.class"));
        assertTrue(compiled.module("service").spec().javacOptions().contains("-source"));
        assertTrue(compiled.module("core").spec().javacOptions().contains("-parameters"));
        assertTrue(compiled.module("core").classes().containsKey("org/example/core/package-info.class"));
    }

    private static void mavenCompile(Path project) throws IOException, InterruptedException {
        Path root = liveupdateRoot();
        Path log = project.resolveSibling("maven.log");
        List<String> command =
                new ArrayList<>(List.of("sh", root.resolve("mvnw").toString()));
        command.addAll(List.of("-B", "-q", "-f", project.resolve("pom.xml").toString(), "compile"));
        String localRepo = System.getProperty("maven.repo.local");
        if (localRepo != null) {
            command.add("-Dmaven.repo.local=" + localRepo);
        }
        Process p = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "maven did not finish");
        assertEquals(0, p.exitValue(), () -> "maven failed:\n" + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The liveupdate checkout: the directory holding {@code mvnw} (the wrapper whose Maven CI uses). */
    static Path liveupdateRoot() {
        String configured = System.getProperty("liveupdate.root");
        Path start = Path.of(configured != null && !configured.isBlank() ? configured : System.getProperty("user.dir"))
                .toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve(".mvn"))) {
                return p;
            }
        }
        throw new IllegalStateException("no mvnw above " + start);
    }

    private static Map<String, byte[]> classes(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".class"))::iterator) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
